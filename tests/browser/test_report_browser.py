"""The public report page in Chromium: readable, accessible, and clean when printed.

Also saves tests/artifacts/report-page.png (the README's picture is a copy of it).
"""

import io
import json

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from reviews.models import Article

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def report_article(transactional_db):
    """The demo's published article: every claim decided, with evidence."""
    call_command("load_demo", stdout=io.StringIO())
    return Article.objects.get(status=Article.Status.PUBLISHED)


def test_anonymous_reader_sees_the_published_report(
    new_page, axe_check, report_article, screenshot
):
    page = new_page(viewport=(1100, 1400))
    page.goto(f"/articles/{report_article.pk}/report/")
    expect(page.get_by_role("heading", level=1)).to_have_text(report_article.title)
    claims = report_article.claims.exclude(state="rejected").count()
    expect(page.locator(".report-claim")).to_have_count(claims)
    expect(page.locator(".draft-banner")).to_have_count(0)
    embedded = json.loads(page.locator('script[type="application/ld+json"]').text_content())
    reviewed = report_article.claims.exclude(verdict="unreviewed").count()
    assert len(embedded["@graph"]) == reviewed
    axe_check(page)
    screenshot(page, "report-page")


def test_printed_report_drops_navigation_and_keeps_claims(new_page, report_article):
    page = new_page()
    page.goto(f"/articles/{report_article.pk}/report/")
    page.emulate_media(media="print")
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.locator(".report-actions")).to_be_hidden()
    expect(page.locator(".report-claim").first).to_be_visible()
    assert (
        page.locator(".report-claim").first.evaluate("el => getComputedStyle(el).breakInside")
        == "avoid"
    )
