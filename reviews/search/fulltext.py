"""Full-text search over articles (title, outlet, body) and claims (text, attribution, note).

PostgreSQL: `websearch_to_tsquery` against the stored, GIN-indexed, weighted search vectors
(stored.py; kept by the triggers of migration 0017, each row stemmed in its own language by
reviews/search_configs.py; ranking reads the stored vector, never parses a body again), the
query parsed in every language's configuration and OR-ed, ordered by ts_rank, with snippets
from ts_headline for the shown page only. SQLite: FTS5 with the Porter stemmer
(sqlite_fts.py), ranked by bm25, snippets from FTS5; where SQLite lacks FTS5, every word must
appear (icontains), newest first, snippets cut in Python. Same page either way.

Snippets are built from text written by users, so they are escaped here and only our own
<mark> tags are let through: the database marks matches with private-use characters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from reviews.models import Article, Claim, ClaimState, Evidence, Source, VerdictRecord
from reviews.search import sqlite_fts
from reviews.search.stored import article_vector, claim_vector
from reviews.search_configs import config_expression, query_configs

PER_PAGE = 20
MARK_START, MARK_END = "\ue000", "\ue001"
MARKS = (MARK_START, MARK_END)
SNIPPET_CHARS = 220
# Columns a result never shows (a body can be 2 MB): not read, not carried through a sort.
HEAVY_ARTICLE = ("body", "blocks", "repairs", "held_back")
HEAVY_CLAIM = tuple(f"article__{name}" for name in HEAVY_ARTICLE)


@dataclass(frozen=True)
class Criteria:
    q: str = ""
    kind: str = "claims"
    verdict: str = ""
    status: str = ""
    source: Source | None = None
    editor: object | None = None
    date_from: date | None = None
    date_to: date | None = None

    @property
    def filtered(self) -> bool:
        return any(
            [self.verdict, self.status, self.source, self.editor, self.date_from, self.date_to]
        )

    @property
    def empty(self) -> bool:
        return not self.q and not self.filtered


@dataclass
class Results:
    criteria: Criteria
    page: Page | None
    counts: dict[str, int]


def postgres() -> bool:
    return connection.vendor == "postgresql"


# --- filters ------------------------------------------------------------------------------


def _date_filter(prefix: str, criteria: Criteria) -> Q:
    """The article's publication date, or the day it was added when it has none."""
    q = Q()
    for bound, op in ((criteria.date_from, "gte"), (criteria.date_to, "lte")):
        if bound:
            dated = Q(**{f"{prefix}published_on__{op}": bound})
            undated = Q(**{f"{prefix}published_on__isnull": True})
            q &= dated | (undated & Q(**{f"{prefix}created_at__date__{op}": bound}))
    return q


def _claim_filters(criteria: Criteria, claim_ref="pk") -> Q:
    q = Q()
    if criteria.verdict:
        q &= Q(verdict=criteria.verdict)
    if criteria.source:
        q &= Exists(
            Evidence.objects.current().filter(claim=OuterRef(claim_ref), source=criteria.source)
        )
    if criteria.editor:
        q &= Q(updated_by=criteria.editor) | Exists(
            VerdictRecord.objects.filter(claim=OuterRef(claim_ref), editor=criteria.editor)
        )
    return q


def filter_claims(qs: QuerySet[Claim], criteria: Criteria) -> QuerySet[Claim]:
    qs = qs.exclude(state=ClaimState.REJECTED).filter(
        _claim_filters(criteria), _date_filter("article__", criteria)
    )
    if criteria.status:
        qs = qs.filter(article__status=criteria.status)
    return qs


def filter_articles(qs: QuerySet[Article], criteria: Criteria) -> QuerySet[Article]:
    qs = qs.filter(_date_filter("", criteria))
    if criteria.status:
        qs = qs.filter(status=criteria.status)
    claim_q = _claim_filters(criteria)
    if claim_q:
        # One EXISTS over the article's claims: some claim meets all the claim filters.
        claims = Claim.objects.filter(article=OuterRef("pk")).exclude(state=ClaimState.REJECTED)
        qs = qs.filter(Exists(claims.filter(claim_q)))
    return qs


# --- text matching ------------------------------------------------------------------------


def web_query(q: str):
    """The words parsed by every language's configuration, OR-ed: a row stemmed in Spanish
    matches the Spanish stems of the query. One constant query, so the index answers it."""
    from django.contrib.postgres.search import SearchQuery

    queries = [SearchQuery(q, search_type="websearch", config=c) for c in query_configs()]
    combined = queries[0]
    for query in queries[1:]:
        combined = combined | query
    return combined


def words_of(q: str) -> list[str]:
    return [w for w in re.findall(r"[^\W_]+", q.lower()) if len(w) > 1 or w.isdigit()][:12]


def _contains_all(fields: list[str], q: str) -> Q:
    match = Q()
    for word in words_of(q):
        any_field = Q()
        for name in fields:
            any_field |= Q(**{f"{name}__icontains": word})
        match &= any_field
    return match


def _headline(field: str, query, whole: bool = False):
    """Matches marked; claims are short and shown whole, article bodies as fragments."""
    from django.contrib.postgres.search import SearchHeadline

    if whole:
        return SearchHeadline(
            field,
            query,
            config=config_expression(),
            start_sel=MARK_START,
            stop_sel=MARK_END,
            highlight_all=True,
        )
    return SearchHeadline(
        field,
        query,
        config=config_expression(),
        start_sel=MARK_START,
        stop_sel=MARK_END,
        max_words=40,
        min_words=15,
        max_fragments=2,
        fragment_delimiter=" … ",
    )


