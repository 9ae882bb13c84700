"""The article report page (public once published) and its Markdown download."""

import json
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from reviews.claims import set_verdict
from reviews.models import Article, Claim, Evidence
from tests.factories import ArticleFactory, ClaimFactory, SourceFactory
from tests.helpers import before_publication

EVIL = '<script>alert("x")</script> & <b>bold</b>'
JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def review(claim, editor, verdict, note="checked"):
    claim.refresh_from_db()
    with before_publication(claim.article):
        set_verdict(
            claim=claim, editor=editor, verdict=verdict, note=note, expected_version=claim.version
        )


def report_url(article) -> str:
    return reverse("exports:article_report", args=[article.pk])


@pytest.fixture
def anonymous():
    return Client()


@pytest.fixture
def published(article):
    Article.objects.filter(pk=article.pk).update(status=Article.Status.PUBLISHED)
    article.refresh_from_db()
    return article


def test_published_report_lists_claims_in_reading_order_with_verdict_note_and_evidence(
    anonymous, published, claim, second_claim, editor
):
    Evidence.objects.create(
        claim=second_claim,
        source=SourceFactory(name="Ministry open data"),
        excerpt="2,950 vehicles a day",
        stance="contradicts",
        url="https://data.example.org/traffic",
    )
    review(second_claim, editor, "disputed", note="The count says 2,950.")
    response = anonymous.get(report_url(published))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Draft: not published" not in html
    html = html[html.index("<main") :]  # past the JSON-LD in <head>
    assert html.index("the bridge cost 12 million euros") < html.index(
        "3,000 cars cross it every day"
    )
    card = html[html.index(f'id="claim-{second_claim.pk}"') :]
    assert "Claim 2" in card and "Disputed" in card and "Claimed by <strong>the ministry" in card
    assert "The count says 2,950." in card
    assert "Ministry open data" in card and "<q>2,950 vehicles a day</q>" in card
    assert 'href="https://data.example.org/traffic"' in card
    first = html[html.index(f'id="claim-{claim.pk}"') : html.index(f'id="claim-{second_claim.pk}"')]
    assert "Not yet reviewed" in first


def test_rejected_claims_are_left_out_of_the_report(anonymous, published, claim, second_claim):
    Claim.objects.filter(pk=claim.pk).update(state=Claim.State.REJECTED)
    html = anonymous.get(report_url(published)).content.decode()
    assert "the bridge cost 12 million euros" not in html
    # Claim 2 on the review page (rejected claims keep their numbers there) is claim 2 here.
    assert "Claim 2" in html and "Claim 1" not in html
    assert "3,000 cars cross it every day" in html


def test_the_summary_counts_only_claims_given_a_verdict(anonymous, editor, published, claim):
    ClaimFactory(article=published, quote="3,000 cars cross it every day")
    html = anonymous.get(report_url(published)).content.decode()
    assert "0 of 2 claims checked in this article." in html
    review(claim, editor, "corroborated")
    html = anonymous.get(report_url(published)).content.decode()
    assert "1 of 2 claims checked in this article." in html


def test_report_embeds_the_same_claimreview_json_ld_as_the_download(
    anonymous, published, claim, second_claim, editor
):
    review(claim, editor, "corroborated")
    html = anonymous.get(report_url(published)).content.decode()
    [embedded] = JSON_LD.findall(html)
    download = anonymous.get(reverse("exports:article_claimreview", args=[published.pk]))
    assert json.loads(embedded) == json.loads(download.content)
    assert [r["claimReviewed"] for r in json.loads(embedded)["@graph"]] == [
        "the bridge cost 12 million euros"
    ]


def test_report_escapes_user_text_in_html_and_in_the_json_ld_block(anonymous, editor, published):
    Article.objects.filter(pk=published.pk).update(title=f"Title {EVIL}", outlet=EVIL)
    claim = ClaimFactory(article=published, text=f"Claim {EVIL}", attribution=EVIL)
    Evidence.objects.create(
        claim=claim, source=SourceFactory(name=f"Source {EVIL}"), excerpt=f"Quote {EVIL}"
    )
    review(claim, editor, "unverified", note=f"Note {EVIL}\nsecond line")
    html = anonymous.get(report_url(published)).content.decode()
    assert '<script>alert("x")</script>' not in html
    assert "<b>bold</b>" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;" in html
    assert "Note &lt;script&gt;" in html and "<br>second line" in html
    [embedded] = JSON_LD.findall(html)
    assert "</" not in embedded and "<" not in embedded  # cannot end the script element
    assert json.loads(embedded)["@graph"][0]["itemReviewed"]["text"] == f"Claim {EVIL}"


