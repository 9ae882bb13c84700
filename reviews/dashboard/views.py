"""The dashboard (article queue, verdict counts, charts) and the "my queue" page.

Both read only; anyone logged in may see them. With htmx, a change of filter or sort
answers the queue partial alone; without JavaScript the same links load the whole page.
"""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from reviews import agreement, hooks, paging
from reviews.dashboard import charts
from reviews.dashboard import queries as dashboard
from reviews.htmx import HtmxHttpRequest, wants_partial
from reviews.models import Verdict

UNASSIGNED_SHOWN = 25


@require_GET
@vary_on_headers("HX-Request")
def dashboard_page(request: HtmxHttpRequest) -> HttpResponse:
    status, sort = dashboard.clean_filters(request.GET)
    counts = dashboard.status_counts()
    flags = hooks.claim_filters()
    flag_counts = dashboard.flag_counts()
    flagged = status in flags
    pager = None
    if not flagged:
        counted = sort.removeprefix("-") in dashboard.COUNTED_SORTS
        pager = paging.page_of(
            request,
            dashboard.article_queue(status=status, sort=sort),
            annotate=None if counted else dashboard.with_queue_columns,
        )
    context = {
        "articles": pager.page.object_list if pager else [],
        "pager": pager,
        "flagged_claims": visible_claims(request, dashboard.flagged_claims(status))
        if flagged
        else None,
        "status": status,
        "sort": sort,
        "status_filters": [
            (value, label, counts[value]) for value, label in dashboard.STATUS_FILTERS.items()
        ]
        + [(key, label, flag_counts[key]) for key, (label, _) in flags.items()],
        "columns": sort_columns(status, sort),
        "caption": caption(status, sort),
    }
    if wants_partial(request):
        return render(request, "dashboard/dashboard.html#queue", context)
    given = list(dashboard.GIVEN_VERDICTS)
    given_labels = [(v, Verdict(v).label) for v in given]
    verdicts = dashboard.verdict_counts()
    weeks = dashboard.verdicts_by_week()
    sources = dashboard.verdicts_by_source()
    context |= {
        "verdict_counts": [(value, label, verdicts[value]) for value, label in Verdict.choices],
        "claims_total": sum(verdicts.values()),
        "weeks": weeks,
        "week_totals": [(label, sum(w.counts[v] for w in weeks)) for v, label in given_labels],
        "week_chart": charts.weekly_chart(weeks, given),
        "given_verdicts": given_labels,
        "sources": sources,
        "source_chart": charts.source_chart(sources, Verdict.values),
        "all_verdicts": Verdict.choices,
        "time_to_verdict": dashboard.time_to_verdict(),
    }
    return render(request, "dashboard/dashboard.html", context)


def visible_claims(request: HtmxHttpRequest, claims) -> list:
    """Not the claims of a blind second review this user is doing: their evidence is hidden."""
    claims = list(claims)
    articles = {claim.article_id: claim.article for claim in claims}
    blind = {pk for pk, article in articles.items() if agreement.blind_for(article, request.user)}
    return [claim for claim in claims if claim.article_id not in blind]


def sort_columns(status: str, sort: str) -> dict[str, dict]:
    """Each sortable column: its link (sort key toggling when current) and aria-sort."""
    current, descending = sort.removeprefix("-"), sort.startswith("-")
    here = reverse("dashboard:dashboard")
    columns = {}
    for key, label in dashboard.SORT_LABELS.items():
        is_current = key == current
        next_sort = f"-{key}" if is_current and not descending else key
        columns[key] = {
            "key": key,
            "label": label,
            "href": f"{here}?{urlencode({'status': status, 'sort': next_sort})}",
            "aria_sort": ("descending" if descending else "ascending") if is_current else "",
        }
    return columns


def caption(status: str, sort: str) -> str:
    """The table's caption, also announced after an htmx swap."""
    if status in hooks.claim_filters():
        return f"Claims: {hooks.claim_filters()[status][0].lower()}"
    label = dashboard.SORT_LABELS[sort.removeprefix("-")].lower()
    direction = "descending" if sort.startswith("-") else "ascending"
    return f"{dashboard.STATUS_FILTERS[status]} articles, sorted by {label}, {direction}"


@require_GET
def my_queue(request: HtmxHttpRequest) -> HttpResponse:
    unassigned = dashboard.unassigned_needing_review()
    return render(
        request,
        "dashboard/my_queue.html",
        {
            "mine": dashboard.my_queue(request.user),
            "unassigned": unassigned[:UNASSIGNED_SHOWN],
            "unassigned_count": unassigned.count(),
        },
    )
