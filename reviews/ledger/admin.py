from django.contrib import admin

from reviews.ledger.models import LinkCheck, Snapshot


class ReadOnly(admin.ModelAdmin):
    """The ledger is a record: admins read it; nothing in it is edited or deleted by hand."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Snapshot)
class SnapshotAdmin(ReadOnly):
    list_display = ["pk", "fetched_at", "url", "status", "found", "error"]
    list_filter = ["found", "status"]
    search_fields = ["url", "final_url", "sha256"]
    date_hierarchy = "fetched_at"
    exclude = ["text"]  # up to IMPORT_MAX_BYTES; the archived page shows it


@admin.register(LinkCheck)
class LinkCheckAdmin(ReadOnly):
    list_display = ["pk", "checked_at", "evidence", "status", "gone", "moved", "changed"]
    list_filter = ["gone", "moved", "changed", "excerpt_lost"]
    list_select_related = ["evidence__source"]
    date_hierarchy = "checked_at"
