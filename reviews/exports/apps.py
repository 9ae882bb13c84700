from django.apps import AppConfig


class ExportsConfig(AppConfig):
    """A leaf of reviews: its own views, URLs and templates; no models of its own."""

    name = "reviews.exports"
    label = "exports"
    verbose_name = "Reports and exports"
