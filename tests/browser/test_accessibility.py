"""axe-core on every page: no serious or critical violations."""

import io
import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from reviews.claims import set_state
from reviews.models import Article
from tests.browser.htmx import expect_settled
from tests.factories import EditorFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(transactional_db):
    call_command("load_demo", stdout=io.StringIO())
    return Article.objects.order_by("pk").first()


def test_login_page_has_no_serious_violations(new_page, axe_check, transactional_db):
    page = new_page()
    page.goto("/accounts/login/")
    axe_check(page)


def test_article_list_has_no_serious_violations(new_page, axe_check, demo, screenshot):
    page = new_page(EditorFactory())
    page.goto("/")
    axe_check(page)
    screenshot(page, "article-list")


def test_review_page_has_no_serious_violations(new_page, axe_check, demo):
    page = new_page(EditorFactory())
    page.goto(demo.get_absolute_url())
    axe_check(page)
    # The first card becomes current: its full form comes in place of the compact card.
    first = page.locator(".claim-list .claim-card").first
    page.keyboard.press("j")
    # While a card saves (htmx-request on its form): no text faded below contrast.
    saving = first.locator(".claim-form")
    saving.evaluate("form => form.classList.add('htmx-request')")
    axe_check(page)
    saving.evaluate("form => form.classList.remove('htmx-request')")
    # After htmx swaps too. Wait for this card's own swap: other cards may be disputed already.
    page.keyboard.press("2")
    asks = first.locator(".confirm-verdict")
    expect(asks.or_(first.locator(".verdict-badge.verdict-disputed"))).to_be_visible()
    if asks.count():  # no evidence: the card asks first, and that state must pass too
        expect_settled(first)
        axe_check(page)
        page.keyboard.press("2")
    expect(first.locator(".verdict-badge")).to_have_class(re.compile("verdict-disputed"))
    expect_settled(first)
    axe_check(page)


def test_rejected_claims_keep_their_contrast(new_page, axe_check, demo):
    editor = EditorFactory()
    claim = demo.claims.order_by("start").first()
    set_state(claim=claim, editor=editor, state="rejected", expected_version=claim.version)
    page = new_page(editor)
    page.goto(demo.get_absolute_url())
    expect(page.locator(f"#claim-{claim.pk}")).to_have_class(re.compile("state-rejected"))
    axe_check(page)


def test_help_dialog_has_no_serious_violations(new_page, axe_check, demo):
    page = new_page(EditorFactory())
    page.goto(demo.get_absolute_url())
    page.keyboard.press("?")
    axe_check(page)
