"""Adding, editing and removing evidence on a claim card, and the source type-ahead."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import reswap, retarget

from reviews import evidence as evidence_domain
from reviews.forms import EvidenceForm
from reviews.models import Claim, Evidence, StaleEdit
from reviews.views import HtmxHttpRequest, render_claim_swap, require_reviewer


@require_GET
def source_search(request: HtmxHttpRequest) -> HttpResponse:
    """Type-ahead options for the source field: matching registry entries, best first."""
    query = request.GET.get("source_query", request.GET.get("q", ""))[:200]
    sources = evidence_domain.search_sources(query, request.user)
    exact = any(s.name.lower() == " ".join(query.split()).lower() for s in sources)
    context = {
        "sources": sources,
        "query": " ".join(query.split()),
        "may_create": evidence_domain.may_create_sources(request.user) and not exact,
        "kinds": EvidenceForm.base_fields["new_source_kind"].choices[1:],
    }
    return render(request, "reviews/source_options.html", context)


def evidence_form_response(request, claim, form, action_url, status=200, item=None):
    claim.number = claim.position
    context = {"claim": claim, "form": form, "action_url": action_url, "item": item}
    if not request.htmx:
        return render(request, "reviews/evidence_page.html", context, status=status)
    response = render(request, "reviews/evidence_form.html", context, status=status)
    if status != 200:  # errors: show the form again where it was, not the whole card
        response = reswap(retarget(response, f"#evidence-form-{claim.pk}"), "innerHTML")
    return response


@require_http_methods(["GET", "POST"])
def evidence_add(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    claim = get_object_or_404(Claim.objects.select_related("article"), pk=pk)
    require_reviewer(request)
    action_url = request.path
    if request.method == "GET":
        return evidence_form_response(request, claim, EvidenceForm(user=request.user), action_url)
    form = EvidenceForm(request.POST, user=request.user)
    if not form.is_valid():
        return evidence_form_response(request, claim, form, action_url, status=422)
    evidence_domain.add_evidence(
        claim, editor=request.user, source=form.resolved_source(), **form.evidence_fields()
    )
    return saved(request, claim, "Evidence added.")


def saved(request: HtmxHttpRequest, claim: Claim, message: str) -> HttpResponse:
    if request.htmx:
        return render_claim_swap(request, claim, None, message=message)
    messages.success(request, message)
    return redirect(f"{claim.article.get_absolute_url()}#claim-{claim.pk}")


@require_http_methods(["GET", "POST"])
def evidence_edit(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(
        Evidence.objects.current().select_related("claim__article", "source"), pk=pk
    )
    require_reviewer(request)
    claim, action_url = item.claim, request.path
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
        return evidence_form_response(request, claim, form, action_url, item=item)
    form = EvidenceForm(request.POST, user=request.user)
    if not form.is_valid():
        return evidence_form_response(request, claim, form, action_url, status=422, item=item)
    try:
        evidence_domain.edit_evidence(
            item,
            editor=request.user,
            expected_version=form.cleaned_data["version"] or 0,
            source=form.resolved_source(),
            **form.evidence_fields(),
        )
    except StaleEdit:
        form.add_error(
            None,
            "Someone changed or removed this evidence meanwhile; your edit was not saved. "
            "Cancel to see theirs.",
        )
        return evidence_form_response(request, claim, form, action_url, status=409, item=item)
    return saved(request, claim, "Evidence updated.")


@require_POST
def evidence_remove(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(Evidence.objects.select_related("claim__article"), pk=pk)
    require_reviewer(request)
    version = request.POST.get("version", "")
    try:
        evidence_domain.remove_evidence(
            item, editor=request.user, expected_version=int(version) if version.isdigit() else -1
        )
    except StaleEdit:
        return saved(request, item.claim, "That evidence was changed meanwhile; nothing removed.")
    return saved(request, item.claim, "Evidence removed (kept in the history).")
