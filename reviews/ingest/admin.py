from django.contrib import admin

from reviews.ingest.models import ImportJob


@admin.register(ImportJob)
class ImportJobAdmin(admin.ModelAdmin):
    """Imports queued for the worker: read only (editors retry from the progress page; the
    task rows themselves, with tracebacks, are under "Django Tasks DB")."""

    list_display = ["pk", "created_at", "created_by", "kind", "status", "step", "attempts"]
    list_filter = ["status", "kind"]
    search_fields = ["url", "created_by__username"]
    date_hierarchy = "created_at"
    exclude = ["draft"]  # up to MAX_ARTICLE_CHARS of text

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
