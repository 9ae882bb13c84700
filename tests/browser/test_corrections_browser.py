"""In the browser: a published fact-check corrected with a reason (keys ask first), and the
merge dialog with its verdict choice and undo from history."""

import pytest
from playwright.sync_api import expect

from reviews import workflow
from reviews.claims import set_verdict
from reviews.models import Article, Claim, Correction, Event
from tests.browser.htmx import expect_settled, open_card
from tests.factories import ArticleFactory, ClaimFactory, EditorFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def people(transactional_db):
    return {
        "editor": EditorFactory(username="eddie"),
        "admin": UserFactory(username="root", is_staff=True, is_superuser=True),
    }


@pytest.fixture
def published_claim(people):
    claim = ClaimFactory(quote="the bridge cost 12 million euros")
    set_verdict(
        claim=claim,
        editor=people["editor"],
        verdict="disputed",
        note="Budget says 9m",
        expected_version=1,
        confirmed_without_evidence=True,
    )
    article = claim.article
    workflow.change_status(article, user=people["admin"], to="done", expected="in_review")
    workflow.change_status(article, user=people["admin"], to="published", expected="done")
    return claim


def test_a_key_on_a_published_claim_asks_for_a_correction(new_page, people, published_claim):
    page = new_page(people["admin"])
    page.goto(published_claim.article.get_absolute_url())
    expect(page.locator(".published-note")).to_contain_text("the fact-check is locked")
    card = page.locator(f"#claim-{published_claim.pk}")
    expect_settled(card)
    card.focus()
    page.keyboard.press("1")  # corroborated: opens the correction form, changes nothing
    form = card.locator(".correction-form")
    expect(form).to_be_visible()
    expect(form.get_by_label("Corroborated")).to_be_checked()
    expect(form.locator("textarea[name=reason]")).to_be_focused()
    assert Claim.objects.get(pk=published_claim.pk).verdict == "disputed"

    form.locator("button.publish-correction").click()  # no reason: the browser asks for one
    assert not Correction.objects.exists()
    form.locator("textarea[name=reason]").fill("Audited accounts confirm 12 million.")
    form.locator("button.publish-correction").click()
    expect(card.locator(".verdict-badge")).to_contain_text("Corroborated")
    assert Correction.objects.get().reason == "Audited accounts confirm 12 million."

    page.goto(f"/articles/{published_claim.article_id}/report/")
    expect(page.locator(".correction-notice")).to_contain_text(
        "Audited accounts confirm 12 million."
    )


def test_editors_are_told_only_an_admin_corrects(new_page, people, published_claim):
    page = new_page(people["editor"])
    page.goto(published_claim.article.get_absolute_url())
    card = page.locator(f"#claim-{published_claim.pk}")
    expect_settled(card)
    card.focus()
    page.keyboard.press("0")
    expect(card.locator(".published-lock")).to_have_class("published-lock attention")
    expect(page.locator("#announcer")).to_contain_text("only an admin can correct")
    assert Claim.objects.get(pk=published_claim.pk).verdict == "disputed"


def test_merge_dialog_asks_for_the_verdict_and_undo_restores(new_page, people):
    editor = people["editor"]
    article = ArticleFactory(status=Article.Status.IN_REVIEW)
    first = ClaimFactory(article=article, quote="the bridge cost 12 million euros")
    second = ClaimFactory(article=article, quote="3,000 cars cross it every day")
    set_verdict(
        claim=second, editor=editor, verdict="unverified", note="No data", expected_version=1
    )
    page = new_page(editor)
    page.goto(article.get_absolute_url())
    card = open_card(page.locator(f"#claim-{first.pk}"))
    card.locator(".merge-claim").click()
    dialog = card.locator(".merge-form")
    expect(dialog).to_contain_text("Merge with the next claim?")
    expect(dialog).to_contain_text("3,000 cars cross it every day")
    dialog.get_by_label("Unverified (the next claim)").check()
    dialog.locator("button.confirm-merge").click()
    expect(page.locator("#announcer")).to_contain_text("Claims merged.")
    merged = page.locator(f"#claim-{first.pk}")
    expect(merged.locator(".verdict-badge")).to_contain_text("Unverified")
    expect(merged.locator(".claim-text")).to_contain_text("every day")

    expect_settled(merged)
    merged.get_by_role("link", name="History").click()
    page.once("dialog", lambda confirm: confirm.accept())
    merged.get_by_role("button", name="Undo this merge").click()
    expect(page.locator("#announcer")).to_contain_text("Merge undone.")
    expect(page.locator(f"#claim-{second.pk} .verdict-badge")).to_contain_text("Unverified")
    expect(page.locator(f"#claim-{first.pk} .claim-text")).to_have_text(
        "the bridge cost 12 million euros"
    )
    assert Event.objects.filter(action="claim.unmerged").count() == 2
