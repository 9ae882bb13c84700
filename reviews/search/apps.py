from django.apps import AppConfig


class SearchConfig(AppConfig):
    """A leaf of reviews: its own views, URLs and templates; no models of its own."""

    name = "reviews.search"
    label = "search"
    verbose_name = "Search and claim matching"
