"""What the dashboard and the "my queue" page count and list.

Plain functions over the models, each a fixed number of queries however many articles,
claims or records there are. Rejected claims count nowhere, as in `with_progress()`.
"""

from __future__ import annotations

import datetime
import statistics
from dataclasses import dataclass

from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    FloatField,
    Max,
    Min,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
    Window,
)
from django.db.models.functions import Cast, Coalesce, Lower, RowNumber, TruncWeek
from django.utils import timezone

from reviews import hooks
from reviews.models import Article, Claim, ClaimState, Evidence, Verdict, VerdictRecord
from reviews.paging import HEAVY_ARTICLE_FIELDS

Status = Article.Status
# Articles somebody still has to work on; done and published ones have left the queue.
OPEN_STATUSES = (Status.NEW, Status.IN_REVIEW, Status.SECOND_REVIEW)
# The verdicts an editor gives (clearing a verdict back to "not yet reviewed" is not one).
GIVEN_VERDICTS = (Verdict.CORROBORATED, Verdict.DISPUTED, Verdict.UNVERIFIED)

# Status filter values: "open" (the default), "all", or one article status.
DEFAULT_STATUS = "open"
STATUS_FILTERS = {"open": "Open", "all": "All", **dict(Status.choices)}

# Sort keys; a leading "-" reverses. Every ordering ends on pk so pages are stable. The
# default: the deadline first, then the article with the most check-worthy claim.
DEFAULT_SORT = "due"
SORTS = {
    "due": ("due_at", "minus_top_score", "created_at", "pk"),
    "added": ("created_at", "pk"),
    "title": (Lower("title"), "pk"),
    "status": ("status_rank", "created_at", "pk"),
    "progress": ("done_fraction", "created_at", "pk"),
    "left": ("claims_left", "created_at", "pk"),
}
SORT_LABELS = {
    "due": "Due",
    "added": "Added",
    "title": "Article",
    "status": "Status",
    "progress": "Progress",
    "left": "Left to review",
}


def live_claims() -> Q:
    """Claims of an article that count (relative to Article): everything not rejected."""
    return ~Q(claims__state=ClaimState.REJECTED)


def with_work_left(articles: QuerySet[Article]) -> QuerySet[Article]:
    """`with_progress()` plus what is left: unreviewed claims, proposals, the fraction done."""
    return articles.with_progress().annotate(
        claims_left=F("claims_total") - F("claims_reviewed"),
        claims_proposed=Count("claims", filter=Q(claims__state=ClaimState.PROPOSED)),
        # Negated so that ascending puts the most check-worthy first (no claims: last).
        minus_top_score=Coalesce(-Max("claims__score", filter=live_claims()), Value(0.0)),
        # Articles without claims sort as 0 % done: someone has to find their claims.
        done_fraction=Case(
            When(claims_total=0, then=Value(0.0)),
            default=Cast("claims_reviewed", FloatField()) / Cast("claims_total", FloatField()),
            output_field=FloatField(),
        ),
    )


def clean_filters(params) -> tuple[str, str]:
    """The status filter and sort key from GET parameters; unknown values fall back."""
    status = params.get("status", DEFAULT_STATUS)
    if status not in STATUS_FILTERS and status not in hooks.claim_filters():
        status = DEFAULT_STATUS
    sort = params.get("sort", DEFAULT_SORT)
    if sort.removeprefix("-") not in SORTS:
        sort = DEFAULT_SORT
    return status, sort


# Sorts on what is counted over the claims: every article's counts come before the cut.
COUNTED_SORTS = {"due", "progress", "left"}


def with_queue_columns(articles: QuerySet[Article]) -> QuerySet[Article]:
    """What a queue row shows beyond the article: the work left and who is assigned."""
    return with_work_left(articles).prefetch_related("assignees")


