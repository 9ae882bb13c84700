"""The dashboard: article queue with filters and sorting, counts by verdict, the two charts."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from reviews.claims import set_verdict
from reviews.dashboard import charts
from reviews.dashboard import queries as dashboard
from reviews.models import Article, ClaimState, Evidence, Verdict, VerdictRecord
from tests.factories import ArticleFactory, ClaimFactory, SourceFactory, UserFactory
from tests.helpers import HTMX

URL = reverse("dashboard:dashboard")
Status = Article.Status


def at(day: str, hour: int = 12) -> datetime.datetime:
    return datetime.datetime.fromisoformat(f"{day}T{hour:02}:00:00+00:00")


def titles(html: str) -> list[str]:
    """Article titles in the queue table, in order."""
    table = html.split('<table class="article-table queue-table">', 1)[1].split("</table>", 1)[0]
    return re.findall(r'<a href="/articles/\d+/">([^<]*)</a>', table)


def with_claims(title: str, reviewed: int, unreviewed: int, **fields) -> Article:
    article = ArticleFactory(title=title, **fields)
    for _ in range(reviewed):
        ClaimFactory(article=article, verdict=Verdict.CORROBORATED)
    for _ in range(unreviewed):
        ClaimFactory(article=article)
    return article


def get(client, **params) -> str:
    response = client.get(URL, params)
    assert response.status_code == 200
    return response.content.decode()


# Access


def test_dashboard_needs_login(client, db):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_reader_sees_the_dashboard(reader_client):
    assert reader_client.get(URL).status_code == 200


def test_post_is_not_allowed(editor_client):
    assert editor_client.post(URL).status_code == 405


# The queue: filters


def test_default_shows_open_articles_first_due_first(reader_client):
    ArticleFactory(title="Second", status=Status.NEW, due_at=at("2026-01-02"))
    ArticleFactory(title="First", status=Status.SECOND_REVIEW, due_at=at("2026-01-01"))
    ArticleFactory(title="Third", status=Status.IN_REVIEW, due_at=at("2026-01-03"))
    ArticleFactory(title="Finished", status=Status.DONE)
    ArticleFactory(title="Out", status=Status.PUBLISHED)
    html = get(reader_client)
    assert titles(html) == ["First", "Second", "Third"]
    assert 'aria-current="true">Open <span class="filter-count">3</span>' in html


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        ("done", ["Finished"]),
        ("published", ["Out"]),
        ("second_review", ["Second look"]),
        ("all", ["Fresh", "Second look", "Finished", "Out"]),
    ],
)
def test_status_filter_shows_only_matching_articles(reader_client, status, expected):
    for day, (title, value) in enumerate(
        [
            ("Fresh", Status.NEW),
            ("Second look", Status.SECOND_REVIEW),
            ("Finished", Status.DONE),
            ("Out", Status.PUBLISHED),
        ],
        start=1,
    ):
        ArticleFactory(title=title, status=value, created_at=at(f"2026-01-0{day}"))
    assert titles(get(reader_client, status=status)) == expected


def test_filter_links_show_counts_and_keep_the_sort(reader_client):
    ArticleFactory(status=Status.DONE)
    ArticleFactory(status=Status.DONE)
    ArticleFactory(status=Status.NEW)
    html = get(reader_client, status="done", sort="-left")
    assert (
        '<a id="filter-done" href="/dashboard/?status=done&amp;sort=-left" '
        'hx-get="/dashboard/?status=done&amp;sort=-left" aria-current="true">'
        'Done <span class="filter-count">2</span></a>'
    ) in html
    assert 'href="/dashboard/?status=all&amp;sort=-left"' in html
    assert '>All <span class="filter-count">3</span>' in html
    assert '>Needs second review <span class="filter-count">0</span>' in html


def test_unknown_filter_and_sort_fall_back_to_defaults(reader_client):
    ArticleFactory(title="Open one", status=Status.NEW)
    ArticleFactory(title="Closed one", status=Status.DONE)
    html = get(reader_client, status="'><script>", sort="pk; drop")
    assert titles(html) == ["Open one"]
    assert "<script>" not in html.split("<main", 1)[1]


def test_empty_filter_says_so(reader_client):
    ArticleFactory(status=Status.NEW)
    html = get(reader_client, status="published")
    assert "No articles with this status." in html
    assert "queue-table" not in html


# The queue: sorting


@pytest.fixture
def three_articles(db):
    with_claims("Bravo", reviewed=1, unreviewed=3, created_at=at("2026-01-01"))  # 25 %, 3 left
    with_claims("alpha", reviewed=2, unreviewed=0, created_at=at("2026-01-02"))  # 100 %, 0 left
    with_claims("Charlie", reviewed=1, unreviewed=1, created_at=at("2026-01-03"))  # 50 %, 1 left
    ArticleFactory(title="Delta", created_at=at("2026-01-04"))  # no claims: 0 %, 0 left


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("added", ["Bravo", "alpha", "Charlie", "Delta"]),
        ("-added", ["Delta", "Charlie", "alpha", "Bravo"]),
        ("title", ["alpha", "Bravo", "Charlie", "Delta"]),
        ("progress", ["Delta", "Bravo", "Charlie", "alpha"]),
        ("-progress", ["alpha", "Charlie", "Bravo", "Delta"]),
        ("-left", ["Bravo", "Charlie", "Delta", "alpha"]),
    ],
)
def test_sorting(reader_client, three_articles, sort, expected):
    assert titles(get(reader_client, sort=sort)) == expected


def test_status_sorts_in_workflow_order(reader_client):
    ArticleFactory(title="P", status=Status.PUBLISHED, created_at=at("2026-01-01"))
    ArticleFactory(title="N", status=Status.NEW, created_at=at("2026-01-02"))
    ArticleFactory(title="S", status=Status.SECOND_REVIEW, created_at=at("2026-01-03"))
    ArticleFactory(title="I", status=Status.IN_REVIEW, created_at=at("2026-01-04"))
    ArticleFactory(title="D", status=Status.DONE, created_at=at("2026-01-05"))
    assert titles(get(reader_client, status="all", sort="status")) == ["N", "I", "S", "D", "P"]


def test_current_sort_column_links_to_the_reverse_and_says_so(reader_client, three_articles):
    html = get(reader_client, status="all", sort="progress")
    assert (
        '<th scope="col" aria-sort="ascending"><a id="sort-progress" class="sort-link" '
        'href="/dashboard/?status=all&amp;sort=-progress"'
    ) in html
    # Other columns sort ascending first and keep the status filter.
    assert (
        '<th scope="col"><a id="sort-title" class="sort-link" '
        'href="/dashboard/?status=all&amp;sort=title"' in html
    )
    html = get(reader_client, status="all", sort="-progress")
    assert '<th scope="col" aria-sort="descending"><a id="sort-progress"' in html
    assert 'href="/dashboard/?status=all&amp;sort=progress"' in html


def test_rows_show_progress_what_is_left_and_assignees(reader_client):
    article = with_claims("Bridge story", reviewed=1, unreviewed=1)
    ClaimFactory(article=article, state=ClaimState.PROPOSED)
    ClaimFactory(article=article, state=ClaimState.REJECTED)
    article.assignees.add(UserFactory(username="ann"), UserFactory(username="bob"))
    ArticleFactory(title="Nobody's")
    html = get(reader_client)
    assert '<progress max="3" value="1"' in html
    assert "1 of 3 claims reviewed" in html
    assert "2 claims left" in html
    assert "(1 proposal to accept or reject)" in html
    assert "<td>ann, bob</td>" in html
    assert '<span class="muted">Unassigned</span>' in html
    assert "No claims yet" in html


def test_user_text_is_escaped(reader_client):
    article = ArticleFactory(title="<script>alert('t')</script>", outlet="<b>Outlet</b>")
    article.assignees.add(UserFactory(username="<i>x</i>"))
    claim = ClaimFactory(article=article, verdict=Verdict.DISPUTED)
    Evidence.objects.create(claim=claim, source=SourceFactory(name="<img src=x onerror=alert(1)>"))
    html = get(reader_client)
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&#x27;t&#x27;)&lt;/script&gt;" in html
    assert "<b>Outlet</b>" not in html
    assert "<i>x</i>" not in html
    assert "<img src=x" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


# htmx


def test_htmx_request_gets_only_the_queue(reader_client):
    ArticleFactory(title="Finished", status=Status.DONE)
    ArticleFactory(title="Open", status=Status.NEW)
    response = reader_client.get(URL, {"status": "done"}, **HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<section id="queue"')
    assert "<html" not in html
    assert "Claims by verdict" not in html
    assert titles(html) == ["Finished"]
    assert (
        '<div hx-swap-oob="innerHTML:#announcer">Done articles, sorted by due, ascending</div>'
        in html
    )
    assert "HX-Request" in response["Vary"]


def test_whole_page_without_htmx_has_no_announcement(reader_client):
    html = get(reader_client)
    assert "<html" in html
    assert 'hx-swap-oob="innerHTML:#announcer"' not in html
    assert (
        '<section id="queue" class="dash-section" aria-labelledby="queue-heading" '
        'hx-target="this" hx-swap="outerHTML" hx-push-url="true">' in html
    )


def test_history_restore_gets_the_whole_page(reader_client):
    html = reader_client.get(URL, HTTP_HX_HISTORY_RESTORE_REQUEST="true", **HTMX).content
    assert b"<html" in html
    assert b"Claims by verdict" in html


# Counts by verdict


def test_counts_by_verdict_leave_out_rejected_claims(reader_client):
    for verdict, n in [("corroborated", 3), ("disputed", 2), ("unverified", 1)]:
        for _ in range(n):
            ClaimFactory(verdict=verdict)
    ClaimFactory(state=ClaimState.PROPOSED)
    ClaimFactory(verdict=Verdict.DISPUTED, state=ClaimState.REJECTED)
    assert dashboard.verdict_counts() == {
        "unreviewed": 1,
        "corroborated": 3,
        "disputed": 2,
        "unverified": 1,
    }
    html = get(reader_client)
    for symbol, n, label in [
        ("○", 1, "Not yet reviewed"),
        ("✓", 3, "Corroborated"),
        ("✗", 2, "Disputed"),
        ("?", 1, "Unverified"),
    ]:
        assert (
            f'<span class="verdict-symbol" aria-hidden="true">{symbol}</span> '
            f'<span class="count-number">{n}</span> <span class="count-label">{label}</span>'
        ) in html
    assert "7 claims in all articles" in html


# Verdicts over time

TODAY = datetime.date(2026, 3, 11)  # a Wednesday; its week starts on Monday 9 March


def record(claim, verdict, when):
    return VerdictRecord.objects.create(
        claim=claim, editor=None, verdict=verdict, claim_version=1, created_at=when
    )


def by_week(**kwargs):
    return {w.week: w.counts for w in dashboard.verdicts_by_week(today=TODAY, **kwargs)}


def test_weeks_are_the_last_twelve_mondays_with_zeros(db):
    weeks = dashboard.verdicts_by_week(today=TODAY)
    assert [w.week for w in weeks][0] == datetime.date(2025, 12, 22)
    assert [w.week for w in weeks][-1] == datetime.date(2026, 3, 9)
    assert len(weeks) == 12
    assert all(w.week.weekday() == 0 for w in weeks)
    assert all(w.counts == {"corroborated": 0, "disputed": 0, "unverified": 0} for w in weeks)


def test_a_claim_counts_once_a_week_with_its_last_verdict(db):
    claim = ClaimFactory()
    record(claim, "disputed", at("2026-03-02", 9))
    record(claim, "corroborated", at("2026-03-04", 9))  # same week, later: this one counts
    record(claim, "unverified", at("2026-03-10", 9))  # next week
    other = ClaimFactory()
    record(other, "corroborated", at("2026-03-08", 23))  # Sunday: still the week of 2 March
    weeks = by_week()
    assert weeks[datetime.date(2026, 3, 2)] == {"corroborated": 2, "disputed": 0, "unverified": 0}
    assert weeks[datetime.date(2026, 3, 9)] == {"corroborated": 0, "disputed": 0, "unverified": 1}


def test_cleared_verdicts_rejected_claims_and_old_records_do_not_count(db):
    cleared = ClaimFactory()
    record(cleared, "disputed", at("2026-03-02"))
    record(cleared, "unreviewed", at("2026-03-03"))
    rejected = ClaimFactory(state=ClaimState.REJECTED)
    record(rejected, "disputed", at("2026-03-03"))
    record(ClaimFactory(), "disputed", at("2025-12-21"))  # the Sunday before the first week
    record(ClaimFactory(), "disputed", at("2025-12-22", 0))  # first hour of the first week
    weeks = by_week()
    assert weeks[datetime.date(2026, 3, 2)]["disputed"] == 0
    assert weeks[datetime.date(2025, 12, 22)]["disputed"] == 1
    assert sum(sum(c.values()) for c in weeks.values()) == 1


def test_set_verdict_feeds_the_weekly_chart(db, editor):
    claim = ClaimFactory()
    set_verdict(claim=claim, editor=editor, verdict="disputed", note="", expected_version=1)
    this_week = dashboard.verdicts_by_week()[-1]
    assert this_week.counts == {"corroborated": 0, "disputed": 1, "unverified": 0}


# Verdicts by source


def cite(source, claim, removed=False):
    return Evidence.objects.create(
        claim=claim, source=source, removed_at=timezone.now() if removed else None
    )


def test_sources_split_by_the_claims_current_verdict(db):
    reuters, agency = SourceFactory(name="Reuters"), SourceFactory(name="Agency")
    for verdict in ["corroborated", "corroborated", "disputed", "unreviewed"]:
        cite(reuters, ClaimFactory(verdict=verdict))
    cite(agency, ClaimFactory(verdict="unverified"))
    cite(agency, ClaimFactory(verdict="disputed"), removed=True)
    cite(agency, ClaimFactory(verdict="disputed", state=ClaimState.REJECTED))
    rows = dashboard.verdicts_by_source()
    assert [(r.name, r.counts, r.total) for r in rows] == [
        ("Reuters", {"unreviewed": 1, "corroborated": 2, "disputed": 1, "unverified": 0}, 4),
        ("Agency", {"unreviewed": 0, "corroborated": 0, "disputed": 0, "unverified": 1}, 1),
    ]


def test_only_the_ten_most_cited_sources(db):
    claim = ClaimFactory(verdict="corroborated")
    for i in range(12):
        source = SourceFactory(name=f"Source {i:02}")
        for _ in range(i + 1):
            cite(source, claim)
    rows = dashboard.verdicts_by_source()
    assert [r.name for r in rows] == [f"Source {i:02}" for i in range(11, 1, -1)]


# Chart geometry and rendering


def test_weekly_chart_stacks_bars_to_scale():
    weeks = [
        dashboard.WeekCounts(datetime.date(2026, 3, 2), {"corroborated": 3, "disputed": 2}),
        dashboard.WeekCounts(datetime.date(2026, 3, 9), {"corroborated": 0, "disputed": 1}),
    ]
    chart = charts.weekly_chart(weeks, ["corroborated", "disputed"])
    assert chart.scale_max == 5
    full = chart.plot_bottom - chart.plot_top
    first, second = chart.bars
    assert [(s.verdict, s.count, s.height) for s in first.segments] == [
        ("corroborated", 3, round(full * 3 / 5, 1)),
        ("disputed", 2, round(full * 2 / 5, 1)),
    ]
    assert first.segments[0].y + first.segments[0].height == chart.plot_bottom
    assert first.segments[1].y == chart.plot_top  # the tallest bar reaches the top
    assert [s.verdict for s in second.segments] == ["disputed"]  # no empty segments
    assert (first.label, second.label) == ("2 Mar", "9 Mar")
    assert [t.value for t in chart.ticks] == [0, 5]


@pytest.mark.parametrize(
    ("value", "expected"), [(0, 1), (1, 1), (3, 5), (7, 10), (11, 20), (49, 50), (51, 100)]
)
def test_axis_maximum_is_round(value, expected):
    assert charts.nice_max(value) == expected


def test_source_chart_bars_are_proportional():
    rows = [
        dashboard.SourceCounts(1, "A", {"corroborated": 5, "disputed": 0}),
        dashboard.SourceCounts(2, "B", {"corroborated": 1, "disputed": 1}),
    ]
    chart = charts.source_chart(rows, ["corroborated", "disputed"])
    plot = chart.plot_right - chart.plot_left
    assert chart.scale_max == 5
    assert chart.bars[0].segments[0].width == plot
    assert [s.width for s in chart.bars[1].segments] == [plot / 5, plot / 5]
    assert chart.bars[1].segments[1].x == chart.plot_left + plot / 5


def test_charts_are_drawn_with_text_alternatives(reader_client):
    claim = ClaimFactory(verdict=Verdict.DISPUTED)
    record(claim, "disputed", timezone.now())
    cite(SourceFactory(name="Reuters"), claim)
    html = get(reader_client)
    assert 'role="img" aria-labelledby="weeks-title weeks-desc"' in html
    assert "In all: 0 corroborated, 1 disputed, 0 unverified." in html
    assert html.count('data-verdict="disputed"') == 2  # one bar in each chart
    assert 'fill="url(#fill-disputed)"' in html
    assert '<pattern id="fill-disputed"' in html
    assert '<desc id="sources-desc">Reuters: 1.' in html
    # The data tables
    assert (
        '<tr><th scope="row">Reuters</th><td>0</td><td>0</td><td>1</td><td>0</td><td>1</td></tr>'
        in html
    )
    monday = dashboard.week_start(timezone.localdate())
    assert (
        f'<time datetime="{monday:%Y-%m-%d}">{monday.day} {monday:%b %Y}</time></th>'
        "<td>0</td><td>1</td><td>0</td><td>1</td>"
    ) in html


def test_empty_charts_say_so(reader_client):
    html = get(reader_client)
    assert "No verdicts in the last 12 weeks." in html
    assert "No evidence cited yet." in html
    assert 'role="img"' not in html


# Query counts


def count_queries(client, **extra) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(URL, {"status": "all"}, **extra).status_code == 200
    return len(captured)


def add_busy_article(i: int) -> None:
    claim = ClaimFactory(verdict=Verdict.CORROBORATED)
    claim.article.assignees.add(UserFactory())
    record(claim, "corroborated", timezone.now())
    cite(SourceFactory(name=f"Busy {i}"), claim)


@pytest.mark.parametrize("extra", [{}, HTMX], ids=["page", "htmx"])
def test_queries_do_not_grow_with_articles_claims_or_sources(reader_client, extra):
    add_busy_article(0)
    few = count_queries(reader_client, **extra)
    for i in range(1, 12):
        add_busy_article(i)
        ClaimFactory()
    assert count_queries(reader_client, **extra) == few


def test_queue_comes_in_pages_whose_links_keep_the_filter_and_sort(reader_client, monkeypatch):
    monkeypatch.setattr("reviews.paging.PER_PAGE", 2)
    for n in range(5):
        ArticleFactory(title=f"Q{n}", status=Status.IN_REVIEW)
    ArticleFactory(title="Gone", status=Status.DONE)
    html = get(reader_client, status="open", sort="-added")
    assert titles(html) == ["Q4", "Q3"] and "Page 1 of 3" in html
    next_href = f"{URL}?status=open&amp;sort=-added&amp;page=2"
    assert f'id="page-next" rel="next" href="{next_href}" hx-get="{next_href}"' in html
    # The link as htmx follows it: the queue alone, its second page.
    response = reader_client.get(URL, {"status": "open", "sort": "-added", "page": 2}, **HTMX)
    partial = response.content.decode()
    assert partial.lstrip().startswith('<section id="queue"') and "<html" not in partial
    assert titles(partial) == ["Q2", "Q1"] and "Page 2 of 3" in partial
    assert titles(get(reader_client, status="open", sort="-added", page=3)) == ["Q0"]
    # A new sort or filter starts again at the first page (its links carry no page).
    assert "page=" not in html.split('id="sort-title"', 1)[1].split(">", 1)[0]


@pytest.mark.parametrize("sort", ["due", "-added", "title"])
@pytest.mark.parametrize("extra", [{}, HTMX], ids=["page", "htmx"])
def test_queries_do_not_grow_with_pages_of_the_queue(reader_client, monkeypatch, extra, sort):
    monkeypatch.setattr("reviews.paging.PER_PAGE", 3)

    def count(**params) -> int:
        with CaptureQueriesContext(connection) as captured:
            response = reader_client.get(URL, {"status": "all", "sort": sort, **params}, **extra)
            assert response.status_code == 200
        return len(captured)

    add_busy_article(0)
    one_page = count()
    for i in range(1, 12):
        add_busy_article(i)
    assert count() == one_page
    with CaptureQueriesContext(connection) as captured:
        html = reader_client.get(URL, {"status": "all", "sort": sort, "page": 3}, **extra)
    assert len(captured) == one_page
    assert html.content.decode().count("claim reviewed") == 3  # each row's progress
    assert not any('"body"' in q["sql"].split(" FROM ")[0] for q in captured)
