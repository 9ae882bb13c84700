"""An editor's real day on the review page, in Chromium."""

import re

import pytest
from playwright.sync_api import expect

from reviews.models import Claim, Event, Evidence, VerdictRecord
from tests.browser.htmx import card, expect_settled, open_card
from tests.factories import EditorFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def editor(transactional_db):
    return EditorFactory(username="desk-editor")


def test_log_in_and_review_the_seed_article_by_click(new_page, seed_article, screenshot):
    page = new_page()
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill("factcheck-demo")
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("link", name=seed_article.title).click()
    page.wait_for_load_state()  # htmx binds the forms on load; a click before that submits natively

    claims = seed_article.claims.count()
    expect(page.locator(".claim-list .claim-card")).to_have_count(claims)
    expect(page.locator(".claim-ref")).to_have_count(claims)
    reviewed = seed_article.claims.exclude(verdict="unreviewed").count()
    progress = page.locator(".review-header .progress-label")
    expect(progress).to_have_text(f"{reviewed} of {claims} claims reviewed")

    page.evaluate("window.notReloaded = true")
    second = open_card(card(page, 2))  # cards come compact; using one brings its forms
    second.get_by_role("button", name="Disputed", exact=True).click()
    # No evidence yet: the card asks before setting it anyway.
    confirm = card(page, 2).get_by_role("button", name="Set Disputed without evidence")
    expect(confirm).to_be_focused()
    confirm.click()
    expect(card(page, 2).locator(".verdict-badge")).to_have_text(re.compile("Disputed"))
    expect(progress).to_have_text(f"{reviewed + 1} of {claims} claims reviewed")
    claim_pk = card(page, 2).get_attribute("data-claim")
    expect(page.locator(f'mark[data-claim="{claim_pk}"]').first).to_have_class(
        re.compile("verdict-disputed")
    )

    # The demo's own verdicts are by "editor" too: wait for the saved version, not the name.
    version = int(open_card(card(page, 3)).get_attribute("data-version"))
    card(page, 3).get_by_label("Note").fill("Called the press office; no answer yet.")
    card(page, 3).get_by_role("button", name="Save note").click()
    expect(card(page, 3)).to_have_attribute("data-version", str(version + 1))
    expect(card(page, 3).locator(".claim-meta")).to_contain_text("Last changed by editor")
    assert page.evaluate("window.notReloaded") is True  # htmx swapped, no page load

    page.reload()
    expect(card(page, 2).locator(".verdict-badge")).to_have_text(re.compile("Disputed"))
    expect(open_card(card(page, 3)).get_by_label("Note")).to_have_value(
        "Called the press office; no answer yet."
    )
    page.goto(seed_article.get_absolute_url())  # a fresh load, at the top, for the README
    expect(card(page, 2).locator(".verdict-badge")).to_have_text(re.compile("Disputed"))
    screenshot(page, "review-page")
    second_claim = Claim.objects.get(pk=claim_pk)
    assert second_claim.verdict == "disputed"
    assert VerdictRecord.objects.filter(claim=second_claim, verdict="disputed").exists()


def test_keyboard_triage_sets_every_verdict_and_a_note(new_page, seed_article, editor):
    page = new_page(editor)
    page.goto(seed_article.get_absolute_url())
    first_pk = int(card(page, 1).get_attribute("data-claim"))
    earlier_note = Claim.objects.get(pk=first_pk).note

    page.keyboard.press("j")
    expect(card(page, 1)).to_be_focused()
    expect(card(page, 1)).to_have_class(re.compile("is-current"))
    for key, label in [("2", "Disputed"), ("3", "Unverified"), ("1", "Corroborated")]:
        page.keyboard.press(key)
        if label != "Unverified":  # no evidence: the same key again confirms
            expect(card(page, 1).locator(".confirm-verdict")).to_be_visible()
            page.keyboard.press(key)
        expect(card(page, 1).locator(".verdict-badge")).to_have_text(re.compile(label))
        expect(card(page, 1)).to_be_focused()  # focus stays on the swapped card
    page.keyboard.press("0")
    expect(card(page, 1).locator(".verdict-badge")).to_have_text(re.compile("Not yet reviewed"))

    page.keyboard.press("ArrowDown")
    expect(card(page, 2)).to_be_focused()
    page.keyboard.press("k")
    expect(card(page, 1)).to_be_focused()

    page.keyboard.press("n")
    note = card(page, 1).get_by_label("Note")
    expect(note).to_be_focused()
    page.keyboard.type(" Figures 1 2 3 from the ministry")  # digits typed, not verdicts
    with page.expect_response(lambda response: "/review/" in response.url) as saved:
        page.keyboard.press("Control+Enter")
    assert saved.value.status == 200
    claim = Claim.objects.get(pk=first_pk)
    expected_note = f"{earlier_note} Figures 1 2 3 from the ministry".strip()
    assert (claim.verdict, claim.note) == ("unreviewed", expected_note)
    assert list(
        VerdictRecord.objects.filter(claim=claim, editor=editor)
        .order_by("pk")
        .values_list("verdict", flat=True)
    ) == ["disputed", "unverified", "corroborated", "unreviewed", "unreviewed"]


def test_help_overlay_lists_the_keys(new_page, seed_article, editor):
    page = new_page(editor)
    page.goto(seed_article.get_absolute_url())
    page.keyboard.press("?")
    dialog = page.get_by_role("dialog", name="Keyboard shortcuts")
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text("Next claim")
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    page.get_by_role("button", name="Keys").click()
    expect(dialog).to_be_visible()


