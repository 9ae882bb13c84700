"""The article list, the review page and the actions on its claims.

Each write view: check permission, validate, call one domain function (reviews.claims),
then answer htmx with the swapped partials or redirect back without JavaScript.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from reviews import agreement, audit, idempotency, paging, review_page, spans, workflow
from reviews import claims as claim_edits
from reviews.forms import AddClaimForm, BulkActionForm, ClaimReviewForm, RejectBelowForm, SpanForm
from reviews.htmx import (
    HtmxHttpRequest,
    partial_or_redirect,
    posted_version,
    refuse,
    require_reviewer,
)
from reviews.models import Article, Claim, ClaimEditRefused, ClaimState, StaleEdit, can_review
from reviews.review_page import PendingEdit

STALE = gettext_lazy("Someone changed this claim meanwhile; nothing was changed. Reload to see it.")


@require_GET
def article_list(request: HtmxHttpRequest) -> HttpResponse:
    newest = Article.objects.order_by("-created_at", "-pk")
    pager = paging.page_of(request, newest, annotate=lambda page: page.with_progress())
    editors = workflow.assignable_editors() if can_review(request.user) else []
    context = {"articles": pager.page.object_list, "pager": pager, "editors": editors}
    return render(request, "reviews/article_list.html", context)


@require_GET
def article_list_redirect(request: HtmxHttpRequest) -> HttpResponse:
    """/articles/ is where people look for the list: it lives at the site's root."""
    return redirect("reviews:article_list", permanent=True)


