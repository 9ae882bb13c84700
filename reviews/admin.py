"""Django admin: the source registry (counts, where cited, merging duplicates), articles and
claims with inlines, and read-only views of the append-only history and audit trail."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.options import ActionLocation
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.text import Truncator

from reviews import audit, workflow
from reviews import claims as claim_edits
from reviews.models import (
    Article,
    Claim,
    ClaimEditRefused,
    ClaimState,
    Event,
    Evidence,
    Source,
    StaleEdit,
    VerdictRecord,
    can_review,
)
from reviews.sources import merge_sources

CITED_IN_LIMIT = 200


class MergeSourcesForm(forms.Form):
    keep = forms.ModelChoiceField(
        queryset=Source.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        label="Source to keep",
        help_text="The other selected sources are deleted once their evidence has moved here.",
    )

    def __init__(self, *args, sources: QuerySet[Source], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["keep"].queryset = sources


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "kind",
        "country",
        "reliability",
        "confirmed",
        "domain",
        "evidence_count",
        "claim_count",
    ]
    list_filter = ["kind", "country", "reliability", "confirmed"]
    search_fields = ["name", "domain", "notes"]
    readonly_fields = ["cited_in", "created_by"]
    actions = ["merge_selected"]

    def get_queryset(self, request):
        current = Q(evidence__removed_at__isnull=True)
        return (
            super()
            .get_queryset(request)
            .annotate(
                evidence_total=Count("evidence", filter=current, distinct=True),
                claim_total=Count("evidence__claim", filter=current, distinct=True),
            )
        )

    @admin.display(description="Evidence", ordering="evidence_total")
    def evidence_count(self, obj: Source) -> int:
        return obj.evidence_total

    @admin.display(description="Claims", ordering="claim_total")
    def claim_count(self, obj: Source) -> int:
        return obj.claim_total

    @admin.display(description="Cited in")
    def cited_in(self, obj: Source) -> str:
        if obj.pk is None:
            return "Not cited yet."
        items = list(
            obj.evidence.current()
            .select_related("claim__article")
            .order_by("claim__article__title", "claim__start", "pk")[: CITED_IN_LIMIT + 1]
        )
        if not items:
            return "Not cited yet."
        rows = format_html_join(
            "\n",
            '<li><a href="{}">{}</a>: “{}” ({})</li>',
            (
                (
                    reverse("reviews:article_review", args=[e.claim.article_id])
                    + f"#claim-{e.claim_id}",
                    e.claim.article.title,
                    Truncator(e.claim.text).chars(100),
                    e.get_stance_display().lower(),
                )
                for e in items[:CITED_IN_LIMIT]
            ),
        )
        more = format_html("<li>…and more</li>") if len(items) > CITED_IN_LIMIT else ""
        return format_html('<ul class="cited-in">{}{}</ul>', rows, more)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def has_merge_permission(self, request) -> bool:
        # Admin action permissions are alternatives; merging changes one and deletes others.
        return self.has_change_permission(request) and self.has_delete_permission(request)

    @admin.action(description="Merge selected sources…", permissions=["merge"])
    def merge_selected(self, request, queryset):
        if queryset.count() < 2:
            self.message_user(request, "Select at least two sources to merge.", messages.WARNING)
            return None
        sources = queryset.order_by("-evidence_total", "pk")
        if request.POST.get("post") == "yes":
            form = MergeSourcesForm(request.POST, sources=sources)
            if form.is_valid():
                keep = form.cleaned_data["keep"]
                others = [s for s in sources if s.pk != keep.pk]
                moved = merge_sources(keep=keep, others=others, actor=request.user)
                names = ", ".join(f"“{s.name}”" for s in others)
                self.message_user(
                    request,
                    f"Merged {names} into “{keep.name}”: {moved} evidence item"
                    f"{'' if moved == 1 else 's'} moved.",
                    messages.SUCCESS,
                )
                return None
        else:
            form = MergeSourcesForm(sources=sources, initial={"keep": sources[0].pk})
        context = {
            **self.admin_site.each_context(request),
            "title": "Merge duplicate sources",
            "opts": self.model._meta,
            "sources": sources,
            "form": form,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/reviews/source/merge_confirmation.html", context)


class ClaimInline(admin.TabularInline):
    """Claims are read here; they change on the review page, where every change is audited."""

    model = Claim
    extra = 0
    can_delete = False
    fields = ["start", "end", "text", "attribution", "state", "verdict", "version"]
    readonly_fields = fields
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False


def move_to(status: str):
    """An admin action moving articles through the workflow: its rules, its audit event."""

    @admin.action(description=f"Move to “{Article.Status(status).label}”")
    def action(modeladmin, request, queryset):
        for article in queryset:
            try:
                workflow.change_status(
                    article, user=request.user, to=status, expected=article.status
                )
            except workflow.TransitionRefused as refused:
                modeladmin.message_user(request, f"{article}: {refused}", messages.ERROR)
            else:
                modeladmin.message_user(request, f"{article}: {article.get_status_display()}.")

    action.__name__ = f"move_to_{status}"
    return action


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["title", "outlet", "status", "origin", "created_at"]
    list_filter = ["status", "origin", "outlet"]
    search_fields = ["title", "outlet", "byline", "url"]
    date_hierarchy = "created_at"
    filter_horizontal = ["assignees"]
    inlines = [ClaimInline]
    actions = [move_to(status) for status in Article.Status.values]
    # Status moves only through the workflow (the actions above); assignment on the review
    # page, where both are audited.
    AUDITED_FIELDS = ["title", "outlet", "url", "byline", "published_on", "second_review_blind"]

    def get_readonly_fields(self, request, obj=None):
        # Claims are anchored by offsets: once any exists the body is frozen.
        frozen = ["status", "assignees", "created_by"]
        if obj is not None and obj.claims.exists():
            return ["body", *frozen]
        return frozen

    def get_actions(self, request, action_location=ActionLocation.CHANGE_LIST):
        actions = super().get_actions(request, action_location)
        actions.pop("delete_selected", None)  # no bulk delete of reviewed work
        return actions

    def has_delete_permission(self, request, obj=None):
        """An article with claims or history is kept: its record must survive."""
        if obj is not None and (obj.claims.exists() or obj.events.exists()):
            return False
        return super().has_delete_permission(request, obj)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
            super().save_model(request, obj, form, change)
            return
        changed = [name for name in self.AUDITED_FIELDS if name in form.changed_data]
        with transaction.atomic():
            before = Article.objects.filter(pk=obj.pk).values(*changed).first() if changed else {}
            super().save_model(request, obj, form, change)
            if changed:
                Event.objects.record(
                    actor=request.user,
                    article_id=obj.pk,
                    obj=obj,
                    action="article.edit",
                    before={k: audit.plain(v) for k, v in before.items()},
                    after=audit.snapshot(obj, changed),
                )


class ReadOnlyAdmin(admin.ModelAdmin):
    """Append-only or audited elsewhere: admins read, never add, change or delete."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class VerdictRecordInline(admin.TabularInline):
    model = VerdictRecord
    extra = 0
    can_delete = False
    fields = ["created_at", "editor", "verdict", "note", "claim_version"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


class EvidenceInline(admin.TabularInline):
    """Evidence is added and removed on the review page, where every change is audited."""

    model = Evidence
    extra = 0
    can_delete = False
    fields = ["source", "stance", "excerpt", "url", "accessed_on", "added_by", "removed_at"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.action(description="Reject the selected claims (audited)", permissions=["review"])
def reject_claims(modeladmin, request, queryset):
    set_claims_state(modeladmin, request, queryset, ClaimState.REJECTED)


@admin.action(description="Restore the selected claims (audited)", permissions=["review"])
def restore_claims(modeladmin, request, queryset):
    set_claims_state(modeladmin, request, queryset, ClaimState.PROPOSED)


def set_claims_state(modeladmin, request, queryset, state: str) -> None:
    """All or none: a claim of a published article (corrections only) stops the whole action."""
    try:
        with transaction.atomic():
            for claim in queryset.select_related("article"):
                claim_edits.set_state(
                    claim=claim, editor=request.user, state=state, expected_version=claim.version
                )
    except (ClaimEditRefused, StaleEdit) as refused:
        message = str(refused) if isinstance(refused, ClaimEditRefused) else "A claim changed."
        modeladmin.message_user(request, f"Nothing changed: {message}", level=messages.ERROR)
        return
    modeladmin.message_user(request, f"{queryset.count()} claim(s) changed; each is in history.")


@admin.register(Claim)
class ClaimAdmin(ReadOnlyAdmin):
    """Read-only: a claim changes through the domain (the review page, or the actions here),
    which checks versions and writes the audit trail. Never deleted."""

    list_display = ["short_text", "article", "attribution", "state", "verdict", "updated_at"]
    list_filter = ["verdict", "state", "origin"]
    search_fields = ["text", "attribution", "note", "article__title"]
    list_select_related = ["article"]
    inlines = [VerdictRecordInline, EvidenceInline]
    actions = [reject_claims, restore_claims]

    @admin.display(description="Claim")
    def short_text(self, obj: Claim) -> str:
        return obj.text[:90]

    def has_review_permission(self, request):
        return can_review(request.user)


@admin.register(VerdictRecord)
class VerdictRecordAdmin(ReadOnlyAdmin):
    """History is append-only: admins can read it, never change it."""

    list_display = ["created_at", "claim", "verdict", "editor"]
    list_filter = ["verdict"]
    search_fields = ["note", "claim__text"]
    list_select_related = ["claim", "editor"]


@admin.register(Evidence)
class EvidenceAdmin(ReadOnlyAdmin):
    """Editors add and remove evidence on the review page, where each change is audited."""

    list_display = ["source", "short_claim", "article", "stance", "accessed_on", "removed_at"]
    list_filter = ["stance", "source__kind", ("removed_at", admin.EmptyFieldListFilter)]
    search_fields = ["excerpt", "url", "source__name", "claim__text"]
    list_select_related = ["source", "claim__article"]

    @admin.display(description="Claim")
    def short_claim(self, obj: Evidence) -> str:
        return Truncator(obj.claim.text).chars(80)

    @admin.display(description="Article")
    def article(self, obj: Evidence) -> Article:
        return obj.claim.article


@admin.register(Event)
class EventAdmin(ReadOnlyAdmin):
    list_display = ["at", "actor", "action", "object_type", "object_id", "article"]
    list_filter = ["action", "object_type"]
    search_fields = ["action", "article__title"]
    list_select_related = ["actor", "article"]
    date_hierarchy = "at"
