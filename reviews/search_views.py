"""The search page and the 'checked before?' panel of a claim card.

Same views with and without JavaScript: htmx gets the swappable partial, everyone else the
whole page; the link actions redirect back to the claim without htmx.
"""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from reviews import evidence as evidence_domain
from reviews import matching, search
from reviews.models import Claim, Evidence, StaleEdit
from reviews.views import HtmxHttpRequest, flash_response, require_reviewer, swap_context


def wants_partial(request: HtmxHttpRequest) -> bool:
    """htmx swaps a piece; a history restore (cache miss) needs the whole page."""
    return bool(request.htmx) and not request.htmx.history_restore_request


@require_GET
def search_page(request: HtmxHttpRequest) -> HttpResponse:
    form = search.SearchForm(request.GET or None)
    criteria = search.Criteria()
    if form.is_bound and form.is_valid():
        criteria = search.Criteria(**form.cleaned_data)
    results = search.search(criteria, request.GET.get("page") or 1)
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "results": results,
        "criteria": criteria,
        "query_string": query.urlencode(),
        "kind_links": kind_links(query),
    }
    template = "reviews/search.html#results" if wants_partial(request) else "reviews/search.html"
    return render(request, template, context)


def kind_links(query) -> dict[str, str]:
    links = {}
    for kind in ("claims", "articles"):
        q = query.copy()
        q["kind"] = kind
        links[kind] = q.urlencode()
    return links


# --- checked before? ----------------------------------------------------------------------


def panel_context(claim: Claim) -> dict:
    matches = matching.similar_claims(claim)
    linked = None
    if claim.same_as_id and all(m.claim.pk != claim.same_as_id for m in matches):
        linked = Claim.objects.select_related("article").filter(pk=claim.same_as_id).first()
    return {"claim": claim, "matches": matches, "linked": linked, "similar_for": claim.pk}


@require_GET
def similar_claims(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    claim = get_object_or_404(Claim.objects.select_related("article"), pk=pk)
    context = panel_context(claim) | {"article": claim.article}
    template = "reviews/similar_panel.html"
    if wants_partial(request):
        template += "#panel"
    return render(request, template, context)


def copy_evidence(claim: Claim, other: Claim, *, editor) -> int:
    """Copy the other claim's current evidence, skipping items this claim already has."""
    current = Evidence.objects.current()
    have = {(e.source_id, e.url, e.excerpt, e.stance) for e in current.filter(claim=claim)}
    copied = 0
    with transaction.atomic():
        for item in Evidence.objects.current().filter(claim=other).select_related("source"):
            if (item.source_id, item.url, item.excerpt, item.stance) in have:
                continue
            evidence_domain.add_evidence(
                claim,
                editor=editor,
                source=item.source,
                url=item.url,
                excerpt=item.excerpt,
                stance=item.stance,
                accessed_on=item.accessed_on,
            )
            copied += 1
    return copied


@require_POST
def claim_same_as(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Link a claim to an earlier one ("same claim as"), unlink it, or copy its evidence."""
    require_reviewer(request)
    claim = get_object_or_404(Claim.objects.select_related("article", "updated_by"), pk=pk)
    action = request.POST.get("action", "link")
    other = None
    if action in ("link", "copy"):
        other_pk = request.POST.get("other", "")
        others = Claim.objects.exclude(article_id=claim.article_id)
        other = others.filter(pk=int(other_pk)).first() if other_pk.isdigit() else None
        if other is None:
            return refused(request, claim, "Pick a claim from another article.", 422)
    version = request.POST.get("version", "")
    try:
        if action == "link":
            claim.update_if_current(
                expected_version=int(version) if version.isdigit() else -1,
                editor=request.user,
                same_as=other,
            )
            message = f"Claim linked: same claim as “{other.text[:60]}”."
        elif action == "unlink":
            claim.update_if_current(
                expected_version=int(version) if version.isdigit() else -1,
                editor=request.user,
                same_as=None,
            )
            message = "Claim unlinked."
        else:
            copied = copy_evidence(claim, other, editor=request.user)
            message = f"{copied} evidence item{'s' if copied != 1 else ''} copied."
    except StaleEdit:
        return refused(
            request, claim, "Someone changed this claim meanwhile; nothing was changed.", 409
        )
    if not request.htmx:
        messages.success(request, message)
        return redirect(f"{claim.article.get_absolute_url()}#claim-{claim.pk}")
    context = swap_context(claim.article_id, changed=[claim], pending={claim.pk: None})
    context |= panel_context(claim) | {"announcement": message}
    return render(request, "reviews/claim_swap.html", context)


def refused(request: HtmxHttpRequest, claim: Claim, message: str, status: int) -> HttpResponse:
    if request.htmx:
        return flash_response(message, status=status)
    messages.error(request, message)
    return redirect(f"{claim.article.get_absolute_url()}#claim-{claim.pk}")
