from django.contrib import admin

from reviews.accounts.models import AccountEvent


@admin.register(AccountEvent)
class AccountEventAdmin(admin.ModelAdmin):
    """The account audit trail: read only, like the article audit."""

    list_display = ["at", "actor", "action", "ip"]
    list_filter = ["action"]
    search_fields = ["actor__username", "ip"]
    date_hierarchy = "at"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
