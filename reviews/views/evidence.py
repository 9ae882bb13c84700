"""Adding, editing and removing evidence on a claim card, and the source type-ahead."""

from __future__ import annotations

from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import reswap, retarget

from reviews import corrections, idempotency, review_page
from reviews import evidence as evidence_domain
from reviews.forms import EvidenceForm
from reviews.htmx import (
    HtmxHttpRequest,
    partial_or_redirect,
    posted_version,
    refuse,
    require_reviewer,
)
from reviews.models import Claim, ClaimEditRefused, Evidence, StaleEdit

FORM_TEMPLATE = "reviews/evidence_form.html"


@require_GET
def source_search(request: HtmxHttpRequest) -> HttpResponse:
    """Type-ahead options for the source field: matching registry entries, best first."""
    query = request.GET.get("source_query", request.GET.get("q", ""))[:200]
    link = request.GET.get("url", "")[:2000]
    sources = evidence_domain.search_sources(query, request.user, link=link)
    exact = any(s.name.lower() == " ".join(query.split()).lower() for s in sources)
    context = {
        "sources": sources,
        "query": " ".join(query.split()),
        "may_create": evidence_domain.may_create_sources(request.user) and not exact,
        "kinds": EvidenceForm.base_fields["new_source_kind"].choices[1:],
    }
    return render(request, f"{FORM_TEMPLATE}#source-options", context)


def form_response(request, claim, form, status=200, item=None) -> HttpResponse:
    claim.number = claim.position
    context = {"claim": claim, "form": form, "action_url": request.path, "item": item}
    if not request.htmx:
        return render(request, FORM_TEMPLATE, context, status=status)
    response = render(request, f"{FORM_TEMPLATE}#form", context, status=status)
    if status != 200:  # errors: show the form again where it was, not the whole card
        response = reswap(retarget(response, f"#evidence-form-{claim.pk}"), "innerHTML")
    return response


def saved(request: HtmxHttpRequest, claim: Claim, message: str) -> HttpResponse:
    return partial_or_redirect(
        request,
        lambda: review_page.render_card(request, claim, message=message),
        message=message,
        back=claim.get_absolute_url(),
    )


@require_http_methods(["GET", "POST"])
def evidence_add(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    claim = get_object_or_404(Claim.objects.select_related("article"), pk=pk)
    require_reviewer(request)
    if request.method == "GET":
        return form_response(request, claim, EvidenceForm(user=request.user))
    form = EvidenceForm(request.POST, user=request.user)
    if not form.is_valid():
        return form_response(request, claim, form, status=422)
    try:
        with transaction.atomic():
            if not idempotency.first_submission(form.cleaned_data["submission"], request.user):
                return saved(request, claim, _("Already saved: that evidence was added once."))
            with corrections.correcting(
                claim, editor=request.user, reason=form.cleaned_data["correction"]
            ):
                evidence_domain.add_evidence(
                    claim=claim,
                    editor=request.user,
                    source=form.resolved_source(),
                    **form.evidence_fields(),
                )
    except ClaimEditRefused as refused:
        form.add_error(None, str(refused))
        return form_response(request, claim, form, status=409)
    return saved(request, claim, _("Evidence added."))


@require_http_methods(["GET", "POST"])
def evidence_edit(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(
        Evidence.objects.current().select_related("claim__article", "source"), pk=pk
    )
    require_reviewer(request)
    claim = item.claim
    if request.method == "GET":
        initial = {
            "source": item.source_id,
            "source_query": item.source.name,
            "url": item.url,
            "excerpt": item.excerpt,
            "stance": item.stance,
            "accessed_on": item.accessed_on,
            "version": item.version,
        }
        form = EvidenceForm(initial=initial, user=request.user)
        return form_response(request, claim, form, item=item)
    form = EvidenceForm(request.POST, user=request.user)
    if not form.is_valid():
        return form_response(request, claim, form, status=422, item=item)
    try:
        with corrections.correcting(
            claim, editor=request.user, reason=form.cleaned_data["correction"]
        ):
            evidence_domain.edit_evidence(
                evidence=item,
                editor=request.user,
                expected_version=form.cleaned_data["version"] or 0,
                source=form.resolved_source(),
                **form.evidence_fields(),
            )
    except ClaimEditRefused as refused:
        form.add_error(None, str(refused))
        return form_response(request, claim, form, status=409, item=item)
    except StaleEdit:
        form.add_error(
            None,
            _(
                "Someone changed or removed this evidence meanwhile; your edit was not saved. "
                "Cancel to see theirs."
            ),
        )
        return form_response(request, claim, form, status=409, item=item)
    return saved(request, claim, _("Evidence updated."))


@require_POST
def evidence_remove(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(Evidence.objects.select_related("claim__article"), pk=pk)
    require_reviewer(request)
    # On a published article the reason comes from the confirm prompt (or a form field).
    reason = request.POST.get("correction", "") or (request.htmx.prompt or "")
    try:
        with corrections.correcting(item.claim, editor=request.user, reason=reason[:2000]):
            evidence_domain.remove_evidence(
                evidence=item, editor=request.user, expected_version=posted_version(request)
            )
    except ClaimEditRefused as refused:
        return refuse(request, str(refused), back=item.claim.get_absolute_url(), status=409)
    except StaleEdit:
        return saved(
            request, item.claim, _("That evidence was changed meanwhile; nothing removed.")
        )
    return saved(request, item.claim, _("Evidence removed (kept in the history)."))
