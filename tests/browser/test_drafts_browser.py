"""Nothing typed is lost: a session that ended or a token that rotated in another tab, a
reload, a page left with unsaved text. In Chromium."""

import re

import pytest
from playwright.sync_api import expect

from reviews.models import Claim
from tests.browser.htmx import card, expect_settled, open_card
from tests.factories import ArticleFactory, ClaimFactory, EditorFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NOTE = "Called the ministry: no answer yet."


@pytest.fixture
def article(transactional_db):
    article = ArticleFactory()
    ClaimFactory(article=article, quote="the bridge cost 12 million euros")
    ClaimFactory(article=article, quote="3,000 cars cross it every day", attribution="the ministry")
    return article


@pytest.fixture
def editor(transactional_db):
    return EditorFactory(username="ana")  # password: pw-for-tests


def saves_of(page) -> list[int]:
    """The status of every note save the page sends, in order."""
    statuses = []
    page.on(
        "response",
        lambda response: statuses.append(response.status) if "/review/" in response.url else None,
    )
    return statuses


DRAFT_KEPT = "() => Object.keys(localStorage).some(key => key.startsWith('factcheck:draft:'))"


def drafts_in(page) -> list[str]:
    return page.evaluate(
        "Object.keys(localStorage).filter(key => key.startsWith('factcheck:draft:'))"
    )


def test_a_note_typed_before_a_sign_out_in_another_tab_is_saved_after_signing_in_again(
    new_page, article, editor
):
    page = new_page(editor)
    page.goto(article.get_absolute_url())
    note = open_card(card(page, 1)).get_by_label("Note")
    note.fill(NOTE)

    other = page.context.new_page()  # another tab of the same browser
    other.goto("/")
    other.get_by_role("button", name="Log out").click()
    expect(other).to_have_url(re.compile(r"/accounts/login/"))
    other.close()

    saves = saves_of(page)
    expect_settled(card(page, 1))
    card(page, 1).get_by_role("button", name="Save note").click()
    dialog = page.get_by_role("dialog", name=re.compile("Your session ended"))
    expect(dialog).to_be_visible()
    expect(note).to_have_value(NOTE)  # the card was not replaced by the login page
    assert saves == [401]

    dialog.get_by_label("Password").fill("not-the-password")
    dialog.get_by_role("button", name="Sign in and save").click()
    expect(dialog.locator(".session-error")).to_have_text(re.compile("didn't match"))
    expect(dialog).to_be_visible()

    dialog.get_by_label("Password").fill("pw-for-tests")
    dialog.get_by_role("button", name="Sign in and save").click()
    expect(dialog).to_be_hidden()
    expect(card(page, 1).locator(".claim-meta")).to_contain_text("Last changed by ana")
    expect(card(page, 1).get_by_label("Note")).to_have_value(NOTE)
    expect(page.locator("#flash .flash-error")).to_have_count(0)
    assert saves == [401, 200]
    claim = Claim.objects.get(pk=card(page, 1).get_attribute("data-claim"))
    assert (claim.note, claim.updated_by.username) == (NOTE, "ana")
    assert drafts_in(page) == []  # saved: the draft is gone


def test_a_sign_in_again_in_another_tab_rotates_the_token_and_the_save_still_goes_through(
    new_page, article, editor
):
    page = new_page(editor)
    page.goto(article.get_absolute_url())
    open_card(card(page, 2)).get_by_label("Note").fill(NOTE)

    other = page.context.new_page()
    other.goto("/accounts/login/")
    login = other.locator("section.login")
    login.get_by_label("Username").fill("ana")
    login.get_by_label("Password").fill("pw-for-tests")
    login.get_by_role("button", name="Log in").click()
    expect(other.get_by_role("heading", name="Articles")).to_be_visible()
    other.close()

    saves = saves_of(page)
    expect_settled(card(page, 2))
    card(page, 2).get_by_role("button", name="Save note").click()
    expect(card(page, 2).locator(".claim-meta")).to_contain_text("Last changed by ana")
    # Refused once for the old token, sent again with the new one, without asking.
    assert saves == [403, 200]
    expect(page.get_by_role("dialog")).to_have_count(0)
    expect(card(page, 2).get_by_label("Note")).to_have_value(NOTE)
    expect(page.locator("#flash .flash-error")).to_have_count(0)
    assert Claim.objects.get(pk=card(page, 2).get_attribute("data-claim")).note == NOTE


def test_a_draft_note_comes_back_after_a_reload_and_goes_once_saved(new_page, article, editor):
    page = new_page(editor)
    page.goto(article.get_absolute_url())
    asked = []

    def leave(dialog):
        asked.append(dialog.type)
        dialog.accept()

    page.on("dialog", leave)
    note = open_card(card(page, 1)).get_by_label("Note")
    note.click()
    page.keyboard.type("Half a thought")
    expect(note).to_have_value("Half a thought")
    page.wait_for_function(DRAFT_KEPT)
    page.reload()
    assert asked == ["beforeunload"]  # leaving with unsaved text asked first

    note = card(page, 1).get_by_label("Note")
    expect(note).to_have_value("Half a thought")
    expect(card(page, 1).locator(".draft-hint")).to_contain_text("Draft restored")
    assert Claim.objects.get(pk=card(page, 1).get_attribute("data-claim")).note == ""

    expect_settled(card(page, 1))
    card(page, 1).get_by_role("button", name="Save note").click()
    expect(card(page, 1).locator(".claim-meta")).to_contain_text("Last changed by ana")
    expect(card(page, 1).locator(".draft-hint")).to_have_count(0)
    assert drafts_in(page) == []

    page.reload()
    open_card(card(page, 1))  # no draft waiting: the card comes compact until used
    expect(card(page, 1).get_by_label("Note")).to_have_value("Half a thought")  # saved
    expect(card(page, 1).locator(".draft-hint")).to_have_count(0)
    assert asked == ["beforeunload"]  # nothing unsaved: no second question


def test_an_evidence_draft_comes_back_and_can_be_discarded(new_page, article, editor):
    page = new_page(editor)
    page.goto(article.get_absolute_url())
    page.on("dialog", lambda dialog: dialog.accept())
    open_card(card(page, 1)).get_by_role("link", name=re.compile("Add evidence")).click()
    link = card(page, 1).get_by_label("Link")
    link.click()
    page.keyboard.type("https://example.org/budget")
    card(page, 1).get_by_label("Quote from the source").fill("The bridge cost 12.4m.")
    card(page, 1).get_by_label("Contradicts the claim").check()
    expect(card(page, 1).get_by_label("Contradicts the claim")).to_be_checked()
    page.wait_for_function(
        "() => Object.keys(localStorage).some(key => key.startsWith('factcheck:draft:')"
        " && localStorage.getItem(key).includes('contradicts'))"
    )
    page.reload()

    card(page, 1).get_by_role("link", name=re.compile("Add evidence")).click()
    form = card(page, 1).locator(".evidence-form")
    expect(form.get_by_label("Link")).to_have_value("https://example.org/budget")
    expect(form.get_by_label("Quote from the source")).to_have_value("The bridge cost 12.4m.")
    expect(form.get_by_label("Contradicts the claim")).to_be_checked()
    hint = form.locator(".draft-hint")
    expect(hint).to_contain_text("Draft restored")

    hint.get_by_role("button", name="Discard draft").click()
    expect(hint).to_have_count(0)
    expect(form.get_by_label("Link")).to_have_value("")
    expect(form.get_by_label("Supports the claim")).to_be_checked()
    assert drafts_in(page) == []
