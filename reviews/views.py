"""The review page and the actions on its claims.

Each write view: check permission, validate, call the domain (models / reviews.claims),
then answer htmx with the swapped partials or redirect back without JavaScript.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, connection
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.views.decorators.http import require_GET, require_POST
from django_htmx.http import reswap, retarget
from django_htmx.middleware import HtmxDetails

from reviews import audit, workflow
from reviews import claims as claim_edits
from reviews.agreement import second_review_context
from reviews.forms import AddClaimForm, BulkActionForm, ClaimReviewForm, SpanForm
from reviews.highlight import highlight_paragraphs, paragraphs_of_claims
from reviews.models import (
    Article,
    Claim,
    ClaimState,
    Evidence,
    StaleEdit,
    Verdict,
    can_review,
)


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


@dataclass
class PendingEdit:
    """What an editor submitted that was not saved, shown back in the claim card."""

    note: str
    verdict: str = ""
    errors: list[str] = field(default_factory=list)
    conflict: bool = False
    confirm: bool = False  # a verdict that needs evidence, awaiting "set it anyway"

    @property
    def verdict_label(self) -> str:
        return Verdict(self.verdict).label if self.verdict in Verdict.values else ""


def require_reviewer(request: HttpRequest) -> None:
    if not can_review(request.user):
        raise PermissionDenied("Only editors can change claims, verdicts and notes.")


def with_card_data(claims):
    """What a claim card shows, in a fixed number of queries whatever the claim count."""
    current = Evidence.objects.current().select_related("source", "added_by")
    return claims.select_related("updated_by").prefetch_related(
        Prefetch("evidence", queryset=current, to_attr="current_evidence")
    )


def numbered_claims(article: Article) -> list[Claim]:
    """All claims in reading order; numbers stay put when a claim is rejected or restored."""
    claims = list(with_card_data(article.claims.all()))
    for number, claim in enumerate(claims, start=1):
        claim.number = number
        claim.pending = None
    return claims


def highlighted(claims: list[Claim]) -> list[Claim]:
    return [c for c in claims if c.state != ClaimState.REJECTED]


def flash_response(message: str, status: int, level: str = "error") -> HttpResponse:
    """An htmx answer that shows a message in the page's status area and swaps nothing else."""
    html = render_to_string("reviews/flash.html", {"message": message, "level": level})
    return reswap(retarget(HttpResponse(html, status=status), "#flash"), "innerHTML")


@require_GET
def article_list(request: HtmxHttpRequest) -> HttpResponse:
    articles = Article.objects.with_progress().order_by("-created_at", "-pk")
    editors = workflow.assignable_editors() if can_review(request.user) else []
    context = {"articles": articles, "editors": editors}
    return render(request, "reviews/article_list.html", context)