def match_claims(qs: QuerySet[Claim], q: str) -> QuerySet[Claim]:
    if not q:
        return qs.order_by("-updated_at", "-pk")
    if postgres():
        from django.contrib.postgres.search import SearchRank

        query = web_query(q)
        vector = claim_vector()
        return (
            qs.alias(document=vector)
            .filter(document=query)
            .annotate(rank=SearchRank(vector, query))
            .order_by("-rank", "-pk")
        )
    if sqlite_fts.available() and words_of(q):
        return sqlite_fts.matching(
            qs, "reviews_claim", words_of(q), column=0, whole=True, marks=MARKS
        )
    return qs.filter(_contains_all(["text", "attribution", "note"], q)).order_by(
        "-updated_at", "-pk"
    )


def match_articles(qs: QuerySet[Article], q: str) -> QuerySet[Article]:
    if not q:
        return qs.order_by("-created_at", "-pk")
    if postgres():
        from django.contrib.postgres.search import SearchRank

        query = web_query(q)
        vector = article_vector()
        return (
            qs.alias(document=vector)
            .filter(document=query)
            .annotate(rank=SearchRank(vector, query))
            .order_by("-rank", "-pk")
        )
    if sqlite_fts.available() and words_of(q):
        return sqlite_fts.matching(
            qs, "reviews_article", words_of(q), column=2, whole=False, marks=MARKS
        )
    return qs.filter(_contains_all(["title", "outlet", "body"], q)).order_by("-created_at", "-pk")


# --- snippets -----------------------------------------------------------------------------


def marked(text: str) -> SafeString:
    """Escape user text, keeping only the matches' <mark> tags (from the sentinels)."""
    html = escape(text)
    opened = html.count(MARK_START)
    html = html.replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")
    html += "</mark>" * max(0, opened - text.count(MARK_END))
    return mark_safe(html)  # noqa: S308 - escaped above; only our own tags added


def cut_snippet(text: str, q: str, chars: int = SNIPPET_CHARS) -> SafeString:
    """A window of the text around the first match, matches marked (the SQLite path)."""
    words = words_of(q)
    if not words:
        return marked(text[:chars] + ("…" if len(text) > chars else ""))
    pattern = re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)), re.I)
    first = pattern.search(text)
    start = max(0, (first.start() if first else 0) - chars // 3)
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < start + 20 else start
    window = text[start : start + chars]
    window = pattern.sub(lambda m: f"{MARK_START}{m.group(0)}{MARK_END}", window)
    prefix = "…" if start else ""
    suffix = "…" if start + chars < len(text) else ""
    return marked(prefix + window + suffix)


def _attach_snippets(items, q: str, field: str) -> None:
    for item in items:
        headline = getattr(item, "headline", None)
        if headline is not None:
            item.snippet = marked(headline)
        else:
            item.snippet = cut_snippet(getattr(item, field), q)


# --- the search ---------------------------------------------------------------------------


def claims_for(criteria: Criteria) -> QuerySet[Claim]:
    qs = filter_claims(Claim.objects.select_related("article").defer(*HEAVY_CLAIM), criteria)
    return match_claims(qs, criteria.q)


def shown_rows(criteria: Criteria, page_qs: QuerySet) -> list:
    """The rows of one page. On PostgreSQL the ranking query sorts only ids and ranks (a
    narrow sort however many rows match); the rows, their articles and the ts_headline
    snippets are read here for the page alone, in the same statement."""
    if not (postgres() and criteria.q):
        return list(page_qs)
    from django.contrib.postgres.search import SearchRank

    query = web_query(criteria.q)
    if criteria.kind == "claims":
        rows = Claim.objects.select_related("article").defer(*HEAVY_CLAIM)
        vector, headline = claim_vector(), _headline("text", query, whole=True)
    else:
        rows = Article.objects.defer(*HEAVY_ARTICLE)
        vector, headline = article_vector(), _headline("body", query)
    ids = page_qs.values("pk")
    rows = rows.filter(pk__in=ids).annotate(rank=SearchRank(vector, query), headline=headline)
    return list(rows.order_by("-rank", "-pk"))


def articles_for(criteria: Criteria) -> QuerySet[Article]:
    # The body stays: without a query (or on SQLite) the snippet is cut from it in Python.
    articles = Article.objects.defer("blocks", "repairs", "held_back")
    return match_articles(filter_articles(articles, criteria), criteria.q)


def search(criteria: Criteria, page_number=1) -> Results:
    """One page of results of the chosen kind, and the number of matches of both kinds.

    Three queries whatever the results: one count per kind and the page itself.
    """
    if criteria.empty:
        return Results(criteria, None, {})
    querysets = {"claims": claims_for(criteria), "articles": articles_for(criteria)}
    counts = {kind: qs.count() for kind, qs in querysets.items()}
    paginator = Paginator(querysets[criteria.kind], PER_PAGE)
    paginator.count = counts[criteria.kind]  # counted just above
    page = paginator.get_page(page_number)
    page.object_list = shown_rows(criteria, page.object_list)
    _attach_snippets(page.object_list, criteria.q, "text" if criteria.kind == "claims" else "body")
    return Results(criteria, page, counts)
