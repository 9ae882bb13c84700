"""Comments, mentions and notifications in a real browser: one editor comments and names a
colleague, who sees the comment arrive live, the bell's count, the notification with its
link, and reads it; the author withdraws the comment and the thread keeps it as withdrawn."""

import re

import pytest
from playwright.sync_api import expect

from reviews.notifications.models import Notification
from tests.browser.htmx import card, expect_settled, open_card
from tests.factories import ArticleFactory, ClaimFactory, EditorFactory
from tests.helpers import run_worker

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def article(transactional_db):
    article = ArticleFactory(title="Bridge costs")
    ClaimFactory(article=article, quote="the bridge cost 12 million euros")
    ClaimFactory(article=article, quote="3,000 cars cross it every day", attribution="the ministry")
    return article


def test_a_mention_reaches_the_colleague(new_page, article, mailoutbox, axe_check):
    ana = EditorFactory(username="ana", email="ana@example.org")
    ben = EditorFactory(username="ben", email="ben@example.org")
    mine, theirs = new_page(ana), new_page(ben)
    for page in (mine, theirs):
        page.goto(article.get_absolute_url())
    expect(theirs.locator("#bell")).to_have_text("Notifications")  # nothing unread yet

    first = open_card(card(mine, 1))
    first.get_by_role("link", name="Comment", exact=True).click()
    box = first.get_by_label(re.compile("Comment on claim"))
    expect(box).to_be_focused()
    box.fill("@ben is this the 2019 figure? <b>@nobody</b>")
    expect_settled(first.locator(".comment-form"))
    first.get_by_role("button", name="Post comment").click()

    thread = card(mine, 1).locator(".comments")
    expect(thread).to_contain_text("ana")
    expect(thread.locator("a.mention")).to_have_text("@ben")
    expect(thread.locator("a.mention")).to_have_attribute("href", "mailto:ben@example.org")
    expect(thread.locator(".comment-text")).to_contain_text("<b>@nobody</b>")  # as typed
    expect(card(mine, 1).locator(".comment-count")).to_have_text(re.compile("1 comment"))

    # The colleague's page: the card redrawn by the live poll, comment and all.
    expect(card(theirs, 1).locator(".comments")).to_contain_text(
        "is this the 2019 figure?", timeout=6000
    )
    theirs.reload()
    bell = theirs.locator("#bell")
    expect(bell.locator(".bell-count")).to_have_text("1")
    expect(bell).to_have_attribute("aria-label", "Notifications, 1 unread")

    run_worker()  # the e-mail goes out from the worker
    assert [m.to for m in mailoutbox] == [["ben@example.org"]]

    bell.click()
    expect(theirs).to_have_url(re.compile("/notifications/$"))
    item = theirs.locator(".notification").first
    expect(item).to_have_class(re.compile("unread"))
    expect(item).to_contain_text(
        "ana mentioned you on the claim “the bridge cost 12 million euros”"
    )
    axe_check(theirs)
    item.get_by_role("link").click()
    expect(theirs.locator(".claim-page .comments")).to_contain_text("is this the 2019 figure?")

    theirs.go_back()
    theirs.get_by_role("button", name="Mark all read").click()
    expect(theirs.locator(".notification").first).not_to_have_class(re.compile("unread"))
    expect(theirs.locator("#bell .bell-count")).to_have_count(0)
    assert Notification.objects.get().read_at is not None


def test_the_author_edits_and_withdraws_a_comment(new_page, article, axe_check):
    ana = EditorFactory(username="ana")
    page = new_page(ana)
    page.goto(article.get_absolute_url())
    first = open_card(card(page, 1))
    first.get_by_role("link", name="Comment", exact=True).click()
    first.get_by_label(re.compile("Comment on claim")).fill("First thought")
    expect_settled(first.locator(".comment-form"))
    first.get_by_role("button", name="Post comment").click()
    expect(card(page, 1).locator(".comment-text")).to_have_text("First thought")
    axe_check(page)

    card(page, 1).get_by_role("link", name="Edit comment").click()
    edit = card(page, 1).get_by_label("Edit your comment")
    expect(edit).to_have_value("First thought")
    edit.fill("Second thought")
    expect_settled(card(page, 1).locator(".comment-form"))
    card(page, 1).get_by_role("button", name="Save comment").click()
    expect(card(page, 1).locator(".comment-head")).to_contain_text("edited")
    expect(card(page, 1).locator(".comment-text")).to_have_text("Second thought")

    page.on("dialog", lambda dialog: dialog.accept())
    expect_settled(card(page, 1))
    card(page, 1).get_by_role("button", name="Withdraw").click()
    expect(card(page, 1).locator(".comment")).to_contain_text("Withdrawn by its author")
    expect(card(page, 1).locator(".comment")).not_to_contain_text("Second thought")

    card(page, 1).get_by_role("link", name="History").click()
    history = card(page, 1).locator(".timeline")
    expect(history).to_contain_text("withdrew a comment")
    expect(history).to_contain_text("edited a comment")
    expect(history).to_contain_text("First thought")


def test_an_empty_comment_says_why_and_keeps_the_card(new_page, article):
    page = new_page(EditorFactory(username="ana"))
    page.goto(article.get_absolute_url())
    first = open_card(card(page, 1))
    first.get_by_role("link", name="Comment", exact=True).click()
    box = first.get_by_label(re.compile("Comment on claim"))
    box.evaluate("el => el.removeAttribute('required')")  # what an old browser would send
    box.fill("   ")
    expect_settled(first.locator(".comment-form"))
    first.get_by_role("button", name="Post comment").click()
    expect(card(page, 1).locator(".comment-form .errors")).to_have_text(
        "Write something first: the comment is empty."
    )
    expect(card(page, 1).locator(".claim-text")).to_be_visible()  # the card is still there