@require_GET
def article_review(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    articles = Article.objects.with_progress().annotate(last_event=audit.last_event_subquery())
    article = get_object_or_404(articles, pk=pk)
    return render_review_page(request, article, second_mode=request.GET.get("second") == "1")


def review_context(article: Article, pending: dict | None = None, blind: bool = False) -> dict:
    claims = numbered_claims(article)
    for claim in claims:
        claim.pending = (pending or {}).get(claim.pk)
        if blind:  # a blind second review must not see the first verdicts, notes or evidence
            claim.verdict, claim.note, claim.current_evidence = Verdict.UNREVIEWED, "", []
    return {
        "article": article,
        "claims": claims,
        "paragraphs": highlight_paragraphs(article.body, highlighted(claims), article.blocks),
        "verdicts": Verdict.choices,
        "add_form": AddClaimForm(),
    }


def render_review_page(
    request: HtmxHttpRequest,
    article: Article,
    pending: dict | None = None,
    status: int = 200,
    second_mode: bool = False,
) -> HttpResponse:
    second = second_review_context(article, request.user, second_mode)
    context = review_context(article, pending, blind=second.get("blind", False))
    context |= workflow.header_context(article, request.user) | second
    context |= {
        "last_event": audit.last_event_id(article),
        "poll_seconds": settings.LIVE_POLL_SECONDS,
    }
    return render(request, "reviews/article_review.html", context, status=status)


def render_review_body(request: HtmxHttpRequest, article_id: int, message: str) -> HttpResponse:
    """After an edit that moves claims (add, split, merge, re-span): the text and the list."""
    article = Article.objects.with_progress().get(pk=article_id)
    context = review_context(article) | {"announcement": message}
    return render(request, "reviews/review_body_swap.html", context)


def swap_context(article_id: int, *, changed: list[Claim], pending: dict) -> dict:
    """Fresh cards for the claims that changed, with progress and their paragraphs redrawn."""
    article = Article.objects.with_progress().get(pk=article_id)
    claims = list(article.claims.only("start", "end", "verdict", "state"))
    numbers = {c.pk: n for n, c in enumerate(claims, start=1)}
    fresh = {c.pk: c for c in with_card_data(Claim.objects.filter(pk__in=[c.pk for c in changed]))}
    cards = sorted(fresh.values(), key=lambda c: numbers[c.pk])
    for claim in cards:
        claim.number = numbers[claim.pk]
        claim.pending = pending.get(claim.pk)
    claims = [fresh.get(c.pk, c) for c in claims]  # draw the saved versions
    for claim in claims:
        claim.number = numbers[claim.pk]
    redrawn = [c for c in cards if c.pending is None]
    return {
        "article": article,
        "changed": cards,
        "verdicts": Verdict.choices,
        "paragraphs": paragraphs_of_claims(
            article.body, highlighted(claims), redrawn, article.blocks
        )
        if redrawn
        else [],
    }


def render_claim_swap(
    request: HtmxHttpRequest,
    claim: Claim,
    pending: PendingEdit | None,
    status: int = 200,
    message: str = "",
    recolour: bool = True,
    recolour_only: bool = False,
) -> HttpResponse:
    """The claim card, plus out-of-band updates of the progress bar and the highlight."""
    context = swap_context(claim.article_id, changed=[claim], pending={claim.pk: pending})
    if recolour_only:
        # Boundaries are unchanged: recolour the claim's own pieces, not whole paragraphs.
        context["segments"] = [
            segment
            for paragraph in context["paragraphs"]
            for segment in paragraph.segments
            if any(c.pk == claim.pk for c in segment.claims)
        ]
        context["paragraphs"] = []
    if not recolour:  # only the note changed: the highlight's colour is the same
        context["paragraphs"] = context["segments"] = []
    context["claim"] = claim = context["changed"][0]
    context["announcement"] = message or announcement(claim, pending)
    return render(request, "reviews/claim_swap.html", context, status=status)


def announcement(claim: Claim, pending: PendingEdit | None) -> str:
    if pending is None:
        return f"Claim {claim.number} saved: {claim.get_verdict_display()}."
    if pending.conflict:
        return f"Claim {claim.number} was changed by someone else; your edit was not saved."
    if pending.confirm:
        return f"Claim {claim.number} has no evidence: confirm {pending.verdict_label} or add some."
    return f"Claim {claim.number} not saved: {' '.join(pending.errors)}"


def claim_for_edit(pk: int) -> Claim:
    return get_object_or_404(Claim.objects.select_related("article", "updated_by"), pk=pk)


@require_POST
def claim_review(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Set a claim's verdict and/or note; htmx gets the card, others a redirect."""
    require_reviewer(request)
    claim = claim_for_edit(pk)
    verdict_before = claim.verdict
    form = ClaimReviewForm(request.POST)
    pending, status = None, 200
    if not form.is_valid():
        errors = [error for errors in form.errors.values() for error in errors]
        pending = PendingEdit(note=request.POST.get("note", ""), errors=errors)
        status = 422
    else:
        data = form.cleaned_data
        verdict = data["verdict"] or claim.verdict
        if data["version"] != claim.version:
            # Someone saved since this editor loaded the card: say so before anything else.
            pending = PendingEdit(note=data["note"], verdict=data["verdict"], conflict=True)
            status = 409
            refused_attempt(request, claim, data)
        elif needs_evidence_confirmation(claim, verdict, data["confirm_no_evidence"]):
            pending = PendingEdit(note=data["note"], verdict=verdict, confirm=True)
            status = 422
        else:
            try:
                saved = claim.set_verdict(
                    editor=request.user,
                    verdict=verdict,
                    note=data["note"],
                    expected_version=data["version"],
                )
            except StaleEdit as stale:
                claim = stale.current
                pending = PendingEdit(note=data["note"], verdict=data["verdict"], conflict=True)
                status = 409
                refused_attempt(request, claim, data)
            except ValidationError as refused:
                pending = PendingEdit(note=data["note"], errors=refused.messages)
                status = 422
            else:
                if not request.htmx:
                    if saved:
                        messages.success(
                            request,
                            f"Saved: {claim.get_verdict_display()} for “{claim.text[:60]}”.",
                        )
                    return redirect(f"{claim.article.get_absolute_url()}#claim-{claim.pk}")

    if not request.htmx:
        article = Article.objects.with_progress().get(pk=claim.article_id)
        return render_review_page(request, article, pending={claim.pk: pending}, status=status)
    recolour = claim.verdict != verdict_before
    return render_claim_swap(request, claim, pending, status, recolour=recolour, recolour_only=True)


def refused_attempt(request: HtmxHttpRequest, claim: Claim, data: dict) -> None:
    attempted = {"verdict": data["verdict"] or claim.verdict, "note": data["note"]}
    audit.record_conflict(
        actor=request.user, claim=claim, attempted=attempted, based_on=data["version"]
    )


def needs_evidence_confirmation(claim: Claim, verdict: str, confirmed: bool) -> bool:
    """Corroborated or disputed without any evidence is allowed, but only when confirmed."""
    return (
        verdict in (Verdict.CORROBORATED, Verdict.DISPUTED)
        and verdict != claim.verdict
        and not confirmed
        and not claim.evidence.current().exists()
    )


STATE_ACTIONS = {"accept": ClaimState.ACCEPTED, "reject": ClaimState.REJECTED}
STATE_DONE = {"accept": "accepted", "reject": "rejected", "restore": "restored"}


@require_POST
def claim_state(request: HtmxHttpRequest, pk: int, action: str) -> HttpResponse:
    """Accept or reject a proposal, or restore a rejected claim."""
    require_reviewer(request)
    claim = claim_for_edit(pk)
    state = STATE_ACTIONS.get(action, ClaimState.PROPOSED)
    version = request.POST.get("version", "")
    pending, status = None, 200
    try:
        claim_edits.set_state(
            claim,
            editor=request.user,
            state=state,
            expected_version=int(version) if version.isdigit() else -1,
        )
    except StaleEdit as stale:
        claim, pending, status = stale.current, PendingEdit(note="", conflict=True), 409
    if not request.htmx:
        if status == 409:
            messages.error(request, "Someone changed this claim meanwhile; nothing was changed.")
        return redirect(f"{claim.article.get_absolute_url()}#claim-{claim.pk}")
    swap = swap_context(claim.article_id, changed=[claim], pending={claim.pk: pending})
    claim = swap["changed"][0]
    message = (
        announcement(claim, pending) if pending else f"Claim {claim.number} {STATE_DONE[action]}."
    )
    context = swap | {"claim": claim, "announcement": message}
    return render(request, "reviews/claim_swap.html", context, status=status)


@require_POST
def claim_add(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Add a claim from a text selection (start/end) or from quoted words."""
    require_reviewer(request)
    article = get_object_or_404(Article, pk=pk)
    form = AddClaimForm(request.POST, article=article)
    if not form.is_valid():
        message = " ".join(e for errors in form.errors.values() for e in errors)
        return refuse(request, article, message)
    try:
        claim = claim_edits.add_claim(
            article,
            editor=request.user,
            start=form.cleaned_data["start"],
            end=form.cleaned_data["end"],
            attribution=form.cleaned_data["attribution"],
        )
    except claim_edits.ClaimEditRefused as refused:
        return refuse(request, article, str(refused))
    return edited(request, article, claim, "Claim added.")


def refuse(request: HtmxHttpRequest, article: Article, message: str) -> HttpResponse:
    if request.htmx:
        return flash_response(message, status=422)
    messages.error(request, message)
    return redirect(article.get_absolute_url())


def edited(request: HtmxHttpRequest, article: Article, claim: Claim, message: str):
    if request.htmx:
        return render_review_body(request, article.pk, message)
    messages.success(request, message)
    return redirect(f"{article.get_absolute_url()}#claim-{claim.pk}")


@require_POST
def claim_span(request: HtmxHttpRequest, pk: int, action: str) -> HttpResponse:
    """Re-anchor a claim on a selection, split it at a position, or merge it with the next."""
    require_reviewer(request)
    claim = claim_for_edit(pk)
    form = SpanForm(request.POST)
    if not form.is_valid():
        message = " ".join(e for errors in form.errors.values() for e in errors)
        return refuse(request, claim.article, message)
    data = form.cleaned_data
    try:
        if action == "span":
            if data["start"] is None or data["end"] is None:
                raise claim_edits.ClaimEditRefused("Select the claim's new words in the text.")
            claim_edits.set_span(
                claim,
                editor=request.user,
                start=data["start"],
                end=data["end"],
                expected_version=data["version"],
            )
            message = "Claim re-anchored."
        elif action == "split":
            if data["at"] is None:
                raise claim_edits.ClaimEditRefused("Put the cursor where the claim should split.")
            claim_edits.split_claim(
                claim, editor=request.user, at=data["at"], expected_version=data["version"]
            )
            message = "Claim split in two."
        else:
            claim_edits.merge_with_next(
                claim, editor=request.user, expected_version=data["version"]
            )
            message = "Claims merged."
    except claim_edits.ClaimEditRefused as refused:
        return refuse(request, claim.article, str(refused))
    except StaleEdit:
        return refuse(
            request,
            claim.article,
            "Someone changed this claim meanwhile; nothing was changed. Reload to see it.",
        )
    return edited(request, claim.article, claim, message)


@require_POST
def bulk_action(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """A verdict, accept or reject for the selected claims; claims changed meanwhile are left."""
    require_reviewer(request)
    article = get_object_or_404(Article, pk=pk)
    form = BulkActionForm(request.POST)
    if not form.is_valid():
        message = " ".join(e for errors in form.errors.values() for e in errors)
        return refuse(request, article, message)
    saved, stale, refused = claim_edits.bulk_change(
        article=article,
        editor=request.user,
        claims_at_versions=form.cleaned_data["claims_at_versions"],
        verdict=form.cleaned_data["verdict"],
        state=form.cleaned_data["state"],
    )
    summary = f"{len(saved)} claim{'s' if len(saved) != 1 else ''} {form.done_label()}."
    if stale:
        summary += (
            f" {len(stale)} changed by someone else meanwhile were left as they are;"
            " check them and try again."
        )
    if refused:
        summary += f" {len(refused)} left as they are: {refused[0][1]}"
    if not request.htmx:
        (messages.warning if stale or refused else messages.success)(request, summary)
        return redirect(article.get_absolute_url())
    conflicts = {claim.pk: PendingEdit(note=claim.note, conflict=True) for claim in stale}
    context = swap_context(article.pk, changed=saved + stale, pending=conflicts)
    context.update(announcement=summary, level="error" if stale or refused else "success")
    return render(request, "reviews/bulk_swap.html", context)


def permission_denied(request: HtmxHttpRequest, exception: Exception | None = None):
    """403 page; htmx requests get the message in the page's status area instead."""
    message = str(exception) if exception and str(exception) else "You may not do that."
    if getattr(request, "htmx", False):
        return flash_response(message, status=403)
    return render(request, "403.html", {"message": message}, status=403)


@login_not_required
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError as error:
        return JsonResponse({"status": "error", "database": str(error)[:200]}, status=503)
    return JsonResponse({"status": "ok"})
