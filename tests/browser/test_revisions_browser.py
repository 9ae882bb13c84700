"""In the browser: an editor imports a new version of an article, reads the revision's diff
and report, and clears a changed claim's re-review flag by confirming its verdict."""

import pytest
from playwright.sync_api import expect

from reviews.claims import set_verdict
from reviews.models import Claim
from tests.browser.htmx import open_card
from tests.factories import ArticleFactory, ClaimFactory, EditorFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NEW_TEXT = (
    "Bridge story\n\n"
    "The mayor said the bridge cost 14 million euros.\n\n"
    "According to the ministry, 3,000 cars cross it every day. Critics disagree.\n\n"
    "The bridge opened in 1998. <b>Updated</b> on Monday."
)


def test_new_version_diff_report_and_rereview(new_page, axe_check, transactional_db):
    editor = EditorFactory(username="eddie")
    article = ArticleFactory(title="Bridge story")
    claim = ClaimFactory(article=article, quote="The mayor said the bridge cost 12 million euros")
    set_verdict(
        claim=claim, editor=editor, verdict="disputed", note="Budget says 9m", expected_version=1
    )
    page = new_page(editor)
    page.goto(article.get_absolute_url())
    page.get_by_role("link", name="Import a new version…").click()
    page.get_by_label("The new version's text").fill(NEW_TEXT)
    page.get_by_role("button", name="Import the new version").click()

    # The revision page: the counts, the claim's word diff and the whole text's diff, escaped.
    expect(page.get_by_role("heading", name="Revision 2 (current)")).to_be_visible()
    expect(page.locator(".report-counts")).to_have_text(
        "0 unchanged, 0 moved, 1 changed wording, 0 not found."
    )
    row = page.locator(f"#placement-{claim.pk}")
    expect(row.locator(".outcome")).to_have_text("Changed wording")
    expect(row.locator("del")).to_have_text("12")
    expect(row.locator("ins")).to_have_text("14")
    diff = page.locator(".revision-diff .diff-text")
    expect(diff.locator("ins").filter(has_text="<b>Updated</b>")).to_have_count(1)
    expect(diff.locator("b")).to_have_count(0)  # the text's markup is shown, never rendered
    axe_check(page)  # the diff's colours and the report table read for everyone

    # Back on the review page: revision 2 is current, the claim is flagged.
    page.get_by_role("link", name="Back to “Bridge story”").click()
    expect(page.locator(".text-revision")).to_contain_text("Revision 2 (current)")
    card = page.locator(f"#claim-{claim.pk}")
    expect(card.locator(".rereview-badge")).to_have_text("Needs re-review")
    expect(page.locator(f'mark[data-claim="{claim.pk}"]').first).to_be_visible()
    open_card(card)
    expect(card.locator(".rereview-line")).to_be_visible()
    axe_check(page)
    # The editor checks it and keeps the verdict: the flag goes, the verdict stays.
    card.get_by_role("button", name="Disputed").click()
    expect(card.locator(".rereview-badge")).to_have_count(0)
    expect(card.locator(".verdict-badge")).to_contain_text("Disputed")
    stored = Claim.objects.get(pk=claim.pk)
    assert (stored.needs_rereview, stored.verdict) == (False, "disputed")
