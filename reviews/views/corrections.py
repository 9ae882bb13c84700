"""Correcting a published fact-check, and merging claims (with undo).

Both change what readers or reviewers already relied on, so both go through a form that
says what will happen before anything changes (reviews/corrections.py, reviews/merging.py).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST
from django_htmx.http import reswap, retarget

from reviews import claims as claim_edits
from reviews import corrections, merging, review_page
from reviews.forms import CorrectionForm, MergeForm, UndoMergeForm
from reviews.htmx import HtmxHttpRequest, partial_or_redirect, refuse, require_reviewer
from reviews.models import Claim, ClaimEditRefused, Event, StaleEdit, Verdict

CHANGED_MEANWHILE = gettext_lazy(
    "Someone changed this claim meanwhile; nothing was changed. Look again."
)
REFUSED = (ClaimEditRefused, ValidationError)  # a rule said no: the message says why


def messages_of(refused: Exception) -> list[str]:
    return refused.messages if isinstance(refused, ValidationError) else [str(refused)]


def claim_for_edit(pk: int) -> Claim:
    return get_object_or_404(Claim.objects.select_related("article", "updated_by"), pk=pk)


@require_http_methods(["GET", "POST"])
def claim_correct(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """An admin's correction of a published claim: verdict, note, wording, and the reason."""
    claim = claim_for_edit(pk)
    if not corrections.may_correct(request.user):
        raise PermissionDenied(_("Only an admin can correct a published fact-check."))
    template = "reviews/correction_form.html" + ("#form" if request.htmx else "")
    if request.method == "GET":
        asked = request.GET.get("verdict", "")
        initial = {
            "verdict": asked if asked in Verdict.values else claim.verdict,
            "note": claim.note,
            "text": claim.text,
            "attribution": claim.attribution,
        }
        return render(request, template, {"claim": claim, "form": CorrectionForm(initial=initial)})
    form, errors, status = CorrectionForm(request.POST), [], 422
    if form.is_valid():
        data = form.cleaned_data
        try:
            with corrections.correcting(claim, editor=request.user, reason=data["reason"]):
                correct(claim, request.user, data)
        except StaleEdit as stale:
            claim, errors, status = stale.current, [CHANGED_MEANWHILE], 409
        except REFUSED as refused:
            errors = messages_of(refused)
        else:
            return partial_or_redirect(
                request,
                lambda: review_page.render_card(
                    request, claim, message=_("Claim {number}: correction published.")
                ),
                message=_("Correction published."),
                back=claim.get_absolute_url(),
            )
    context = {"claim": claim, "form": form, "errors": errors}
    return in_slot(request, render(request, template, context, status=status), claim)


def correct(claim: Claim, editor, data: dict) -> None:
    """The wording, then the verdict and note, each only when it changed."""
    version = data["version"]
    if (data["text"], data["attribution"]) != (claim.text, claim.attribution):
        claim_edits.set_wording(
            claim=claim,
            editor=editor,
            text=data["text"],
            attribution=data["attribution"],
            expected_version=version,
        )
        version = claim.version
    claim_edits.set_verdict(
        claim=claim,
        editor=editor,
        verdict=data["verdict"],
        note=data["note"],
        expected_version=version,
    )


@require_http_methods(["GET", "POST"])
def claim_merge(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Merge a claim with the next one: GET shows what will happen and asks; POST does it."""
    require_reviewer(request)
    claim = claim_for_edit(pk)
    back = claim.get_absolute_url()
    template = "reviews/merge_form.html" + ("#form" if request.htmx else "")
    try:
        plan = merging.plan_merge(claim)
    except ClaimEditRefused as refused:
        return refuse(request, str(refused), back=back)
    if request.method == "GET":
        return render(request, template, {"claim": claim, "plan": plan})
    form = MergeForm(request.POST)
    errors = []
    if form.is_valid():
        data = form.cleaned_data
        try:
            merging.merge_with_next(
                claim=claim,
                editor=request.user,
                expected_version=data["version"],
                following_at=data["following"],
                verdict=data["verdict"],
            )
        except StaleEdit:
            errors = [CHANGED_MEANWHILE]
        except REFUSED as refused:
            errors = messages_of(refused)
        else:
            return partial_or_redirect(
                request,
                lambda: review_page.render_body(
                    request,
                    claim.article_id,
                    _("Claims merged."),
                    extra={"undo_batch": getattr(claim, "recorded_batch", None)},
                ),
                message=_("Claims merged. Undo it from the claim's history."),
                back=back,
            )
    else:
        errors = [e for field_errors in form.errors.values() for e in field_errors]
    context = {"claim": claim, "plan": plan, "errors": errors}
    return in_slot(request, render(request, template, context, status=422), claim)


def in_slot(request: HtmxHttpRequest, response: HttpResponse, claim: Claim) -> HttpResponse:
    """A form sent back with its errors goes where it was, under the card, not over it."""
    if request.htmx:
        response = reswap(retarget(response, f"#claim-extra-{claim.pk}"), "innerHTML")
    return response


@require_POST
def merge_undo(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Undo a merge recorded in this claim's history."""
    require_reviewer(request)
    claim = claim_for_edit(pk)
    back = claim.get_absolute_url()
    form = UndoMergeForm(request.POST)
    event = None
    if form.is_valid():
        event = Event.objects.filter(pk=form.cleaned_data["event"], claim=claim).first()
    if event is None:
        return refuse(request, _("That merge is not in this claim's history."), back=back)
    try:
        merging.undo_merge(event=event, editor=request.user)
    except StaleEdit:
        return refuse(request, CHANGED_MEANWHILE, back=back)
    except REFUSED as refused:
        return refuse(request, " ".join(messages_of(refused)), back=back)
    return partial_or_redirect(
        request,
        lambda: review_page.render_body(request, claim.article_id, _("Merge undone.")),
        message=_("Merge undone: both claims are back as they were."),
        back=back,
    )
