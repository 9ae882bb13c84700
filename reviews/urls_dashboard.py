"""URLs for the dashboard and queue pages; joined into the reviews namespace by reviews/urls.py."""

urlpatterns: list = []
