"""URLs for the dashboard and queue pages; joined into the reviews namespace by reviews/urls.py."""

from django.urls import path

from reviews import dashboard_views

urlpatterns: list = [
    path("dashboard/", dashboard_views.dashboard_page, name="dashboard"),
    path("queue/", dashboard_views.my_queue, name="my_queue"),
]