@require_GET
def article_review(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    articles = Article.objects.with_progress().annotate(last_event=audit.last_event_subquery())
    article = get_object_or_404(articles, pk=pk)
    # A blind second reviewer only ever gets the blind page, whatever the address says.
    second_mode = request.GET.get("second") == "1" or agreement.blind_for(article, request.user)
    return review_page.render_page(request, article, second_mode=second_mode)


@require_GET
def claim_window(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """The next compact cards of the list, as filtered and sorted (GET ?from=N, all=1)."""
    article = get_object_or_404(Article.objects.with_progress(), pk=pk)
    if agreement.blind_for(article, request.user):
        return HttpResponse(status=204)
    return review_page.render_window(request, article)


@require_GET
def article_text(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """The next part of a long article's highlighted text (GET ?from=offset)."""
    article = get_object_or_404(Article, pk=pk)
    return review_page.render_text(request, article, agreement.blind_for(article, request.user))


@require_GET
def claim_card(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """A claim's full card (forms, evidence, links), swapped over its compact card."""
    context = review_page.card_context(pk)
    if context is None:
        raise Http404("No such claim.")
    if agreement.blind_for(context["article"], request.user):
        return HttpResponse(status=204)  # a blind second reviewer gets no first verdicts
    if not request.htmx:  # without JavaScript: the card on a page of its own, forms and all
        return render(request, "reviews/claim_page.html", context)
    return render(request, f"{review_page.TEMPLATE}#claim-card", context)


def claim_for_edit(pk: int, *, text: bool = True) -> Claim:
    """The claim with its article; text=False: without the article's text (a verdict or a
    note needs neither the body, up to 2 MB, nor its structure)."""
    claims = Claim.objects.select_related("article", "updated_by")
    if not text:
        claims = claims.defer(*(f"article__{f}" for f in paging.HEAVY_ARTICLE_FIELDS))
    return get_object_or_404(claims, pk=pk)


def form_errors(form) -> list[str]:
    return [error for errors in form.errors.values() for error in errors]


@require_POST
def claim_review(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Set a claim's verdict and/or note; htmx gets the card, others a redirect."""
    require_reviewer(request)
    claim = claim_for_edit(pk, text=False)
    verdict_before = claim.verdict
    form = ClaimReviewForm(request.POST)
    pending, status, saved = None, 200, None
    if not form.is_valid():
        pending = PendingEdit(note=request.POST.get("note", ""), errors=form_errors(form))
        status = 422
    else:
        data = form.cleaned_data
        try:
            saved = claim_edits.set_verdict(
                claim=claim,
                editor=request.user,
                verdict=data["verdict"],
                note=data["note"],
                expected_version=data["version"],
                confirmed_without_evidence=form.confirmed(data["verdict"]),
            )
        except StaleEdit as stale:
            claim = stale.current
            pending = PendingEdit(note=data["note"], verdict=data["verdict"], conflict=True)
            status = 409
        except claim_edits.NeedsConfirmation as needed:
            pending = PendingEdit(note=data["note"], verdict=needed.verdict, confirm=True)
            status = 422
        except ValidationError as refused:
            pending = PendingEdit(note=data["note"], errors=refused.messages)
            status = 422
        except ClaimEditRefused as refused:  # a published article: only a correction
            pending = PendingEdit(note=data["note"], errors=[str(refused)])
            status = 409
        else:
            if not request.htmx:
                if saved:
                    messages.success(
                        request,
                        _("Saved: {verdict} for “{text}”.").format(
                            verdict=claim.get_verdict_display(), text=claim.text[:60]
                        ),
                    )
                return redirect(claim.get_absolute_url())

    if not request.htmx:
        article = Article.objects.with_progress().get(pk=claim.article_id)
        return review_page.render_page(request, article, pending={claim.pk: pending}, status=status)
    redraw = "segments" if claim.verdict != verdict_before else "none"
    # The claim object is as saved (or as reloaded after a conflict): no second read.
    return review_page.render_card(
        request, claim, pending, status=status, redraw=redraw, reread=False, undo=bool(saved)
    )


STATE_ACTIONS = {"accept": ClaimState.ACCEPTED, "reject": ClaimState.REJECTED}
# Said on the card ("{number}" becomes the claim's number) and, without JavaScript, as a flash.
STATE_DONE = {
    "accept": (gettext_lazy("Claim {number} accepted."), gettext_lazy("Claim accepted.")),
    "reject": (gettext_lazy("Claim {number} rejected."), gettext_lazy("Claim rejected.")),
    "restore": (gettext_lazy("Claim {number} restored."), gettext_lazy("Claim restored.")),
}


@require_POST
def claim_state(request: HtmxHttpRequest, pk: int, action: str) -> HttpResponse:
    """Accept or reject a proposal, or restore a rejected claim."""
    require_reviewer(request)
    claim = claim_for_edit(pk)
    try:
        claim_edits.set_state(
            claim=claim,
            editor=request.user,
            state=STATE_ACTIONS.get(action, ClaimState.PROPOSED),
            expected_version=posted_version(request),
        )
    except ClaimEditRefused as refused:
        return refuse(request, str(refused), back=claim.get_absolute_url(), status=409)
    except StaleEdit as stale:
        if not request.htmx:
            return refuse(request, STALE, back=claim.get_absolute_url(), status=409)
        conflict = PendingEdit(note="", conflict=True)
        return review_page.render_card(request, stale.current, conflict, status=409)
    return partial_or_redirect(
        request,
        lambda: review_page.render_card(
            request, claim, message=str(STATE_DONE[action][0]), undo=True
        ),
        message=str(STATE_DONE[action][1]),
        back=claim.get_absolute_url(),
    )


@require_POST
def claim_add(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Add a claim from a text selection (start/end) or from quoted words."""
    require_reviewer(request)
    article = get_object_or_404(Article, pk=pk)
    form = AddClaimForm(request.POST, article=article)
    if not form.is_valid():
        return refuse(request, " ".join(form_errors(form)), back=article.get_absolute_url())
    try:
        with transaction.atomic():
            if not idempotency.first_submission(form.cleaned_data["submission"], request.user):
                message = _("Already added: that claim was added once.")
                return edited(request, article.get_absolute_url(), article.pk, message)
            claim = spans.add_claim(
                article=article,
                editor=request.user,
                start=form.cleaned_data["start"],
                end=form.cleaned_data["end"],
                attribution=form.cleaned_data["attribution"],
            )
    except ClaimEditRefused as refused:
        return refuse(request, str(refused), back=article.get_absolute_url())
    # The new claim becomes current on the page and is scrolled into view (keys.js).
    return edited(
        request, claim.get_absolute_url(), article.pk, _("Claim added."), {"current": claim.pk}
    )


def edited(
    request: HtmxHttpRequest, back: str, article_id: int, message: str, extra=None
) -> HttpResponse:
    """After an edit that moves claims: the whole text and list, or a redirect back."""
    return partial_or_redirect(
        request,
        lambda: review_page.render_body(request, article_id, message, extra=extra),
        message=message,
        back=back,
    )


@require_POST
def claim_span(request: HtmxHttpRequest, pk: int, action: str) -> HttpResponse:
    """Re-anchor a claim on a selection or split it at a position."""
    require_reviewer(request)
    claim = claim_for_edit(pk)
    back = claim.article.get_absolute_url()
    form = SpanForm(request.POST)
    if not form.is_valid():
        return refuse(request, " ".join(form_errors(form)), back=back)
    data, editor = form.cleaned_data, request.user
    try:
        if action == "span":
            if data["start"] is None or data["end"] is None:
                raise ClaimEditRefused(_("Select the claim's new words in the text."))
            spans.set_span(
                claim=claim,
                editor=editor,
                start=data["start"],
                end=data["end"],
                expected_version=data["version"],
            )
            message = _("Claim re-anchored.")
        else:
            if data["at"] is None:
                raise ClaimEditRefused(_("Put the cursor where the claim should split."))
            spans.split_claim(
                claim=claim, editor=editor, at=data["at"], expected_version=data["version"]
            )
            message = _("Claim split in two.")
    except ClaimEditRefused as refused:
        return refuse(request, str(refused), back=back)
    except StaleEdit:
        return refuse(request, STALE, back=back)
    return edited(request, claim.get_absolute_url(), claim.article_id, message)


@require_POST
def bulk_action(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """A verdict, accept or reject for the selected claims; claims changed meanwhile are left."""
    require_reviewer(request)
    article = get_object_or_404(Article, pk=pk)
    form = BulkActionForm(request.POST)
    if not form.is_valid():
        return refuse(request, " ".join(form_errors(form)), back=article.get_absolute_url())
    try:
        result = claim_edits.bulk_change(
            article=article,
            editor=request.user,
            claims_at_versions=form.cleaned_data["claims_at_versions"],
            verdict=form.cleaned_data["verdict"],
            state=form.cleaned_data["state"],
        )
    except ClaimEditRefused as refused:
        return refuse(request, str(refused), back=article.get_absolute_url(), status=409)
    saved, stale, refused = result.saved, result.stale, result.refused
    summary = f"{len(saved)} claim{'s' if len(saved) != 1 else ''} {form.done_label()}."
    if stale:
        summary += (
            f" {len(stale)} changed by someone else meanwhile were left as they are;"
            " check them and try again."
        )
    if refused:
        summary += f" {len(refused)} left as they are: {refused[0][1]}"
    conflicts = {claim.pk: PendingEdit(note=claim.note, conflict=True) for claim in stale}
    return partial_or_redirect(
        request,
        lambda: review_page.render_cards(
            request,
            article.pk,
            changed=saved + stale,
            pending=conflicts,
            announcement=summary,
            level="error" if stale or refused else "success",
            bulk=True,
            undo=bool(saved),
        ),
        message=summary,
        back=article.get_absolute_url(),
        level=messages.WARNING if stale or refused else messages.SUCCESS,
    )


@require_POST
def reject_below(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Reject, in one audited action, every proposal scoring under the given score."""
    require_reviewer(request)
    article = get_object_or_404(Article, pk=pk)
    form = RejectBelowForm(request.POST)
    if not form.is_valid():
        return refuse(request, " ".join(form_errors(form)), back=article.get_absolute_url())
    below = form.cleaned_data["below"]
    try:
        rejected = claim_edits.reject_below(article=article, editor=request.user, below=below)
    except ClaimEditRefused as refused:
        return refuse(request, str(refused), back=article.get_absolute_url(), status=409)
    message = (
        f"{len(rejected)} proposal{'s' if len(rejected) != 1 else ''} scoring under"
        f" {below:.2f} rejected."
    )
    return edited(request, article.get_absolute_url(), article.pk, message)


@require_POST
def propose_more(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """The next candidates from below the proposal budget's cut become proposals."""
    require_reviewer(request)
    article = get_object_or_404(Article, pk=pk)
    try:
        created = spans.propose_more(article=article, editor=request.user)
    except ClaimEditRefused as refused:
        return refuse(request, str(refused), back=article.get_absolute_url(), status=409)
    message = f"{len(created)} more claim{'s' if len(created) != 1 else ''} proposed."
    return edited(request, article.get_absolute_url(), article.pk, message)
