from django.apps import AppConfig


class IngestConfig(AppConfig):
    """A leaf of reviews: its own views, URLs and templates, and its import jobs (models.py)."""

    name = "reviews.ingest"
    label = "ingest"
    verbose_name = "Import and claim proposals"
