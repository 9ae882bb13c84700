"""Corrections after publication: a published fact-check is locked for plain edits; an admin
corrects it with a reason, shown as a dated notice; ClaimReview gets dateModified and keeps
datePublished.

The reported failure: on a published article, `0` cleared a verdict and the public
ClaimReview lost an item at once, with no correction note; any editor could change verdicts,
wording and evidence, and datePublished moved.
"""

import datetime as dt
import json

import pytest
from django.contrib.admin.sites import site
from django.urls import reverse
from django.utils import timezone

from reviews import workflow
from reviews.claims import set_verdict
from reviews.evidence import add_evidence
from reviews.models import Article, Claim, Correction, Event, Evidence
from tests.factories import SourceFactory
from tests.helpers import HTMX, full_card


@pytest.fixture
def published(admin, editor, claim):
    set_verdict(
        claim=claim, editor=editor, verdict="disputed", note="Budget: 9m", expected_version=1
    )
    add_evidence(claim=claim, editor=editor, source=SourceFactory(name="City budget"))
    article = claim.article
    workflow.change_status(article, user=admin, to="done", expected="in_review")
    workflow.change_status(article, user=admin, to="published", expected="done")
    claim.refresh_from_db()
    return claim


def claimreview(client, article):
    response = client.get(reverse("exports:article_claimreview", args=[article.pk]))
    return json.loads(response.content)["@graph"]


def test_publishing_records_the_first_publication_and_keeps_it(admin, published):
    article = Article.objects.get(pk=published.article_id)
    first = article.first_published_at
    assert first is not None
    workflow.change_status(article, user=admin, to="done", expected="published")
    workflow.change_status(article, user=admin, to="published", expected="done")
    assert Article.objects.get(pk=article.pk).first_published_at == first


@pytest.mark.parametrize(
    "name, data",
    [
        ("claim_review", {"verdict": "unreviewed", "note": ""}),
        ("claim_wording", {"text": "Something else", "attribution": ""}),
        ("reject", {}),
        ("merge", {}),
        ("split", {"at": 10}),
        ("evidence_add", {"source_query": "City budget", "stance": "supports"}),
    ],
)
def test_plain_edits_of_a_published_claim_are_refused(editor_client, client, published, name, data):
    before = claimreview(client, published.article)
    response = editor_client.post(
        reverse(f"reviews:{name}", args=[published.pk]),
        {"version": published.version, "accessed_on": "2026-01-01", **data},
        **HTMX,
    )
    assert response.status_code in (409, 422)
    assert "published" in response.content.decode()
    assert Claim.objects.get(pk=published.pk).version == published.version
    assert Evidence.objects.count() == 1
    assert claimreview(client, published.article) == before


def test_bulk_and_new_claims_are_refused_on_a_published_article(editor_client, published):
    article = published.article
    bulk = editor_client.post(
        reverse("reviews:bulk_action", args=[article.pk]),
        {"verdict": "corroborated", "claims": f"{published.pk}:{published.version}"},
        **HTMX,
    )
    assert "published" in bulk.content.decode()
    added = editor_client.post(
        reverse("reviews:claim_add", args=[article.pk]), {"quote": "Critics disagree."}, **HTMX
    )
    assert "unpublish it before adding" in added.content.decode()
    assert Claim.objects.get(pk=published.pk).verdict == "disputed"
    assert Claim.objects.count() == 1


def test_evidence_removal_on_a_published_article_needs_a_reason(admin_client, published):
    item = Evidence.objects.get()
    url = reverse("reviews:evidence_remove", args=[item.pk])
    refused = admin_client.post(url, {"version": item.version}, **HTMX)
    assert "Say what is corrected and why" in refused.content.decode()
    assert Evidence.objects.current().count() == 1
    admin_client.post(url, {"version": item.version}, HTTP_HX_PROMPT="Wrong document", **HTMX)
    assert Evidence.objects.current().count() == 0
    assert Correction.objects.get().reason == "Wrong document"


