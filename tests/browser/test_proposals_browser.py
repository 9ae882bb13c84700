"""Proposed claims: accept and reject by key and click, add a claim by selecting words."""

import re

import pytest
from playwright.sync_api import expect

from reviews.ingest.importing import propose_for_article
from reviews.models import Article, Claim
from tests.browser.htmx import card, expect_settled, open_card
from tests.factories import EditorFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BODY = (
    "The mayor said the bridge cost 12 million euros, twice the first estimate.\n\n"
    "According to the ministry, 3,000 cars cross it every day.\n\n"
    "The council will vote on the tolls next month."
)


@pytest.fixture
def article(transactional_db):
    article = Article.objects.create(title="Bridge", body=BODY)
    propose_for_article(article)
    assert article.claims.filter(state="proposed").count() >= 2
    return article


def test_accept_by_key_and_reject_by_click(new_page, article):
    page = new_page(EditorFactory())
    page.goto(article.get_absolute_url())
    expect(card(page, 1).locator(".state-badge")).to_have_text("Proposed")
    page.keyboard.press("j")
    page.keyboard.press("a")
    expect(card(page, 1).locator(".state-badge")).to_have_count(0)
    expect_settled(card(page, 1))
    open_card(card(page, 2)).get_by_role("button", name="Reject").click()
    expect(card(page, 2)).to_have_class(re.compile("state-rejected"))
    states = list(article.claims.order_by("start").values_list("state", flat=True))
    assert states[:2] == ["accepted", "rejected"]
    expect_settled(card(page, 2))  # a click before htmx binds the form submits it natively
    card(page, 2).get_by_role("button", name="Restore").click()
    expect(card(page, 2).locator(".state-badge")).to_have_text("Proposed")


def test_reject_by_key_moves_on(new_page, article):
    page = new_page(EditorFactory())
    page.goto(article.get_absolute_url())
    page.keyboard.press("j")
    page.keyboard.press("r")
    expect(card(page, 1)).to_have_class(re.compile("state-rejected"))
    expect(card(page, 2)).to_be_focused()


def test_add_a_claim_by_selecting_words(new_page, article):
    page = new_page(EditorFactory())
    page.goto(article.get_absolute_url())
    target = "The council will vote on the tolls next month."
    start = BODY.index(target)
    piece = page.locator(f'.article-text [data-start="{start}"]')
    piece.select_text()
    piece.dispatch_event("mouseup")
    tools = page.locator("#selection-tools")
    expect(tools).to_be_visible()
    tools.get_by_role("button", name="Add as claim").click()
    expect(page.locator(".claim-list")).to_contain_text(target)
    claim = Claim.objects.get(article=article, origin="editor")
    assert (claim.start, claim.end, claim.text) == (start, start + len(target), target)


def test_add_a_claim_by_quoting_it_without_a_mouse(new_page, article):
    page = new_page(EditorFactory())
    page.goto(article.get_absolute_url())
    page.get_by_text("Add a claim", exact=True).click()
    page.get_by_label("Words from the article").fill("vote on the tolls")
    page.get_by_label("Claimed by").fill("the council")
    page.get_by_role("button", name="Add claim", exact=True).click()
    expect(page.locator("#flash")).to_contain_text("Claim added.")
    assert Claim.objects.get(article=article, origin="editor").attribution == "the council"


def test_an_over_long_paste_is_refused_in_the_page_and_the_text_stays(new_page, settings):
    settings.MAX_ARTICLE_CHARS = 200
    page = new_page(EditorFactory())
    page.goto("/articles/new/")
    text = "The mayor said the bridge cost 12 million euros. " * 10
    page.get_by_label("Article text").fill(text)
    page.locator(".import-card").first.get_by_role("button", name="Import").click()
    expect(page.locator(".too-long")).to_contain_text("the limit is 200")
    expect(page.get_by_label("Article text")).to_have_value(text)
    assert Article.objects.count() == 0
