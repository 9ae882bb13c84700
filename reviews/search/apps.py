from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate


class SearchConfig(AppConfig):
    """A leaf of reviews: its own views, URLs and templates, and one table (claim embeddings)."""

    name = "reviews.search"
    label = "search"
    verbose_name = "Search and claim matching"

    def ready(self) -> None:
        from reviews.search.sqlite_fts import build_index
        from reviews.search.tasks import queue_embeddings
        from reviews.signals import claim_texts_changed

        # Sent per app with models; the core's is the one whose tables are indexed.
        post_migrate.connect(build_index, sender=apps.get_app_config("reviews"))
        claim_texts_changed.connect(queue_embeddings, dispatch_uid="search.queue_embeddings")
