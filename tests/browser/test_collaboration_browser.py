"""Two editors in two browser contexts: changes appear live, typing is never overwritten."""

import re

import pytest
from playwright.sync_api import expect

from reviews.models import Claim
from tests.browser.htmx import card, expect_settled, open_card
from tests.factories import ArticleFactory, ClaimFactory, EditorFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def article(transactional_db):
    article = ArticleFactory()
    ClaimFactory(article=article, quote="the bridge cost 12 million euros")
    ClaimFactory(article=article, quote="3,000 cars cross it every day", attribution="the ministry")
    return article


def test_a_colleagues_verdict_appears_within_seconds(new_page, article):
    mine = new_page(EditorFactory(username="ana"))
    theirs = new_page(EditorFactory(username="ben"))
    for page in (mine, theirs):
        page.goto(article.get_absolute_url())
    expect(mine.locator(".viewers")).to_contain_text("Also here: ben", timeout=8000)

    open_card(card(theirs, 2))  # the page sends cards compact; using one brings its forms
    card(theirs, 2).get_by_label("Note").fill("Ministry counts 2,400.")
    card(theirs, 2).get_by_role("button", name="Disputed", exact=True).click()
    confirm = card(theirs, 2).get_by_role("button", name="Set Disputed without evidence")
    expect(confirm).to_be_visible()
    expect_settled(card(theirs, 2))  # a click before htmx binds the form submits it natively
    confirm.click()
    expect(card(theirs, 2).locator(".verdict-badge")).to_have_text(re.compile("Disputed"))

    # Within 5 seconds, without a reload, on the other editor's page:
    expect(card(mine, 2).locator(".verdict-badge")).to_have_text(
        re.compile("Disputed"), timeout=5000
    )
    expect(card(mine, 2).get_by_label("Note")).to_have_value("Ministry counts 2,400.")
    expect(mine.locator(".review-header .progress-label")).to_have_text("1 of 2 claims reviewed")
    pk = card(mine, 2).get_attribute("data-claim")
    expect(mine.locator(f'mark[data-claim="{pk}"]').first).to_have_class(
        re.compile("verdict-disputed")
    )


def test_typing_is_not_overwritten_and_the_save_shows_both(new_page, article):
    mine = new_page(EditorFactory(username="ana"))
    theirs = new_page(EditorFactory(username="ben"))
    for page in (mine, theirs):
        page.goto(article.get_absolute_url())
    open_card(card(mine, 1)).get_by_label("Note").fill("My half-written note")

    open_card(card(theirs, 1)).get_by_label("Note").fill("Their note")
    card(theirs, 1).get_by_role("button", name="Save note").click()
    expect(card(theirs, 1).locator(".claim-meta")).to_contain_text("Last changed by ben")

    expect(card(mine, 1).locator(".changed-meanwhile")).to_be_visible(timeout=6000)
    expect(card(mine, 1).get_by_label("Note")).to_have_value("My half-written note")
    card(mine, 1).get_by_role("button", name="Save note").click()
    conflict = card(mine, 1).locator(".conflict")
    expect(conflict).to_contain_text("Not saved: ben changed this claim")
    expect(conflict).to_contain_text("Their note")
    expect(card(mine, 1).get_by_label("Note")).to_have_value("My half-written note")
    claim = Claim.objects.get(pk=card(mine, 1).get_attribute("data-claim"))
    assert claim.note == "Their note"


def test_status_and_history_from_the_header(new_page, article):
    page = new_page(EditorFactory(username="ana"))
    page.goto(article.get_absolute_url())
    page.get_by_role("button", name="Ask for a second review").click()
    expect(page.locator("#article-header .status")).to_have_text("Needs second review")
    expect_settled(page.locator("#article-header"))  # else the link opens the history page
    page.get_by_role("link", name="History", exact=True).first.click()
    expect(page.locator("#header-panel")).to_contain_text("ana changed the status")
