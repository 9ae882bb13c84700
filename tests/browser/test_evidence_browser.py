"""Adding evidence with the source type-ahead, by key and by mouse."""

import re

import pytest
from playwright.sync_api import expect

from reviews.models import Evidence
from tests.browser.htmx import expect_settled
from tests.factories import ArticleFactory, ClaimFactory, EditorFactory, SourceFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def claim(transactional_db):
    SourceFactory(name="Reuters", reliability="high")
    SourceFactory(name="Ukrinform", kind="news_agency")
    return ClaimFactory(article=ArticleFactory(), quote="the bridge cost 12 million euros")


def test_e_opens_the_form_and_the_type_ahead_picks_a_source(new_page, claim, axe_check):
    page = new_page(EditorFactory())
    page.goto(claim.article.get_absolute_url())
    page.keyboard.press("j")
    page.keyboard.press("e")
    source = page.get_by_role("combobox", name="Source", exact=True)
    expect(source).to_be_focused()
    # Keys slower than the type-ahead's 250 ms debounce (a busy machine) show options for
    # "r" and "re" first: wait for the answer to "reu" itself.
    with page.expect_response(lambda response: "source_query=reu" in response.url):
        source.press_sequentially("reu", delay=30)
    expect_settled(page.locator(".source-picker"))
    option = page.get_by_role("button", name=re.compile("^Reuters"))
    expect(option).to_be_visible()
    source.press("ArrowDown")
    expect(option).to_be_focused()
    page.keyboard.press("Enter")
    expect(source).to_have_value("Reuters")
    axe_check(page)
    page.get_by_label("Link").fill("https://example.org/budget")
    page.get_by_label("Quote from the source").fill("The bridge cost €12.4m.")
    page.get_by_label("Contradicts the claim").check()
    page.get_by_role("button", name="Save evidence").click()
    card = page.locator(f"#claim-{claim.pk}")
    expect(card.locator(".evidence-item")).to_contain_text("Reuters")
    expect(card.locator(".evidence-item")).to_contain_text("The bridge cost €12.4m.")
    item = Evidence.objects.get()
    assert (item.source.name, item.stance, item.url) == (
        "Reuters",
        "contradicts",
        "https://example.org/budget",
    )
    # With evidence there, a verdict needs no confirmation.
    page.keyboard.press("Escape")
    card.focus()
    page.keyboard.press("2")
    expect(card.locator(".verdict-badge")).to_have_text(re.compile("Disputed"))
