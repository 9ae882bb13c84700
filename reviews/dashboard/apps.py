from django.apps import AppConfig


class DashboardConfig(AppConfig):
    """A leaf of reviews: its own views, URLs and templates; no models of its own."""

    name = "reviews.dashboard"
    label = "dashboard"
    verbose_name = "Dashboard and queues"
