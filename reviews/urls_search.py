"""URLs for the search pages; joined into the reviews namespace by reviews/urls.py."""

urlpatterns: list = []