def test_the_published_page_offers_correction_to_admins_only(
    editor_client, admin_client, published
):
    url = published.article.get_absolute_url()
    editor_page = editor_client.get(url).content.decode()
    assert "the fact-check is locked" in editor_page
    assert "only an admin can correct this claim" not in editor_page  # cards come compact
    editor_card = full_card(editor_client, published)
    assert "only an admin can correct this claim" in editor_card
    assert 'type="submit" name="verdict"' not in editor_page + editor_card
    admin_page = full_card(admin_client, published)
    assert reverse("reviews:claim_correct", args=[published.pk]) in admin_page
    assert 'class="claim-form"' not in admin_page


def test_editors_cannot_open_a_correction(editor_client, published):
    url = reverse("reviews:claim_correct", args=[published.pk])
    assert editor_client.get(url).status_code == 403
    response = editor_client.post(
        url, {"version": published.version, "verdict": "corroborated", "reason": "x"}
    )
    assert response.status_code == 403
    assert Claim.objects.get(pk=published.pk).verdict == "disputed"


def correct(client, claim, **data):
    form = {
        "version": claim.version,
        "verdict": claim.verdict,
        "note": claim.note,
        "text": claim.text,
        "attribution": claim.attribution,
        "reason": "",
    } | data
    return client.post(reverse("reviews:claim_correct", args=[claim.pk]), form, **HTMX)


def test_a_correction_needs_a_reason_and_a_change(admin_client, published):
    no_reason = correct(admin_client, published, verdict="corroborated")
    assert no_reason.status_code == 422
    assert "Say what is corrected and why" in no_reason.content.decode()
    no_change = correct(admin_client, published, reason="Typo")
    assert "Nothing changed" in no_change.content.decode()
    assert not Correction.objects.exists()
    assert Claim.objects.get(pk=published.pk).verdict == "disputed"


def test_a_correction_changes_the_claim_and_is_shown_to_readers(admin_client, client, published):
    article = published.article
    published_on = claimreview(client, article)[0]["datePublished"]
    response = correct(
        admin_client,
        published,
        verdict="corroborated",
        note="The audited accounts say 12m.",
        reason="The 9m figure was an early estimate; audited accounts confirm 12m.",
    )
    assert response.status_code == 200
    assert "correction published" in response.content.decode()
    claim = Claim.objects.get(pk=published.pk)
    assert claim.verdict == "corroborated"
    correction = Correction.objects.get()
    assert correction.made_by.username == "root"
    assert Event.objects.filter(action="claim.corrected", claim=claim).exists()

    report = client.get(reverse("exports:article_report", args=[article.pk])).content.decode()
    assert "Correction, " in report
    assert "audited accounts confirm 12m" in report
    [review] = claimreview(client, article)
    assert review["reviewRating"]["alternateName"] == "Corroborated"
    assert review["datePublished"] == published_on
    assert review["dateModified"] == timezone.localdate().isoformat()
    markdown = admin_client.get(reverse("exports:article_report_markdown", args=[article.pk]))
    assert "**Correction, " in markdown.content.decode()


def test_date_published_does_not_move_with_a_later_verdict(admin_client, client, published):
    article = Article.objects.get(pk=published.article_id)
    long_ago = timezone.now() - dt.timedelta(days=30)
    Article.objects.filter(pk=article.pk).update(first_published_at=long_ago)
    correct(admin_client, published, verdict="unverified", note="Unclear", reason="Recheck")
    [review] = claimreview(client, article)
    assert review["datePublished"] == timezone.localdate(long_ago).isoformat()
    assert review["dateModified"] == timezone.localdate().isoformat()


def test_an_admin_action_on_a_published_claim_changes_nothing(admin_client, published):
    response = admin_client.post(
        reverse("admin:reviews_claim_changelist"),
        {"action": "reject_claims", "_selected_action": [published.pk]},
        follow=True,
    )
    assert "Nothing changed: This fact-check is published" in response.content.decode()
    assert Claim.objects.get(pk=published.pk).state == "accepted"
    assert site.is_registered(Claim)
