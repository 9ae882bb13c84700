"""In Chromium: search as you type, and link a claim from 'Checked before?'."""

import re

import pytest
from playwright.sync_api import expect

from reviews.models import Article, Claim, Evidence
from tests.browser.htmx import expect_settled, open_card
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
    # Keys slower than the 300 ms debounce (a busy machine) search for "pen", "penet"... on
    # the way: wait for the whole word's results, not for the first results to show.
    expect(page).to_have_url(re.compile(r"[?&]q=penetrated(&|$)"))  # back button, sharing
    result = page.locator("#search-results .claim-result")
    expect(result.first.locator("mark")).to_have_text(re.compile("^penetrated$", re.IGNORECASE))
    expect(result).to_have_count(1)
    page.get_by_label("Verdict").select_option("corroborated")
    expect(page.locator("#search-results")).to_contain_text("No claims match")
    expect_settled(page.locator("#search-form"))
    axe_check(page)
    screenshot(page, "search")


def test_checked_before_links_the_claim(new_page, transactional_db):
    earlier = make_claim("Fighters penetrated 42 km into Russian territory.", verdict="disputed")
    Evidence.objects.create(claim=earlier, source=SourceFactory(name="ISW"), excerpt="No sign")
    claim = make_claim("The Russian Volunteer Corps advanced 42 kilometres into Russia.")
    page = new_page(EditorFactory())
    page.goto(claim.article.get_absolute_url())
    card = open_card(page.locator(f"#claim-{claim.pk}"))
    card.get_by_text("Checked before?").click()
    expect(card.locator(".similar-text", has_text="penetrated 42 km")).to_be_visible()
    expect_settled(card)  # a click before htmx binds the form submits it natively
    card.get_by_role("button", name="Same claim as this").click()
    expect(card.get_by_text("Linked as the same claim")).to_be_visible()
    claim.refresh_from_db()
    assert claim.same_as == earlier
    # The swapped card carries the new version: a note right after is saved, not refused.
    expect_settled(card)
    card.get_by_label("Note").fill("Same as the ISW-checked claim")
    card.get_by_role("button", name="Save note").click()
    expect(card.locator('.claim-form input[name="version"]')).to_have_value("3")
    claim.refresh_from_db()
    assert claim.note == "Same as the ISW-checked claim" and claim.same_as == earlier
