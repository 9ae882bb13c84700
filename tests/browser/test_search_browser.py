"""In Chromium: search as you type, and link a claim from 'Checked before?'."""

import pytest

from reviews.models import Article, Claim, Evidence
from tests.factories import EditorFactory, SourceFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def make_claim(text: str, **fields) -> Claim:
    article = Article.objects.create(title=f"About {text[:30]}", body=text)
    return Claim.objects.create(article=article, start=0, end=len(text), text=text, **fields)


def test_results_swap_in_as_you_type(new_page, axe_check, transactional_db, screenshot):
    make_claim("Fighters penetrated 42 km into Russian territory.", verdict="disputed")
    make_claim("The bridge cost 12 million euros.")
    page = new_page(EditorFactory())
    page.goto("/search/")
    axe_check(page)
    page.get_by_label("Search articles and claims").press_sequentially("penetrated", delay=30)
    result = page.locator("#search-results .claim-result")
    result.first.wait_for()
    assert result.count() == 1
    assert result.first.locator("mark").inner_text().lower() == "penetrated"
    assert "q=penetrated" in page.url  # the address follows the search (back button, sharing)
    page.get_by_label("Verdict").select_option("corroborated")
    page.locator("#search-results", has_text="No claims match").wait_for()
    axe_check(page)
    screenshot(page, "search")


def test_checked_before_links_the_claim(new_page, transactional_db):
    earlier = make_claim("Fighters penetrated 42 km into Russian territory.", verdict="disputed")
    Evidence.objects.create(claim=earlier, source=SourceFactory(name="ISW"), excerpt="No sign")
    claim = make_claim("The Russian Volunteer Corps advanced 42 kilometres into Russia.")
    page = new_page(EditorFactory())
    page.goto(claim.article.get_absolute_url())
    card = page.locator(f"#claim-{claim.pk}")
    card.get_by_text("Checked before?").click()
    card.locator(".similar-text", has_text="penetrated 42 km").wait_for()
    card.get_by_role("button", name="Same claim as this").click()
    card.get_by_text("Linked as the same claim").wait_for()
    claim.refresh_from_db()
    assert claim.same_as == earlier
    # The swapped card carries the new version: a note right after is saved, not refused.
    card = page.locator(f"#claim-{claim.pk}")
    card.get_by_label("Note").fill("Same as the ISW-checked claim")
    card.get_by_role("button", name="Save note").click()
    card.locator('input[name="version"][value="3"]').first.wait_for(state="attached")
    claim.refresh_from_db()
    assert claim.note == "Same as the ISW-checked claim" and claim.same_as == earlier
