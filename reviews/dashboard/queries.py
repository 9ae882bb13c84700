"""What the dashboard and the "my queue" page count and list.

Plain functions over the models, each a fixed number of queries however many articles,
claims or records there are. Rejected claims count nowhere, as in `with_progress()`.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    FloatField,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
    Window,
)
from django.db.models.functions import Cast, Lower, RowNumber, TruncWeek
from django.utils import timezone

from reviews.models import Article, Claim, ClaimState, Evidence, Verdict, VerdictRecord

Status = Article.Status
# Articles somebody still has to work on; done and published ones have left the queue.
OPEN_STATUSES = (Status.NEW, Status.IN_REVIEW, Status.SECOND_REVIEW)
# The verdicts an editor gives (clearing a verdict back to "not yet reviewed" is not one).
GIVEN_VERDICTS = (Verdict.CORROBORATED, Verdict.DISPUTED, Verdict.UNVERIFIED)

# Status filter values: "open" (the default), "all", or one article status.
DEFAULT_STATUS = "open"
STATUS_FILTERS = {"open": "Open", "all": "All", **dict(Status.choices)}

# Sort keys; a leading "-" reverses. Every ordering ends on pk so pages are stable.
DEFAULT_SORT = "added"
SORTS = {
    "added": ("created_at", "pk"),
    "title": (Lower("title"), "pk"),
    "status": ("status_rank", "created_at", "pk"),
    "progress": ("done_fraction", "created_at", "pk"),
    "left": ("claims_left", "created_at", "pk"),
}
SORT_LABELS = {
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
    if status not in STATUS_FILTERS:
        status = DEFAULT_STATUS
    sort = params.get("sort", DEFAULT_SORT)
    if sort.removeprefix("-") not in SORTS:
        sort = DEFAULT_SORT
    return status, sort


def article_queue(*, status: str = DEFAULT_STATUS, sort: str = DEFAULT_SORT) -> QuerySet[Article]:
    """The dashboard's article table: filtered by status, sorted, with progress."""
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
    order = [f.desc() if sort.startswith("-") else f.asc() for f in fields]
    return (
        with_work_left(articles)
        .annotate(status_rank=rank)
        .prefetch_related("assignees")
        .order_by(*order)
    )


def status_counts() -> dict[str, int]:
    """How many articles each status filter shows, for the filter links."""
    rows = dict(Article.objects.values_list("status").annotate(n=Count("pk")).order_by())
    counts = {value: rows.get(value, 0) for value in Status.values}
    counts["open"] = sum(counts[value] for value in OPEN_STATUSES)
    counts["all"] = sum(rows.values())
    return counts


def verdict_counts() -> dict[str, int]:
    """Live claims by current verdict, every verdict present (zero when none)."""
    return Claim.objects.exclude(state=ClaimState.REJECTED).aggregate(
        **{value: Count("pk", filter=Q(verdict=value)) for value in Verdict.values}
    )


def my_queue(user) -> QuerySet[Article]:
    """Open articles assigned to `user`, oldest first."""
    assigned = Article.assignees.through.objects.filter(article=OuterRef("pk"), user=user)
    return with_work_left(
        Article.objects.filter(Exists(assigned), status__in=OPEN_STATUSES)
    ).order_by("created_at", "pk")


def unassigned_needing_review() -> QuerySet[Article]:
    """Open articles nobody is assigned to, oldest first: what an editor could pick up next."""
    anyone = Article.assignees.through.objects.filter(article=OuterRef("pk"))
    return with_work_left(
        Article.objects.filter(~Exists(anyone), status__in=OPEN_STATUSES)
    ).order_by("created_at", "pk")


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