def test_select_with_x_and_set_a_bulk_verdict(new_page, seed_article, editor):
    page = new_page(editor)
    page.goto(seed_article.get_absolute_url())
    page.keyboard.press("j")
    page.keyboard.press("j")
    page.keyboard.press("x")
    page.keyboard.press("j")
    page.keyboard.press("x")
    expect(page.locator("#bulk-count")).to_have_text("2")
    page.once("dialog", lambda dialog: dialog.accept())  # "any without evidence will be flagged"
    page.locator(".bulk-bar").get_by_role("button", name="Disputed").click()
    expect(card(page, 2).locator(".verdict-badge")).to_have_text(re.compile("Disputed"))
    expect(card(page, 3).locator(".verdict-badge")).to_have_text(re.compile("Disputed"))
    # The answer shows by the bulk bar (in view), not at the top of the page.
    expect(page.locator("#bulk-message")).to_contain_text("2 claims set to Disputed.")
    expect(page.locator("#bulk-message")).to_be_in_viewport()
    expect(page.locator("#bulk-count")).to_have_text("0")


def test_a_stale_save_shows_the_conflict(new_page, seed_article, editor):
    colleague = EditorFactory(username="colleague")
    mine, theirs = new_page(editor), new_page(colleague)
    # My page has not heard of their change yet: its poll answers "nothing new". A poll that
    # delivered their card first would make my save a plain, non-stale one.
    mine.route(re.compile(r"/articles/\d+/changes/"), lambda route: route.fulfill(status=204))
    for page in (mine, theirs):
        page.goto(seed_article.get_absolute_url())
    open_card(card(mine, 4))  # my card is open (and so as I saw it) before their save
    open_card(card(theirs, 4)).get_by_label("Note").fill("Two towns, not several.")
    card(theirs, 4).get_by_role("button", name="Disputed", exact=True).click()
    confirm = card(theirs, 4).get_by_role("button", name="Set Disputed without evidence")
    expect(confirm).to_be_visible()
    expect_settled(card(theirs, 4))  # a click before htmx binds the form submits it natively
    confirm.click()
    expect(card(theirs, 4).locator(".verdict-badge")).to_have_text(re.compile("Disputed"))

    card(mine, 4).get_by_label("Note").fill("Confirmed by the regional governor.")
    card(mine, 4).get_by_role("button", name="Corroborated", exact=True).click()
    conflict = card(mine, 4).locator(".conflict")
    expect(conflict).to_contain_text("Not saved: colleague changed this claim")
    expect(conflict).to_contain_text("Two towns, not several.")
    expect(card(mine, 4).get_by_label("Note")).to_have_value("Confirmed by the regional governor.")
    claim = Claim.objects.get(pk=card(mine, 4).get_attribute("data-claim"))
    assert (claim.verdict, claim.note) == ("disputed", "Two towns, not several.")

    # Now my page hears of their change: the card with the conflict and my note stays.
    mine.unroute_all()
    expect(card(mine, 4).locator(".changed-meanwhile")).to_be_visible(timeout=8000)
    expect(conflict).to_contain_text("Not saved: colleague changed this claim")
    expect(card(mine, 4).get_by_label("Note")).to_have_value("Confirmed by the regional governor.")


def test_keys_pressed_before_htmx_binds_the_swapped_card_wait_for_it(
    new_page, seed_article, editor
):
    page = new_page(editor)
    page.goto(seed_article.get_absolute_url())
    page.evaluate("window.notReloaded = true")
    first = card(page, 1)
    pk = int(first.get_attribute("data-claim"))
    assert not Evidence.objects.filter(claim_id=pk).exists()  # so "2" asks to confirm
    # htmx binds a swapped-in card at settle, 20 ms after the swap; a busy machine takes
    # longer. Stretch that moment so the second key surely falls in it.
    page.evaluate("htmx.config.defaultSettleDelay = 2000")
    page.keyboard.press("j")
    page.keyboard.press("2")
    expect(first.locator(".confirm-verdict")).to_be_visible()
    expect(first).to_have_class(re.compile("htmx-added"))  # swapped in, not bound yet
    page.keyboard.press("2")  # confirm: must wait for the card, not submit it natively
    page.evaluate("htmx.config.defaultSettleDelay = 20")
    expect(first.locator(".verdict-badge")).to_have_text(re.compile("Disputed"))
    expect(first).to_be_focused()
    assert page.evaluate("window.notReloaded") is True
    assert Claim.objects.get(pk=pk).verdict == "disputed"


def test_readers_see_the_page_without_review_controls(new_page, seed_article):
    from tests.factories import UserFactory

    page = new_page(UserFactory(username="just-reading"))
    page.goto(seed_article.get_absolute_url())
    expect(page.locator(".claim-list .claim-card").first).to_be_visible()
    expect(page.get_by_role("button", name="Disputed")).to_have_count(0)
    page.keyboard.press("j")
    page.keyboard.press("2")  # nothing to click: no error, nothing saved
    assert VerdictRecord.objects.filter(editor__username="just-reading").count() == 0


def test_keys_pressed_while_a_card_is_saving_are_not_lost(new_page, seed_article, editor):
    page = new_page(editor)
    page.goto(seed_article.get_absolute_url())
    page.keyboard.press("j")
    page.keyboard.press("j")
    pk = int(card(page, 2).get_attribute("data-claim"))
    # Verdict, then "again" to confirm without evidence, typed faster than the server answers.
    page.keyboard.press("2")
    page.keyboard.press("2")
    expect(card(page, 2).locator(".verdict-badge")).to_have_text(re.compile("Disputed"))
    assert Claim.objects.get(pk=pk).verdict == "disputed"
    assert not Event.objects.filter(claim_id=pk, action="claim.conflict").exists()
