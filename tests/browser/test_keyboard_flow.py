"""The keyboard day without traps (issue 15): focus back on the card after a save, a and r on
any state, a toast for every key, undo, the evidence panel in view, and the smaller frictions
(copying evidence, a claim added from a selection, the bulk message), at 1440x900."""

import re

import pytest
from playwright.sync_api import expect

from reviews.claims import set_state, set_verdict
from reviews.evidence import add_evidence
from reviews.models import Claim, Event
from tests.browser.conftest import server_paused
from tests.browser.htmx import card, expect_settled, open_card
from tests.factories import ArticleFactory, ClaimFactory, EditorFactory, SourceFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LAPTOP = (1440, 900)


@pytest.fixture
def editor(transactional_db):
    return EditorFactory(username="desk-editor")


def claim_at(page, number) -> Claim:
    return Claim.objects.get(pk=card(page, number).get_attribute("data-claim"))


def numbers_by_state(article):
    """Positions (1-based, in reading order) of the claims without a verdict yet."""
    claims = list(article.claims.order_by("start", "end", "pk"))
    return [n for n, c in enumerate(claims, start=1) if c.verdict == "unreviewed"]


def stray_free(page):
    """Every note field on the page holds what is stored, nothing typed by a stray key."""
    for note in page.locator(".claim-list textarea[name=note]").all():
        pk = note.evaluate("field => field.closest('.claim-card').dataset.claim")
        assert note.input_value() == Claim.objects.get(pk=pk).note, f"stray text in claim {pk}"


def test_the_keyboard_day_without_the_mouse(new_page, seed_article, editor):
    undecided = numbers_by_state(seed_article)
    assert len(undecided) >= 3  # the demo has several, or this walk would prove little
    first = undecided[0]
    page = new_page(editor, viewport=LAPTOP)
    page.goto(seed_article.get_absolute_url())
    toast = page.locator("#announcer")
    expect(toast).to_have_attribute("role", "status")

    for _ in range(first):  # j down to the first claim without a verdict
        page.keyboard.press("j")
    expect(card(page, first)).to_be_focused()
    # 2 asks first (no evidence), 2 again sets it; the toast says so, with Undo.
    page.keyboard.press("2")
    expect(card(page, first).locator(".confirm-verdict")).to_be_visible()
    expect_settled(card(page, first))
    page.keyboard.press("2")
    expect(card(page, first).locator(".verdict-badge")).to_have_text(re.compile("Disputed"))
    expect(toast).to_contain_text(f"Claim {first} saved: Disputed.")
    expect(toast).to_be_visible()
    expect(toast.get_by_role("button", name="Undo")).to_be_visible()

    # n, typing, Ctrl+Enter: saved, and focus is back on the card, not in the note.
    page.keyboard.press("n")
    note = card(page, first).get_by_label("Note")
    expect(note).to_be_focused()
    page.keyboard.type("Ministry figures differ by a third")
    version = int(card(page, first).get_attribute("data-version"))
    page.keyboard.press("Control+Enter")
    expect(card(page, first)).to_have_attribute("data-version", str(version + 1))
    expect(card(page, first)).to_be_focused()
    expect(toast).to_contain_text(f"Claim {first} saved")
    # j j 3: shortcuts, not text. 3 (unverified) without a note is refused: the toast says why.
    page.keyboard.press("j")
    page.keyboard.press("j")
    expect(card(page, first + 2)).to_be_focused()
    page.keyboard.press("3")
    expect(toast).to_contain_text("needs a note")
    assert claim_at(page, first).note == "Ministry figures differ by a third"
    expect(note).to_have_value("Ministry figures differ by a third")

    # a on an accepted claim: nothing to accept, the toast says so, on to the next undecided.
    page.keyboard.press("a")
    expect(toast).to_contain_text("is already accepted")
    target = next(n for n in undecided if n > first + 2)
    expect(card(page, target)).to_be_focused()
    expect(card(page, target)).to_have_class(re.compile("is-current"))

    # r on an accepted claim rejects it (no x and bulk bar needed) and moves on.
    rejected = claim_at(page, target)
    page.keyboard.press("r")
    expect(page.locator(f"#claim-{rejected.pk}")).to_have_class(re.compile("state-rejected"))
    expect(toast).to_contain_text(f"Claim {target} rejected.")
    rejected.refresh_from_db()
    assert rejected.state == "rejected"

    # u undoes it: the claim is back, history says "undone".
    page.keyboard.press("u")
    expect(toast).to_contain_text("Undone: the accept/reject.")
    expect(page.locator(f"#claim-{rejected.pk}")).not_to_have_class(re.compile("state-rejected"))
    rejected.refresh_from_db()
    assert rejected.state == "accepted"
    assert Event.objects.filter(claim=rejected, action="claim.undone").count() == 1

    # e: the evidence panel opens in view, the source field focused, suggestions in view.
    current = page.locator(".claim-list .claim-card.is-current")
    expect_settled(current)
    page.keyboard.press("e")
    source = current.get_by_role("combobox", name="Source")
    expect(source).to_be_focused()
    expect(source).to_be_in_viewport()
    page.keyboard.type("Reuters news agency")
    option = current.locator(".source-option", has_text="Reuters").first
    expect(option).to_be_in_viewport()
    expect(current.get_by_role("button", name="Save evidence")).to_be_in_viewport()
    page.keyboard.press("Escape")  # closes the suggestions, the panel stays
    expect(option).to_have_count(0)
    expect(source).to_be_focused()
    page.keyboard.press("Escape")  # closes the panel, back on the card
    expect(current.locator(".evidence-form")).to_have_count(0)
    expect(current).to_be_focused()
    expect(source).to_have_count(0)

    stray_free(page)
    claim = Claim.objects.get(pk=card(page, first).get_attribute("data-claim"))
    assert (claim.verdict, claim.note) == ("disputed", "Ministry figures differ by a third")


