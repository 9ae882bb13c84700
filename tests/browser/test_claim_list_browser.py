"""The claim list on a long article: sort and filter, select all shown, reject everything
below a score, and bring back candidates from below the proposal cut."""

import re

import pytest
from playwright.sync_api import expect

from reviews.models import Article, Claim
from tests.browser.htmx import expect_settled
from tests.factories import EditorFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SENTENCES = [
    ("The port handles 40 percent of the country's imports, officials said.", 0.92),
    ("The weather was mild.", 0.15),
    ("Exports fell by 12% in March, according to the ministry.", 0.81),
    ("Residents gathered at the square.", 0.22),
    ("The new bridge cost 30 million euros.", 0.64),
    ("Many people enjoyed the festival.", 0.35),
]


@pytest.fixture
def article(transactional_db):
    body = "\n\n".join(text for text, _ in SENTENCES) + "\n\nThe tunnel opened in 1998."
    article = Article.objects.create(title="Harbour", body=body)
    for text, score in SENTENCES:
        start = body.index(text)
        Claim.objects.create(
            article=article,
            start=start,
            end=start + len(text),
            text=text,
            score=score,
            state="proposed",
            origin="proposed",
        )
    start = body.index("The tunnel opened in 1998.")
    article.held_back = [
        {"start": start, "end": len(body), "text": body[start:], "score": 0.1, "attribution": ""}
    ]
    article.save(update_fields=["held_back"])
    return article


def shown_texts(page):
    return page.locator(".claim-list .claim-card .claim-text").all_inner_texts()


def test_sort_filter_select_reject_below_and_show_more(new_page, article):
    page = new_page(EditorFactory())
    page.goto(article.get_absolute_url())
    page.get_by_label("Sort").select_option("score")
    expect(page).to_have_url(re.compile(r"sort=score"))
    expect(page.locator(".claim-list .claim-card").first).to_contain_text("40 percent")
    assert shown_texts(page)[:3] == [SENTENCES[0][0], SENTENCES[2][0], SENTENCES[4][0]]

    page.get_by_label("Score from").fill("0.5")
    page.get_by_label("Score from").press("Enter")
    expect(page.locator(".claim-list .claim-card")).to_have_count(3)
    expect(page.locator(".claim-list-head .count")).to_have_text("(3 of 6)")
    expect(page.locator(".article-text mark.hl")).to_have_count(6)  # the text keeps them all
    expect_settled(page.locator("#review-body"))
    page.get_by_role("button", name="Select all shown").click()
    expect(page.locator("#bulk-count")).to_have_text("3")

    page.goto(article.get_absolute_url())
    page.once("dialog", lambda dialog: dialog.accept())
    below = page.get_by_label("Reject all proposals scoring under")
    below.fill("0.4")
    page.locator(".reject-below").get_by_role("button", name="Reject").click()
    expect(page.locator("#flash")).to_contain_text("3 proposals scoring under 0.40 rejected.")
    states = dict(Claim.objects.filter(article=article).values_list("text", "state"))
    assert [states[text] for text, _ in SENTENCES] == [
        "proposed",
        "rejected",
        "proposed",
        "rejected",
        "proposed",
        "rejected",
    ]
    expect_settled(page.locator("#review-body"))
    page.get_by_role("button", name="Show 1 more").click()
    expect(page.locator(".claim-list")).to_contain_text("The tunnel opened in 1998.")
    article.refresh_from_db()
    assert article.held_back == []
