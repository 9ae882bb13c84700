"""axe-core on every page: no serious or critical violations, after htmx swaps too.

The pages run with reduced motion asked for (what many of the desk's users set, and a
page at rest for axe); nothing on them fades or moves anyway: a card loading its full
form used to fade to 70% opacity, and axe measured its text's contrast mid-load.
Run ten times in a row to show it is not flaky (see README).
"""

import io
import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from reviews.claims import set_state
from reviews.models import Article
from tests.browser.htmx import expect_settled
from tests.factories import EditorFactory, UserFactory

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


def calm(page):
    page.emulate_media(reduced_motion="reduce")
    return page


def without_poll(page):
    """No live poll: its presence write can lock the tests' in-memory SQLite database for a
    moment ("database table is locked", a 503 for a save then); live updates have tests of
    their own."""
    page.route(re.compile(r"/articles/\d+/changes/"), lambda route: route.fulfill(status=204))
    return page


def test_review_page_has_no_serious_violations(new_page, axe_check, demo):
    page = calm(new_page(EditorFactory()))
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


def test_review_page_after_keys_toast_and_evidence_panel(new_page, axe_check, demo):
    page = without_poll(calm(new_page(EditorFactory(), viewport=(1440, 900))))
    page.goto(demo.get_absolute_url())
    undecided = [
        n
        for n, claim in enumerate(demo.claims.order_by("start", "end", "pk"), start=1)
        if claim.verdict == "unreviewed"
    ]
    for _ in range(undecided[0]):
        page.keyboard.press("j")
    current = page.locator(".claim-list .claim-card.is-current")
    expect_settled(current)
    page.keyboard.press("1")  # no evidence: the card asks, and the toast says so
    expect(current.locator(".confirm-verdict")).to_be_visible()
    expect_settled(current)
    page.keyboard.press("1")
    toast = page.locator("#announcer")
    expect(toast).to_contain_text("saved: Corroborated")
    expect(toast.get_by_role("button", name="Undo")).to_be_visible()
    expect_settled(page.locator(".claim-list .claim-card.is-current"))
    axe_check(page)  # the swapped card, its recoloured highlight and the toast
    page.keyboard.press("u")
    expect(toast).to_contain_text("Undone")
    expect_settled(page.locator(".claim-list .claim-card.is-current"))
    axe_check(page)
    page.keyboard.press("e")
    source = page.locator(".evidence-form-slot").get_by_role("combobox", name="Source")
    expect(source).to_be_focused()
    page.keyboard.type("Reu")
    expect(page.locator(".source-option").first).to_be_visible()
    expect_settled(page.locator(".evidence-form-slot:not(:empty)"))
    axe_check(page)  # the evidence panel with its suggestions open


def test_a_published_article_and_its_locked_cards(new_page, axe_check, demo):
    published = Article.objects.get(status="published")
    page = calm(new_page(EditorFactory()))
    page.goto(published.get_absolute_url())
    page.keyboard.press("j")
    page.keyboard.press("2")  # refused: the toast says only an admin can correct
    expect(page.locator("#announcer")).to_contain_text("Published")
    axe_check(page)


@pytest.mark.parametrize(
    "address",
    [
        "/dashboard/",
        "/queue/",
        "/search/?q=army",
        "/articles/new/",
        "/exports/",
        "REPORT",
        "HISTORY",
    ],
)
def test_the_desk_pages_have_no_serious_violations(new_page, axe_check, demo, address):
    address = {
        "REPORT": f"/articles/{demo.pk}/report/",
        "HISTORY": f"/articles/{demo.pk}/history/",
    }.get(address, address)
    page = calm(new_page(EditorFactory()))
    page.goto(address)
    expect(page.locator("main")).to_be_visible()
    axe_check(page)


@pytest.mark.parametrize(
    "address", ["/admin/", "/admin/reviews/source/", "/admin/reviews/article/"]
)
def test_the_admin_pages_have_no_serious_violations(new_page, axe_check, demo, address):
    admin = UserFactory(username="desk-admin", is_staff=True, is_superuser=True)
    page = calm(new_page(admin))
    page.goto(address)
    expect(page.locator("#content")).to_be_visible()
    axe_check(page)
