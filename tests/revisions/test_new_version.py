"""Importing a new version of an article: the revision and its report are written, claims
follow their words, changed ones are flagged until reviewed, and the lock on published
fact-checks holds."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from reviews import claims as claim_edits
from reviews import spans
from reviews.exports.claimreview import claim_review
from reviews.models import (
    Article,
    ArticleRevision,
    Claim,
    ClaimEditRefused,
    ClaimPlacement,
    Event,
    Verdict,
)
from reviews.revisions import import_revision
from tests.factories import ArticleFactory, ClaimFactory
from tests.helpers import import_url
from tests.pages import allowed_site, seed_as_html
from tests.seed import read_seed

NEW_BODY = (
    "Updated: the council met on Monday.\n\n"
    "The mayor said the bridge cost 14 million euros.\n\n"
    "The bridge opened in 1998."
)


def new_version(client, article, **data):
    return client.post(reverse("ingest:article_new_version", args=[article.pk]), data)


@pytest.fixture
def claims(article):
    return {
        "cost": ClaimFactory(
            article=article,
            quote="The mayor said the bridge cost 12 million euros",
            verdict=Verdict.DISPUTED,
        ),
        "cars": ClaimFactory(article=article, quote="3,000 cars cross it every day"),
        "opened": ClaimFactory(
            article=article, quote="The bridge opened in 1998", verdict=Verdict.CORROBORATED
        ),
    }


def test_a_new_version_becomes_the_current_text_with_a_report(
    editor_client, article, claims, django_assert_max_num_queries
):
    old_body = article.body
    response = new_version(editor_client, article, text=f"{article.title}\n\n{NEW_BODY}", url="")
    assert response.status_code == 302
    assert response["Location"] == reverse("reviews:article_revision", args=[article.pk, 2])
    article.refresh_from_db()
    assert article.body == NEW_BODY
    assert list(article.revisions.values_list("number", "body")) == [(1, old_body), (2, NEW_BODY)]
    outcomes = dict(ClaimPlacement.objects.values_list("claim_id", "outcome"))
    assert outcomes == {
        claims["cost"].pk: "changed",
        claims["cars"].pk: "not_found",
        claims["opened"].pk: "moved",
    }
    cost, cars, opened = (Claim.objects.get(pk=claims[k].pk) for k in ("cost", "cars", "opened"))
    assert NEW_BODY[cost.start : cost.end] == "The mayor said the bridge cost 14 million euros"
    assert (cost.verdict, cost.needs_rereview, cost.text) == (
        Verdict.DISPUTED,
        True,
        "The mayor said the bridge cost 14 million euros",
    )
    assert NEW_BODY[opened.start : opened.end] == "The bridge opened in 1998"
    assert not opened.needs_rereview and opened.detached_from is None
    assert cars.detached_from.number == 1 and cars.span_text == "3,000 cars cross it every day"
    event = Event.objects.get(action="article.revision")
    assert event.after == {"revision": 2, "unchanged": 0, "moved": 1, "changed": 1, "not_found": 1}

    with django_assert_max_num_queries(12):
        page = editor_client.get(response["Location"]).content.decode()
    assert "Revision 2 imported: 0 claims unchanged, 1 moved, 1 changed wording" in page
    assert "<del>12</del>" in page and "<ins>14</ins>" in page
    assert "Not found" in page and "kept on revision 1" in page
    review = editor_client.get(article.get_absolute_url()).content.decode()
    assert "Revision 2 (current)" in review and "Needs re-review" in review
    assert "Not in the current version" in review
    history = editor_client.get(reverse("reviews:article_history", args=[article.pk]))
    assert (
        "revision 2 imported: 0 unchanged, 1 moved, 1 changed wording, 1 not found"
        in history.content.decode()
    )


def test_reviewing_the_changed_claim_clears_the_flag(editor, editor_client, article, claims):
    new_version(editor_client, article, text=f"{article.title}\n\n{NEW_BODY}")
    cost = Claim.objects.get(pk=claims["cost"].pk)
    # The same verdict saved again: the editor looked, it still holds.
    response = editor_client.post(
        reverse("reviews:claim_review", args=[cost.pk]),
        {"version": cost.version, "verdict": "disputed", "note": ""},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200 and "Needs re-review" not in response.content.decode()
    cost.refresh_from_db()
    assert not cost.needs_rereview and cost.verdict == Verdict.DISPUTED
    assert Event.objects.filter(claim=cost, action="claim.rereviewed").exists()


def test_identical_text_is_refused_and_nothing_changes(editor_client, article, claims):
    response = new_version(editor_client, article, text=f"{article.title}\n\n{article.body}")
    assert response.status_code == 422
    assert "nothing new to import" in response.content.decode()
    assert not ArticleRevision.objects.exists() and not ClaimPlacement.objects.exists()


def test_neither_or_both_inputs_get_a_clear_message(editor_client, article):
    response = new_version(editor_client, article, text="", url="")
    assert response.status_code == 422
    assert "Paste the new text or give its web address" in response.content.decode()


def test_a_published_fact_check_refuses_a_new_version(editor_client, article, claims):
    Article.objects.filter(pk=article.pk).update(status=Article.Status.PUBLISHED)
    response = new_version(editor_client, article, text=f"{article.title}\n\n{NEW_BODY}")
    assert response.status_code == 422
    assert "This fact-check is published" in response.content.decode()
    article.refresh_from_db()
    assert "12 million" in article.body and not ArticleRevision.objects.exists()


def test_readers_cannot_import_a_new_version(reader_client, article, claims):
    response = new_version(reader_client, article, text=NEW_BODY)
    assert response.status_code == 403 and not ArticleRevision.objects.exists()


def test_claimreview_appearance_names_the_version_reviewed(editor_client, article, claims):
    Article.objects.filter(pk=article.pk).update(url="https://news.example/bridge")
    new_version(editor_client, article, text=f"{article.title}\n\n{NEW_BODY}")
    article.refresh_from_db()
    opened = claim_review(Claim.objects.get(pk=claims["opened"].pk))["itemReviewed"]["appearance"]
    assert opened["url"] == "https://news.example/bridge" and opened["version"] == "2"
    # The claim not found in the new text was reviewed on the original.
    cars = claim_review(Claim.objects.get(pk=claims["cars"].pk))["itemReviewed"]["appearance"]
    assert cars["version"] == "1"


def test_revision_page_escapes_the_text(editor_client, article, claims):
    new_version(
        editor_client, article, text=f"{article.title}\n\n{NEW_BODY}\n\n<script>x()</script>"
    )
    page = editor_client.get(reverse("reviews:article_revision", args=[article.pk, 2]))
    html = page.content.decode()
    assert "<script>x()" not in html and "&lt;script&gt;x()" in html


def test_unknown_revision_is_404(editor_client, article):
    assert (
        editor_client.get(reverse("reviews:article_revision", args=[article.pk, 3])).status_code
        == 404
    )


def test_claims_before_any_revision_are_untouched_by_set_verdict_rule(editor, claim):
    # Without a revision, saving the same verdict and note again still changes nothing.
    assert (
        claim_edits.set_verdict(
            claim=claim,
            editor=editor,
            verdict=claim.verdict,
            note=claim.note,
            expected_version=claim.version,
        )
        is None
    )


@pytest.fixture
def pages(settings):
    with allowed_site(settings) as pages:
        yield pages


PAGE = (
    "Harbour town opens new bridge\n\n"
    "The mayor said the bridge cost 12 million euros, twice the first estimate.\n\n"
    "According to the ministry, 3,000 cars cross it every day."
)


def test_the_same_page_fetched_again_after_a_change_is_a_revision(editor_client, pages):
    pages.add("/story", seed_as_html(PAGE))
    import_url(editor_client, pages.base + "/story")
    article = Article.objects.get()
    claim = ClaimFactory(article=article, quote="3,000 cars cross it every day")
    pages.add("/story", seed_as_html(PAGE.replace("twice the first", "three times the first")))
    page = import_url(editor_client, pages.base + "/story")
    assert Article.objects.count() == 1
    assert article.revisions.count() == 2
    opened = editor_client.get(page["Location"]).content.decode()  # the article, with the news
    assert "Revision 2 imported: 0 claims unchanged, 2 moved, 1 changed wording" in opened
    claim.refresh_from_db()
    assert article.revisions.get(number=2).body[claim.start : claim.end] == claim.text
    # Fetched a third time unchanged: still refused as a duplicate.
    again = import_url(editor_client, pages.base + "/story")
    assert "This article is already here" in again.content.decode()
    assert article.revisions.count() == 2


def test_a_claim_left_on_the_old_revision_comes_back_when_re_anchored(
    editor, editor_client, article, claims
):
    new_version(editor_client, article, text=f"{article.title}\n\n{NEW_BODY}")
    cars = Claim.objects.get(pk=claims["cars"].pk)
    card = editor_client.get(reverse("reviews:claim_card", args=[cars.pk])).content.decode()
    assert "Not found in the current text: it stays on" in card
    assert "as “3,000 cars cross it every day”" in card
    with pytest.raises(ClaimEditRefused, match="not in the current text"):
        spans.split_claim(
            claim=cars, editor=editor, at=cars.start + 5, expected_version=cars.version
        )
    start = NEW_BODY.index("The bridge opened")
    spans.set_span(
        claim=cars, editor=editor, start=start, end=start + 25, expected_version=cars.version
    )
    cars.refresh_from_db()
    assert cars.detached_from is None and cars.text == "The bridge opened in 1998"
    event = Event.objects.filter(claim=cars, action="claim.span").get()
    assert event.after["detached_from"] is None and event.before["detached_from"] is not None


@pytest.mark.parametrize("claim_count", [3, 15])
def test_importing_a_version_costs_the_same_queries_for_few_or_many_claims(
    editor, claim_count, django_assert_max_num_queries
):
    body = read_seed().split("\n\n", 1)[1]  # without the headline
    sentences = [m.group().strip() for m in re.finditer(r"[^.!?\n]+[.!?]", body)]
    quotes = [q for q in sentences if len(q.split()) >= 8 and body.count(q) == 1][:claim_count]
    article = ArticleFactory(body=body)
    for quote in quotes:
        ClaimFactory(article=article, quote=quote)
    first_word = quotes[0].split()[2]
    new_body = "Breaking update.\n\n" + body.replace(
        quotes[0], quotes[0].replace(first_word, "several", 1)
    )
    with django_assert_max_num_queries(14):
        revision = import_revision(article=article, body=new_body, editor=editor)
    assert revision.counts == {
        "unchanged": 0,
        "moved": claim_count - 1,
        "changed": 1,
        "not_found": 0,
    }
    assert ClaimPlacement.objects.filter(revision=revision).count() == claim_count


def test_an_article_with_claims_to_re_review_cannot_be_marked_done(
    editor, editor_client, article, claims
):
    new_version(editor_client, article, text=f"{article.title}\n\n{NEW_BODY}")
    Claim.objects.filter(pk=claims["cars"].pk).update(verdict=Verdict.UNVERIFIED, note="gone")
    response = editor_client.post(
        reverse("reviews:article_status", args=[article.pk]),
        {"to": "done", "expected": "in_review"},
        HTTP_HX_REQUEST="true",
    )
    assert "1 claim changed in the new version and needs a second look" in (
        response.content.decode()
    )
    article.refresh_from_db()
    assert article.status == Article.Status.IN_REVIEW


def test_the_claim_list_filters_claims_to_re_review_and_claims_left_behind(
    editor_client, article, claims
):
    new_version(editor_client, article, text=f"{article.title}\n\n{NEW_BODY}")
    url = article.get_absolute_url()
    flagged = editor_client.get(url, {"state": "rereview"}).content.decode()
    assert f'id="claim-{claims["cost"].pk}"' in flagged
    assert f'id="claim-{claims["opened"].pk}"' not in flagged
    left = editor_client.get(url, {"state": "old_revision"}).content.decode()
    assert f'id="claim-{claims["cars"].pk}"' in left
    assert f'id="claim-{claims["cost"].pk}"' not in left


def test_a_new_version_too_large_to_read_gets_a_page_that_says_so(
    editor_client, article, claims, settings
):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 2_000
    response = new_version(editor_client, article, text="The bridge cost 14 million. " * 200)
    assert response.status_code == 413
    assert "longer than an article may be" in response.content.decode()
    assert not ArticleRevision.objects.exists()


def test_the_new_version_page_fetches_a_web_page_through_the_guarded_fetcher(
    editor_client, article, claims, pages, settings
):
    pages.add("/bridge", seed_as_html(f"{article.title}\n\n{NEW_BODY}"))
    response = new_version(editor_client, article, url=pages.base + "/bridge")
    assert response.status_code == 302
    revision = article.revisions.get(number=2)
    assert revision.url == pages.base + "/bridge" and "14 million" in revision.body
    settings.IMPORT_ALLOWED_HOSTS = []  # now a private address, as any import refuses it
    refused = new_version(editor_client, article, url=pages.base + "/bridge")
    assert refused.status_code == 422
    assert "is private or local" in refused.content.decode()
    assert article.revisions.count() == 2
