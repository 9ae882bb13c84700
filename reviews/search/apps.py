from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate


class SearchConfig(AppConfig):
    """A leaf of reviews: its own views, URLs and templates; no models of its own."""

    name = "reviews.search"
    label = "search"
    verbose_name = "Search and claim matching"

    def ready(self) -> None:
        from reviews.search.sqlite_fts import build_index

        # Sent per app with models; the core's is the one whose tables are indexed.
        post_migrate.connect(build_index, sender=apps.get_app_config("reviews"))
