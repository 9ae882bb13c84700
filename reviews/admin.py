from django.contrib import admin

from reviews.models import Article, Claim, Source, VerdictRecord


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "country", "reliability", "domain"]
    list_filter = ["kind", "reliability", "country"]
    search_fields = ["name", "domain", "notes"]


class ClaimInline(admin.TabularInline):
    model = Claim
    extra = 0
    fields = ["start", "end", "text", "attribution", "state", "verdict", "version"]
    readonly_fields = ["verdict", "version"]
    show_change_link = True


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["title", "outlet", "status", "origin", "created_at"]
    list_filter = ["status", "origin", "outlet"]
    search_fields = ["title", "outlet", "byline", "url"]
    date_hierarchy = "created_at"
    filter_horizontal = ["assignees"]
    inlines = [ClaimInline]

    def get_readonly_fields(self, request, obj=None):
        # Claims are anchored by offsets: once any exists the body is frozen.
        if obj is not None and obj.claims.exists():
            return ["body", "created_by"]
        return ["created_by"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)


class VerdictRecordInline(admin.TabularInline):
    model = VerdictRecord
    extra = 0
    can_delete = False
    fields = ["created_at", "editor", "verdict", "note", "claim_version"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Claim)
class ClaimAdmin(admin.ModelAdmin):
    list_display = ["short_text", "article", "attribution", "state", "verdict", "updated_at"]
    list_filter = ["verdict", "state", "origin"]
    search_fields = ["text", "attribution", "note", "article__title"]
    list_select_related = ["article"]
    raw_id_fields = ["article"]
    readonly_fields = ["verdict", "note", "version", "updated_at", "updated_by"]
    inlines = [VerdictRecordInline]

    @admin.display(description="Claim")
    def short_text(self, obj: Claim) -> str:
        return obj.text[:90]


@admin.register(VerdictRecord)
class VerdictRecordAdmin(admin.ModelAdmin):
    """History is append-only: admins can read it, never change it."""

    list_display = ["created_at", "claim", "verdict", "editor"]
    list_filter = ["verdict"]
    search_fields = ["note", "claim__text"]
    list_select_related = ["claim", "editor"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
