"""URLs for the exports pages; joined into the reviews namespace by reviews/urls.py."""

urlpatterns: list = []