def test_a_and_r_work_on_any_state_and_move_to_the_next_undecided(new_page, seed_article, editor):
    undecided = numbers_by_state(seed_article)
    claims = list(seed_article.claims.order_by("start", "end", "pk"))
    number = undecided[0]
    claim = claims[number - 1]
    set_state(claim=claim, editor=editor, state="rejected", expected_version=claim.version)
    page = new_page(editor, viewport=LAPTOP)
    page.goto(seed_article.get_absolute_url())
    rejected = page.locator(f"#claim-{claim.pk}")
    expect(rejected).to_have_class(re.compile("state-rejected"))
    rejected.focus()  # a rejected claim is skipped by j; Tab or a click makes it current
    page.keyboard.press("a")
    expect(rejected).to_have_class(re.compile("state-accepted"))
    claim.refresh_from_db()
    assert claim.state == "accepted"
    following = next(n for n in undecided if n > number)
    expect(card(page, following)).to_have_class(re.compile("is-current"))
    # The toast's Undo button takes it back (the mouse's way to do what u does).
    page.locator("#announcer").get_by_role("button", name="Undo").click()
    expect(rejected).to_have_class(re.compile("state-rejected"))
    expect(page.locator("#announcer")).to_contain_text("Undone: the accept/reject.")
    claim.refresh_from_db()
    assert claim.state == "rejected"


def test_a_note_begun_while_the_verdict_is_answered_keeps_its_text(new_page, seed_article, editor):
    """1 on a claim without evidence comes back asking "set it anyway?". An editor who went
    on to the note meanwhile keeps typing into it: the answer does not take the focus, so no
    letter of the note becomes a shortcut (the "e" of "Checked" opened the evidence panel
    and the rest of the note went into its fields)."""
    page = new_page(editor, viewport=LAPTOP)
    page.goto(seed_article.get_absolute_url())
    number = next(
        n for n in numbers_by_state(seed_article) if not claim_at(page, n).evidence.exists()
    )
    for _ in range(number):
        page.keyboard.press("j")
    current = card(page, number)
    expect_settled(current)
    held = []  # the verdict's answer waits until the note is begun
    review = re.compile(r"/claims/\d+/review/$")
    page.route(review, lambda route: held.append(route))
    page.keyboard.press("1")
    for _ in range(250):  # up to 5 s for the verdict to be sent
        if held:
            break
        page.wait_for_timeout(20)
    assert held, "1 sent no verdict"
    note = current.get_by_label("Note")
    note.click()
    page.keyboard.type("Ch")
    held[0].continue_()
    page.unroute(review)
    expect(current.locator(".confirm-verdict")).to_be_visible()
    expect_settled(current)
    expect(note).to_be_focused()
    page.keyboard.type("ecked against the ministry figures")
    page.keyboard.press("Control+Enter")
    expect(page.locator("#announcer")).to_contain_text(f"Claim {number} saved")
    assert claim_at(page, number).note == "Checked against the ministry figures"
    expect(page.locator(".evidence-form")).to_have_count(0)
    stray_free(page)


