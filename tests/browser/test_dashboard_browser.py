"""The dashboard in Chromium: filters swap the table with htmx and update the address."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from reviews.models import Article, Evidence, Verdict, VerdictRecord
from tests.browser.htmx import expect_settled
from tests.factories import ArticleFactory, ClaimFactory, EditorFactory, SourceFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
Status = Article.Status


@pytest.fixture
def desk(transactional_db):
    """A few articles in several states, verdicts over past weeks and cited sources."""
    editor = EditorFactory(username="desk-editor")
    now = timezone.now()
    sources = [SourceFactory(name=name) for name in ("Reuters", "AFP", "Ministry of Transport")]
    plan = [
        ("Ferry timetable cut", Status.IN_REVIEW, ["corroborated", "disputed", "unreviewed"]),
        ("Library reopening", Status.NEW, ["unreviewed", "unreviewed"]),
        ("Bridge toll figures", Status.SECOND_REVIEW, ["corroborated", "unverified"]),
        ("Council budget vote", Status.DONE, ["corroborated", "corroborated", "disputed"]),
        ("Harbour dredging", Status.PUBLISHED, ["disputed"]),
    ]
    for age, (title, status, verdicts) in enumerate(plan):
        article = ArticleFactory(
            title=title, status=status, created_at=now - datetime.timedelta(days=30 - age)
        )
        if age % 2 == 0:
            article.assignees.add(editor)
        for i, verdict in enumerate(verdicts):
            claim = ClaimFactory(article=article, verdict=verdict)
            if verdict != Verdict.UNREVIEWED:
                when = now - datetime.timedelta(weeks=(age + i) % 5, hours=1)
                VerdictRecord.objects.create(
                    claim=claim, editor=editor, verdict=verdict, claim_version=2, created_at=when
                )
            Evidence.objects.create(claim=claim, source=sources[(age + i) % len(sources)])
    return editor


def queue_titles(page):
    return page.locator("#queue tbody td:first-child > a")


def test_filter_the_dashboard_queue(new_page, desk, axe_check, screenshot):
    page = new_page(desk, viewport=(1400, 1500))
    page.goto("/dashboard/")
    expect(page.get_by_role("heading", name="Dashboard")).to_be_visible()
    expect(queue_titles(page)).to_have_text(
        ["Ferry timetable cut", "Library reopening", "Bridge toll figures"]
    )
    expect(page.get_by_role("img", name=re.compile("Verdicts per week"))).to_be_visible()
    page.evaluate("window.notReloaded = true")

    filters = page.get_by_role("navigation", name="Filter articles by status")
    filters.get_by_role("link", name=re.compile(r"^Done")).click()
    expect(page).to_have_url(re.compile(r"/dashboard/\?status=done&sort=due$"))
    expect(queue_titles(page)).to_have_text(["Council budget vote"])
    expect(filters.get_by_role("link", name=re.compile(r"^Done"))).to_have_attribute(
        "aria-current", "true"
    )
    expect(page.locator("#announcer")).to_have_text("Done articles, sorted by due, ascending")
    assert page.evaluate("window.notReloaded") is True  # swapped in place, no page load

    # htmx pushes the address before it swaps, and binds the new links only when the swap
    # settles: a click on a link before that loads the page instead.
    queue = page.locator("#queue")
    expect_settled(queue)
    page.get_by_role("link", name="All 5").click()
    expect(page).to_have_url(re.compile(r"\?status=all&sort=due$"))
    expect(queue_titles(page)).to_have_count(5)
    expect_settled(queue)
    page.get_by_role("link", name="Left to review").click()
    expect(page).to_have_url(re.compile(r"\?status=all&sort=left$"))
    expect(page.locator("th[aria-sort=ascending]")).to_have_text(re.compile("Left to review"))
    expect_settled(queue)
    page.get_by_role("link", name="Left to review").click()  # again: descending
    expect(page).to_have_url(re.compile(r"\?status=all&sort=-left$"))
    expect(queue_titles(page).first).to_have_text("Library reopening")
    expect(page.locator("th[aria-sort=descending]")).to_have_text(re.compile("Left to review"))
    assert page.evaluate("window.notReloaded") is True

    expect_settled(queue)
    axe_check(page)
    screenshot(page, "dashboard")

    page.go_back()
    expect(page).to_have_url(re.compile(r"\?status=all&sort=left$"))
    expect(page.locator("th[aria-sort=ascending]")).to_have_text(re.compile("Left to review"))


def test_my_queue_lists_assignments(new_page, desk, axe_check):
    page = new_page(desk)
    page.goto("/queue/")
    mine = page.get_by_role("region", name=re.compile("Assigned to you"))
    expect(mine.locator("tbody td:first-child > a")).to_have_text(
        ["Ferry timetable cut", "Bridge toll figures"]
    )
    unassigned = page.get_by_role("region", name=re.compile("Unassigned"))
    expect(unassigned.locator("tbody td:first-child > a")).to_have_text(["Library reopening"])
    axe_check(page)


def test_a_deadline_set_on_the_review_page_marks_the_article_overdue_in_the_queue(
    new_page, desk, axe_check
):
    """The assign form sets the due time; a passed one stands out in the header and the
    dashboard, whose default order puts it first (issue: deadlines and a queue by them)."""
    article = Article.objects.get(title="Library reopening")
    page = new_page(desk)
    page.goto(article.get_absolute_url())
    page.get_by_role("link", name="Assign", exact=True).click()
    expect_settled(page.locator(".assign-form"))
    due = timezone.localtime(timezone.now() - datetime.timedelta(hours=2))
    page.get_by_label("Due").fill(due.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_role("button", name="Save assignment").click()
    expect_settled(page.locator("#article-header"))
    expect(page.locator("#article-header .due.overdue")).to_contain_text("Overdue:")
    assert Article.objects.get(pk=article.pk).due_at is not None
    page.goto("/dashboard/")
    first = page.locator("#queue tbody tr").first
    expect(first).to_contain_text("Library reopening")
    expect(first.locator(".overdue-mark")).to_have_text("Overdue")
    assert axe_check(page) == []
