"""The search page and the 'checked before?' panel of a claim card.

Same views with and without JavaScript: htmx gets the swappable partial, everyone else the
whole page; the link actions redirect back to the claim without htmx.
"""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from reviews import claims as claim_edits
from reviews import evidence as evidence_domain
from reviews import review_page
from reviews.htmx import (
    HtmxHttpRequest,
    as_id,
    partial_or_redirect,
    posted_version,
    refuse,
    require_reviewer,
    wants_partial,
)
from reviews.models import Claim, Evidence, StaleEdit
from reviews.search import fulltext as search
from reviews.search import matching, memory
from reviews.search.forms import SearchForm


@require_GET
def search_page(request: HtmxHttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
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
    template = "search/search.html#results" if wants_partial(request) else "search/search.html"
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
    template = "search/similar_panel.html"
    if wants_partial(request):
        template += "#panel"
    return render(request, template, context)


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
        other_id = as_id(other_pk)
        other = others.filter(pk=other_id).first() if other_id is not None else None
        if other is None:
            return refuse(
                request, _("Pick a claim from another article."), back=claim.get_absolute_url()
            )
    try:
        if action == "copy" and "item" in request.POST:  # one item, from the desk's memory
            item_id = as_id(request.POST["item"])
            items = Evidence.objects.current().filter(claim=other, pk=item_id)
            item = items.select_related("source").first() if item_id is not None else None
            if item is None:
                message = _("That evidence is no longer on the other claim; nothing was copied.")
                return refuse(request, message, back=claim.get_absolute_url(), status=409)
            copied = evidence_domain.copy_items(claim=claim, items=[item], editor=request.user)
            message = (
                _("Evidence from %(source)s added.") % {"source": item.source.name}
                if copied
                else _("This claim already has that evidence.")
            )
        elif action == "copy":
            copied = evidence_domain.copy_evidence(claim=claim, other=other, editor=request.user)
            message = ngettext(
                "%(count)d evidence item copied.", "%(count)d evidence items copied.", copied
            ) % {"count": copied}
        else:
            claim_edits.link_same_as(
                claim=claim,
                editor=request.user,
                other=other if action == "link" else None,
                expected_version=posted_version(request),
            )
            message = (
                _("Claim linked: same claim as “%(text)s”.") % {"text": other.text[:60]}
                if other
                else _("Claim unlinked.")
            )
    except StaleEdit:
        message = _("Someone changed this claim meanwhile; nothing was changed.")
        return refuse(request, message, back=claim.get_absolute_url(), status=409)
    return partial_or_redirect(
        request,
        # The panel's context without its "claim": the card draws the claim as reloaded,
        # with the evidence just copied, not the object this view loaded before.
        lambda: review_page.render_card(
            request,
            claim,
            message=message,
            extra={k: v for k, v in panel_context(claim).items() if k != "claim"},
        ),
        message=message,
        back=claim.get_absolute_url(),
    )


@require_GET
def evidence_memory(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Evidence cited for similar claims, offered on the card (loaded when the card shows)."""
    claim = get_object_or_404(Claim.objects.select_related("article"), pk=pk)
    context = {
        "claim": claim,
        "article": claim.article,
        "suggestions": memory.suggestions(claim),
    }
    template = "search/memory.html"
    if wants_partial(request):
        template += "#memory"
    return render(request, template, context)