def article_queue(*, status: str = DEFAULT_STATUS, sort: str = DEFAULT_SORT) -> QuerySet[Article]:
    """The dashboard's article table: filtered by status, sorted, with progress when the sort
    needs it (`COUNTED_SORTS`; otherwise the page's rows get `with_queue_columns`)."""
    articles = Article.objects.all()
    if status == "open":
        articles = articles.filter(status__in=OPEN_STATUSES)
    elif status != "all":
        articles = articles.filter(status=status)
    # Workflow order (new → published), not alphabetical order of the stored values.
    rank = Case(
        *[When(status=value, then=Value(i)) for i, value in enumerate(Status.values)],
        default=Value(len(Status.values)),
    )
    fields = [F(o) if isinstance(o, str) else o for o in SORTS[sort.removeprefix("-")]]
    # Articles without a deadline (or a score) come last either way.
    order = [
        f.desc(nulls_last=True) if sort.startswith("-") else f.asc(nulls_last=True) for f in fields
    ]
    if sort.removeprefix("-") in COUNTED_SORTS:
        articles = with_queue_columns(articles)
    return articles.annotate(status_rank=rank).order_by(*order)


def status_counts() -> dict[str, int]:
    """How many articles each status filter shows, for the filter links."""
    rows = dict(Article.objects.values_list("status").annotate(n=Count("pk")).order_by())
    counts = {value: rows.get(value, 0) for value in Status.values}
    counts["open"] = sum(counts[value] for value in OPEN_STATUSES)
    counts["all"] = sum(rows.values())
    return counts


def flagged_claims(key: str) -> QuerySet[Claim]:
    """The claims a leaf's filter lists (hooks.claim_filters), with the evidence cards show."""
    _, condition = hooks.claim_filters()[key]
    flagged = Claim.objects.filter(pk__in=Claim.objects.filter(condition()).values("pk"))
    return (
        flagged.select_related("article")
        .prefetch_related(
            Prefetch("evidence", queryset=Evidence.objects.shown(), to_attr="current_evidence")
        )
        .order_by("article__title", "article_id", "start", "pk")
    )


def flag_counts() -> dict[str, int]:
    """How many claims each leaf filter lists, in one query."""
    filters = hooks.claim_filters()
    if not filters:
        return {}
    totals = Claim.objects.aggregate(
        **{
            key: Count("pk", filter=condition(), distinct=True)
            for key, (_, condition) in filters.items()
        }
    )
    return {key: totals[key] or 0 for key in filters}


def verdict_counts() -> dict[str, int]:
    """Live claims by current verdict, every verdict present (zero when none)."""
    return Claim.objects.exclude(state=ClaimState.REJECTED).aggregate(
        **{value: Count("pk", filter=Q(verdict=value)) for value in Verdict.values}
    )


QUEUE_ORDER = (F("due_at").asc(nulls_last=True), "minus_top_score", "created_at", "pk")


def my_queue(user) -> QuerySet[Article]:
    """Open articles assigned to `user`, the first due first."""
    assigned = Article.assignees.through.objects.filter(article=OuterRef("pk"), user=user)
    return (
        with_work_left(Article.objects.filter(Exists(assigned), status__in=OPEN_STATUSES))
        .order_by(*QUEUE_ORDER)
        .defer(*HEAVY_ARTICLE_FIELDS)
    )


def unassigned_needing_review() -> QuerySet[Article]:
    """Open articles nobody is assigned to, the first due first: what to pick up next."""
    anyone = Article.assignees.through.objects.filter(article=OuterRef("pk"))
    return (
        with_work_left(Article.objects.filter(~Exists(anyone), status__in=OPEN_STATUSES))
        .order_by(*QUEUE_ORDER)
        .defer(*HEAVY_ARTICLE_FIELDS)
    )


