"""Pages of the article tables (the article list, the dashboard queue): a fixed number of
queries whatever the number of articles, and no article body read for a table row."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.http import urlencode

PER_PAGE = 50
# Columns an article table never shows; a body can be 2 MB.
HEAVY_ARTICLE_FIELDS = ("body", "blocks", "repairs", "held_back")


@dataclass(frozen=True)
class Pager:
    page: Page
    previous_href: str
    next_href: str

    @property
    def label(self) -> str:
        return f"Page {self.page.number} of {self.page.paginator.num_pages}"


def page_of(
    request: HttpRequest,
    articles: QuerySet,
    per_page: int | None = None,
    *,
    annotate: Callable[[QuerySet], QuerySet] | None = None,
) -> Pager:
    """One page of an ordered article queryset (?page=N; anything else is the nearest page),
    with links to its neighbours that keep the request's other parameters.

    annotate: what the rows show beyond the article (progress counts over its claims) when
    the order does not need it: the page is cut from the plain articles, and the counts are
    computed for its rows alone, not for every article before the cut."""
    paginator = Paginator(articles.defer(*HEAVY_ARTICLE_FIELDS), per_page or PER_PAGE)
    page = paginator.get_page(request.GET.get("page"))
    if annotate is None:
        page.object_list = list(page.object_list)
    else:
        ids = list(page.object_list.values_list("pk", flat=True))
        rows = annotate(articles.model.objects.filter(pk__in=ids).defer(*HEAVY_ARTICLE_FIELDS))
        by_pk = {row.pk: row for row in rows}
        page.object_list = [by_pk[pk] for pk in ids if pk in by_pk]
    return Pager(
        page,
        _href(request, page.previous_page_number()) if page.has_previous() else "",
        _href(request, page.next_page_number()) if page.has_next() else "",
    )


def _href(request: HttpRequest, number: int) -> str:
    params = {k: v for k, v in request.GET.items() if k != "page"}
    if number > 1:
        params["page"] = str(number)
    return f"{request.path}?{urlencode(params)}" if params else request.path
