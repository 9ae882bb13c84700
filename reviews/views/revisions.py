"""The versions of an article's text: what changed between two, and where the claims went."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET

from reviews.htmx import HtmxHttpRequest
from reviews.models import Article, ArticleRevision, Claim
from reviews.textdiff import text_diff


@require_GET
def article_revisions(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """The current revision's page, or the article when it has only ever had one text."""
    article = get_object_or_404(Article, pk=pk)
    latest = article.revisions.order_by("-number").values_list("number", flat=True).first()
    if latest is None:
        return redirect(article)
    return redirect("reviews:article_revision", pk=pk, number=latest)


@require_GET
def article_revision(request: HtmxHttpRequest, pk: int, number: int) -> HttpResponse:
    """Revision `number` against the one before it (escaped word diff), and its report."""
    article = get_object_or_404(Article, pk=pk)
    revisions = list(article.revisions.defer("body").order_by("number"))
    if not any(r.number == number for r in revisions):
        raise Http404("No such revision of this article.")
    revision = ArticleRevision.objects.get(article=article, number=number)
    previous = ArticleRevision.objects.filter(article=article, number=number - 1).first()
    placements = list(revision.placements.order_by("old_start", "pk"))
    detached = Claim.objects.filter(article=article, detached_from__isnull=False).select_related(
        "detached_from"
    )
    context = {
        "article": article,
        "revision": revision,
        "previous": previous,
        "revisions": revisions,
        "current": revisions[-1].number,
        "diff": text_diff(previous.body, revision.body) if previous else [],
        "placements": placements,
        "detached": list(detached),
    }
    return render(request, "reviews/revision.html", context)
