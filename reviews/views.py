from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.views.decorators.http import require_GET, require_POST
from django_htmx.http import reswap, retarget
from django_htmx.middleware import HtmxDetails

from reviews.forms import BulkVerdictForm, ClaimReviewForm
from reviews.highlight import highlight_paragraphs, segments_of_claims
from reviews.models import (
    Article,
    Claim,
    StaleEdit,
    Verdict,
    bulk_set_verdict,
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


def visible_claims(article: Article) -> list[Claim]:
    """Claims shown on the review page, numbered in reading order."""
    claims = list(article.claims.exclude(state=Claim.State.REJECTED).select_related("updated_by"))
    for number, claim in enumerate(claims, start=1):
        claim.number = number
    return claims


@require_GET
def article_list(request: HtmxHttpRequest) -> HttpResponse:
    articles = Article.objects.with_progress().order_by("-created_at", "-pk")
    return render(request, "reviews/article_list.html", {"articles": articles})


@require_GET
def article_review(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    article = get_object_or_404(Article.objects.with_progress(), pk=pk)
    return render_review_page(request, article)


def render_review_page(
    request: HtmxHttpRequest, article: Article, pending: dict | None = None, status: int = 200
) -> HttpResponse:
    claims = visible_claims(article)
    for claim in claims:
        claim.pending = (pending or {}).get(claim.pk)
    context = {
        "article": article,
        "claims": claims,
        "paragraphs": highlight_paragraphs(article.body, claims),
        "verdicts": Verdict.choices,
    }
    return render(request, "reviews/article_review.html", context, status=status)


@require_POST
def claim_review(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Set a claim's verdict and/or note; htmx gets the card, others a redirect."""
    if not can_review(request.user):
        raise PermissionDenied("Only editors can set verdicts and notes.")
    claim = get_object_or_404(Claim.objects.select_related("article", "updated_by"), pk=pk)
    form = ClaimReviewForm(request.POST)
    pending, status = None, 200
    if not form.is_valid():
        errors = [error for errors in form.errors.values() for error in errors]
        pending = PendingEdit(note=request.POST.get("note", ""), errors=errors)
        status = 422
    else:
        data = form.cleaned_data
        verdict = data["verdict"] or claim.verdict
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
        else:
            if not request.htmx:
                if saved:
                    messages.success(
                        request, f"Saved: {claim.get_verdict_display()} for “{claim.text[:60]}”."
                    )
                return redirect(f"{claim.article.get_absolute_url()}#claim-{claim.pk}")

    if not request.htmx:
        article = Article.objects.with_progress().get(pk=claim.article_id)
        return render_review_page(request, article, pending={claim.pk: pending}, status=status)
    return render_claim_swap(request, claim, pending, status)


def render_claim_swap(
    request: HtmxHttpRequest, claim: Claim, pending: PendingEdit | None, status: int
) -> HttpResponse:
    """The claim card, plus out-of-band updates of the progress bar and the highlight."""
    context = swap_context(claim.article_id, changed=[claim], pending={claim.pk: pending})
    context["claim"] = context["changed"][0]
    context["announcement"] = announcement(context["claim"], pending)
    return render(request, "reviews/claim_swap.html", context, status=status)


def swap_context(article_id: int, *, changed: list[Claim], pending: dict) -> dict:
    """Fresh progress, numbering and highlight segments for the claims that changed."""
    article = Article.objects.with_progress().get(pk=article_id)
    claims = list(
        article.claims.exclude(state=Claim.State.REJECTED).only("start", "end", "verdict")
    )
    by_pk = {c.pk: c for c in changed}
    claims = [by_pk.get(c.pk, c) for c in claims]  # colour segments with the saved verdicts
    for number, claim in enumerate(claims, start=1):
        claim.number = number
    for claim in changed:
        claim.pending = pending.get(claim.pk)
        claim.number = getattr(claim, "number", None)
    recoloured = [c for c in changed if c.pending is None]
    return {
        "article": article,
        "changed": changed,
        "verdicts": Verdict.choices,
        "segments": segments_of_claims(article.body, claims, recoloured) if recoloured else [],
    }


def announcement(claim: Claim, pending: PendingEdit | None) -> str:
    if pending is None:
        return f"Claim {claim.number} saved: {claim.get_verdict_display()}."
    if pending.conflict:
        return f"Claim {claim.number} was changed by someone else; your edit was not saved."
    return f"Claim {claim.number} not saved: {' '.join(pending.errors)}"


@require_POST
def bulk_verdict(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """One verdict for the selected claims; claims changed meanwhile are left and listed."""
    if not can_review(request.user):
        raise PermissionDenied("Only editors can set verdicts and notes.")
    article = get_object_or_404(Article, pk=pk)
    form = BulkVerdictForm(request.POST)
    if not form.is_valid():
        message = " ".join(e for errors in form.errors.values() for e in errors)
        if request.htmx:
            html = render_to_string("reviews/flash.html", {"message": message, "level": "error"})
            return reswap(retarget(HttpResponse(html, status=422), "#flash"), "innerHTML")
        messages.error(request, message)
        return redirect(article.get_absolute_url())
    saved, stale = bulk_set_verdict(
        editor=request.user,
        verdict=form.cleaned_data["verdict"],
        claims_at_versions=form.cleaned_data["claims_at_versions"],
        article=article,
    )
    label = Verdict(form.cleaned_data["verdict"]).label
    summary = f"{len(saved)} claim{'s' if len(saved) != 1 else ''} set to {label}."
    if stale:
        summary += (
            f" {len(stale)} changed by someone else meanwhile were left as they are;"
            " check them and try again."
        )
    if not request.htmx:
        (messages.warning if stale else messages.success)(request, summary)
        return redirect(article.get_absolute_url())
    context = swap_context(article.pk, changed=saved + stale, pending={})
    for claim in stale:
        claim.pending = PendingEdit(note=claim.note, conflict=True)
    context.update(announcement=summary, level="error" if stale else "success")
    return render(request, "reviews/bulk_swap.html", context)


def permission_denied(request: HtmxHttpRequest, exception: Exception | None = None):
    """403 page; htmx requests get the message in the page's status area instead."""
    message = str(exception) if exception and str(exception) else "You may not do that."
    if getattr(request, "htmx", False):
        html = render_to_string("reviews/flash.html", {"message": message, "level": "error"})
        return reswap(retarget(HttpResponse(html, status=403), "#flash"), "innerHTML")
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