def test_unpublished_report_is_404_for_anonymous_users(anonymous, article, claim):
    assert anonymous.get(report_url(article)).status_code == 404


def test_logged_in_users_preview_unpublished_reports_as_drafts(reader_client, article, claim):
    response = reader_client.get(report_url(article))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Draft: not published" in html
    assert '<meta name="robots" content="noindex">' in html


def test_report_flags_verdicts_without_evidence_and_unverified_without_note(
    anonymous, published, claim, second_claim, editor
):
    review(claim, editor, "corroborated")
    review(second_claim, editor, "unverified", note="tried")
    Claim.objects.filter(pk=second_claim.pk).update(note="")  # stored before notes were required
    html = anonymous.get(report_url(published)).content.decode()
    first = html[html.index(f'id="claim-{claim.pk}"') : html.index(f'id="claim-{second_claim.pk}"')]
    second = html[html.index(f'id="claim-{second_claim.pk}"') :]
    assert "Flag: verdict without evidence" in first
    assert "Flag: unverified without a note" in second


def test_report_shows_downloads_only_to_logged_in_users(anonymous, reader_client, published, claim):
    csv_url = reverse("exports:article_claims_csv", args=[published.pk])
    assert csv_url not in anonymous.get(report_url(published)).content.decode()
    html = reader_client.get(report_url(published)).content.decode()
    assert csv_url in html
    assert reverse("exports:article_report_markdown", args=[published.pk]) in html


def test_report_queries_do_not_grow_with_claims(anonymous, editor):
    source = SourceFactory()

    def count(claims: int) -> int:
        article = ArticleFactory(status=Article.Status.PUBLISHED)
        for number in range(claims):
            claim = ClaimFactory(article=article, text=f"claim {number}")
            Evidence.objects.create(claim=claim, source=source, excerpt="x")
            review(claim, editor, "corroborated")
        with CaptureQueriesContext(connection) as queries:
            assert anonymous.get(report_url(article)).status_code == 200
        return len(queries)

    assert count(1) == count(6)


# Markdown -----------------------------------------------------------------------------------


def test_markdown_report_lists_claims_with_verdict_note_and_evidence(
    editor_client, published, claim, second_claim, editor
):
    Evidence.objects.create(
        claim=claim, source=SourceFactory(name="City budget"), excerpt="12.0 million"
    )
    review(claim, editor, "corroborated", note="Budget line 4.")
    response = editor_client.get(reverse("exports:article_report_markdown", args=[published.pk]))
    text = response.content.decode()
    assert response.status_code == 200
    assert response["Content-Type"] == "text/markdown; charset=utf-8"
    assert "attachment;" in response["Content-Disposition"]
    assert "## Claim 1: Corroborated\n\n> the bridge cost 12 million euros" in text
    assert "> Budget line 4." in text
    assert "- City budget, supports the claim: “12.0 million”" in text
    assert "## Claim 2: Not yet reviewed" in text
    assert f"Verdict given: {timezone.localdate().isoformat()}" in text


def test_markdown_escapes_links_html_and_emphasis_in_user_text(editor_client, article, editor):
    claim = ClaimFactory(article=article, text="[click](javascript:alert(1)) <img src=x> *big*")
    review(claim, editor, "unverified", note="# not a heading\n- not a list")
    text = editor_client.get(
        reverse("exports:article_report_markdown", args=[article.pk])
    ).content.decode()
    assert r"> \[click\](javascript:alert(1)) \<img src=x\> \*big\*" in text
    assert "> \\# not a heading\n> \\- not a list" in text
    assert "**Draft: not published.**" in text


def test_markdown_download_needs_a_login(anonymous, published, claim):
    response = anonymous.get(reverse("exports:article_report_markdown", args=[published.pk]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