@dataclass(frozen=True)
class WeekCounts:
    week: datetime.date  # the Monday
    counts: dict[str, int]  # verdict value → claims

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def week_start(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


def verdicts_by_week(*, weeks: int = 12, today: datetime.date | None = None) -> list[WeekCounts]:
    """Per week (Monday to Sunday, the current time zone), how many claims got each verdict.

    A claim counts once per week, with the last verdict it was given that week: a verdict
    corrected five minutes later is one verdict, not two. A week whose last record for a claim
    clears the verdict counts nothing for it. Rejected claims do not count. The `weeks` most
    recent weeks, oldest first, including weeks with no verdicts.
    """
    today = today or timezone.localdate()
    first = week_start(today) - datetime.timedelta(weeks=weeks - 1)
    since = timezone.make_aware(datetime.datetime.combine(first, datetime.time.min))
    recent = VerdictRecord.objects.filter(created_at__gte=since).exclude(
        claim__state=ClaimState.REJECTED
    )
    last_of_week = recent.annotate(
        row=Window(
            RowNumber(),
            partition_by=[F("claim_id"), TruncWeek("created_at")],
            order_by=[F("created_at").desc(), F("pk").desc()],
        )
    ).filter(row=1)
    rows = (
        VerdictRecord.objects.filter(pk__in=last_of_week.values("pk"), verdict__in=GIVEN_VERDICTS)
        .annotate(week=TruncWeek("created_at"))
        .values_list("week", "verdict")
        .annotate(n=Count("pk"))
        .order_by()
    )
    by_week = {
        first + datetime.timedelta(weeks=i): dict.fromkeys(GIVEN_VERDICTS, 0) for i in range(weeks)
    }
    for week, verdict, n in rows:
        day = timezone.localtime(week).date() if isinstance(week, datetime.datetime) else week
        if day in by_week:
            by_week[day][verdict] = n
    return [WeekCounts(week, counts) for week, counts in by_week.items()]


@dataclass(frozen=True)
class SourceCounts:
    source_id: int
    name: str
    counts: dict[str, int]  # the cited claim's current verdict → current evidence items

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def verdicts_by_source(*, limit: int = 10) -> list[SourceCounts]:
    """The most cited sources (current evidence on live claims), split by the claim's verdict."""
    rows = (
        Evidence.objects.current()
        .exclude(claim__state=ClaimState.REJECTED)
        .values("source_id", "source__name")
        .annotate(
            total=Count("pk"),
            **{value: Count("pk", filter=Q(claim__verdict=value)) for value in Verdict.values},
        )
        .order_by("-total", "source__name")[:limit]
    )
    return [
        SourceCounts(row["source_id"], row["source__name"], {v: row[v] for v in Verdict.values})
        for row in rows
    ]


@dataclass(frozen=True)
class TimeToVerdict:
    """Hours from an article's arrival to the first verdict on each of its claims."""

    name: str  # the article's title or the editor's username
    claims: int
    median_hours: float
    article: Article | None = None


def time_to_verdict(*, days: int = 90, limit: int = 10) -> dict[str, list[TimeToVerdict]]:
    """Per article (the latest with verdicts) and per editor (most claims first), over the
    articles that arrived in the last `days` days. One query: the first verdict each editor
    gave each claim, with its article's arrival."""
    since = timezone.now() - datetime.timedelta(days=days)
    firsts = (
        VerdictRecord.objects.filter(
            verdict__in=GIVEN_VERDICTS,
            claim__article__created_at__gte=since,
            editor__isnull=False,
        )
        .exclude(claim__state=ClaimState.REJECTED)
        .values("claim_id", "claim__article_id", "claim__article__created_at", "editor__username")
        .annotate(first=Min("created_at"))
        .order_by()
    )
    by_article: dict[int, dict] = {}
    by_editor: dict[str, list[float]] = {}
    for row in firsts:
        hours = (row["first"] - row["claim__article__created_at"]).total_seconds() / 3600
        claims = by_article.setdefault(row["claim__article_id"], {})
        claims[row["claim_id"]] = min(hours, claims.get(row["claim_id"], hours))
        by_editor.setdefault(row["editor__username"], []).append(hours)
    titles = Article.objects.in_bulk(list(by_article))
    articles = sorted(by_article, key=lambda pk: titles[pk].created_at, reverse=True)[:limit]
    return {
        "articles": [
            TimeToVerdict(
                titles[pk].title,
                len(by_article[pk]),
                median(by_article[pk].values()),
                titles[pk],
            )
            for pk in articles
        ],
        "editors": sorted(
            (TimeToVerdict(name, len(hours), median(hours)) for name, hours in by_editor.items()),
            key=lambda row: (-row.claims, row.name),
        )[:limit],
    }


def median(values) -> float:
    return round(statistics.median(values), 1)