def test_undo_is_refused_with_a_reason_when_a_colleague_changed_the_claim(
    new_page, seed_article, editor
):
    page = new_page(editor, viewport=LAPTOP)
    page.goto(seed_article.get_absolute_url())
    number = numbers_by_state(seed_article)[0]
    for _ in range(number):
        page.keyboard.press("j")
    # j, n and typing at once, before the card's form has come: the letters are the note's
    # ("Mine" holds i, n and e, all shortcuts), and Ctrl+Enter saves it once it is there.
    page.keyboard.press("n")
    page.keyboard.type("Mine")
    page.keyboard.press("Control+Enter")
    expect(page.locator("#announcer")).to_contain_text(f"Claim {number} saved")
    claim = claim_at(page, number)
    assert claim.note == "Mine"
    assert not claim.evidence.exists() and not page.locator(".evidence-form").count()
    with server_paused():
        set_verdict(
            claim=claim,
            editor=EditorFactory(username="colleague"),
            verdict="unreviewed",
            note="Mine, and theirs",
            expected_version=claim.version,
        )
    page.keyboard.press("u")
    # Said in the toast and kept in the status area (the page's poll may tell the toast of
    # the colleague's change next).
    expect(page.locator("#flash")).to_contain_text("colleague changed this claim after you")
    expect(page.locator("#flash")).to_contain_text("nothing was undone")
    claim.refresh_from_db()
    assert claim.note == "Mine, and theirs"
    assert not Event.objects.filter(action="claim.undone").exists()


def test_copy_its_evidence_returns_the_card_with_the_evidence_and_its_number(new_page, editor):
    earlier = ClaimFactory(article=ArticleFactory(title="Earlier"))
    set_verdict(claim=earlier, editor=editor, verdict="disputed", note="", expected_version=1)
    add_evidence(claim=earlier, editor=editor, source=SourceFactory(name="Eurostat"))
    claim = ClaimFactory(article=ArticleFactory(title="Today"))
    page = new_page(editor, viewport=LAPTOP)
    page.goto(claim.article.get_absolute_url())
    full = open_card(page.locator(f"#claim-{claim.pk}"))
    full.locator("details.similar summary").click()
    copy = full.get_by_role("button", name="Copy its evidence")
    expect(copy).to_be_visible()
    expect_settled(full)
    copy.click()
    swapped = page.locator(f"#claim-{claim.pk}")
    expect(swapped.locator(".evidence-items")).to_contain_text("Eurostat")
    expect(swapped.locator("h3")).to_have_text("Claim 1")
    expect(page.locator("#announcer")).to_contain_text("1 evidence item copied.")


def test_a_claim_added_from_a_selection_becomes_current_and_in_view(new_page, seed_article, editor):
    page = new_page(editor, viewport=LAPTOP)
    page.goto(seed_article.get_absolute_url())
    body = seed_article.body
    taken = [(c.start, c.end) for c in seed_article.claims.all()]
    pieces = page.locator(".article-text .para [data-start]:not(mark)")
    # The last free piece of text: its new card lands far down the list, out of view.
    for index in reversed(range(pieces.count())):
        piece = pieces.nth(index)
        start = int(piece.get_attribute("data-start"))
        text = piece.text_content()
        free = not any(s < start + len(text) and start < e for s, e in taken)
        if len(text.strip()) > 20 and free:
            break
    piece.scroll_into_view_if_needed()
    piece.select_text()
    piece.dispatch_event("mouseup")
    page.locator("#selection-tools").get_by_role("button", name="Add as claim").click()
    added = page.locator(".claim-list .claim-card.is-current")
    expect(added).to_contain_text(text.strip()[:20])
    expect(added).to_be_in_viewport()
    expect(added).to_be_focused()
    newest = Claim.objects.filter(article=seed_article).order_by("-pk").first()
    assert newest.start >= start and newest.text in body
    expect(added).to_have_attribute("data-claim", str(newest.pk))
