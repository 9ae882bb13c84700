"""ClaimReview JSON-LD and the CSV downloads, as a consumer reads them."""

import csv
import datetime as dt
import io
import json

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from reviews.claims import set_verdict
from reviews.models import Article, Claim, Evidence, VerdictRecord
from tests.exports.jsonld import SCHEMA_ORG, expand, node, types, unknown_terms, value
from tests.factories import ArticleFactory, ClaimFactory, SourceFactory
from tests.helpers import before_publication

LONG_BODY = (
    "The army said it killed more than 70 Ukrainian nationalists and drove the rest back "
    "towards Ukraine after a day of fighting in the border region of Belgorod.\n\n"
    "Officials said 12 towns were evacuated."
)


@pytest.fixture
def published(db):
    return ArticleFactory(
        status=Article.Status.PUBLISHED,
        title="Bridge report",
        url="https://news.example.org/bridge",
        outlet="Example News",
        published_on=dt.date(2024, 5, 2),
    )


def review(claim, editor, verdict, note="checked"):
    claim.refresh_from_db()
    with before_publication(claim.article):
        return set_verdict(
            claim=claim, editor=editor, verdict=verdict, note=note, expected_version=claim.version
        )


def claim_jsonld(client, claim) -> dict:
    response = client.get(reverse("exports:claim_claimreview", args=[claim.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/ld+json")
    return json.loads(response.content)


@pytest.fixture
def anonymous():
    return Client()


# JSON-LD ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("verdict", "label", "rating_value"),
    [("corroborated", "Corroborated", 5), ("disputed", "Disputed", 1)],
)
def test_claimreview_rates_corroborated_and_disputed_on_the_documented_scale(
    anonymous, published, editor, settings, verdict, label, rating_value
):
    settings.SITE_URL = "https://desk.example.org"
    claim = ClaimFactory(article=published, attribution="the mayor")
    review(claim, editor, verdict)
    [review_node] = expand(claim_jsonld(anonymous, claim))
    assert types(review_node) == ["ClaimReview"]
    assert value(review_node, "claimReviewed") == "The mayor said the bridge cost 12 million euros."
    assert value(review_node, "url") == (
        f"https://desk.example.org/articles/{published.pk}/report/#claim-{claim.pk}"
    )
    rating = node(review_node, "reviewRating")
    assert types(rating) == ["Rating"]
    assert value(rating, "alternateName") == label
    assert value(rating, "ratingValue") == rating_value
    assert (value(rating, "bestRating"), value(rating, "worstRating")) == (5, 1)


def test_unverified_claimreview_has_a_label_and_no_numeric_rating(anonymous, published, editor):
    claim = ClaimFactory(article=published)
    review(claim, editor, "unverified", note="No second source yet.")
    [review_node] = expand(claim_jsonld(anonymous, claim))
    rating = node(review_node, "reviewRating")
    assert value(rating, "alternateName") == "Unverified"
    for term in ("ratingValue", "bestRating", "worstRating"):
        assert SCHEMA_ORG + term not in rating


def test_claimreview_names_desk_claimant_and_the_article_it_appeared_in(
    anonymous, published, editor, settings
):
    settings.DESK_NAME = "Desk Ñandú"
    settings.DESK_URL = "https://desk.example.org/about"
    claim = ClaimFactory(article=published, attribution="the ministry")
    review(claim, editor, "disputed")
    [review_node] = expand(claim_jsonld(anonymous, claim))
    author = node(review_node, "author")
    assert types(author) == ["Organization"]
    assert value(author, "name") == "Desk Ñandú"
    assert value(author, "url") == "https://desk.example.org/about"
    assert value(review_node, "datePublished") == timezone.localdate().isoformat()
    item = node(review_node, "itemReviewed")
    assert types(item) == ["Claim"]
    assert value(node(item, "author"), "name") == "the ministry"
    assert value(item, "datePublished") == "2024-05-02"
    appearance = node(item, "appearance")
    assert value(appearance, "url") == "https://news.example.org/bridge"
    assert value(appearance, "headline") == "Bridge report"


def test_claimreview_uses_only_schema_org_terms(anonymous, published, editor):
    claim = ClaimFactory(article=published)
    review(claim, editor, "corroborated")
    response = anonymous.get(reverse("exports:article_claimreview", args=[published.pk]))
    assert unknown_terms(expand(json.loads(response.content))) == []


def test_long_claims_are_shortened_in_claim_reviewed_and_kept_whole_in_the_claim(anonymous, editor):
    article = ArticleFactory(status=Article.Status.PUBLISHED, body=LONG_BODY)
    quote = LONG_BODY.split("\n")[0]
    claim = ClaimFactory(article=article, quote=quote)
    review(claim, editor, "disputed")
    [review_node] = expand(claim_jsonld(anonymous, claim))
    short = value(review_node, "claimReviewed")
    assert len(short) <= 75 and short.endswith("…")
    assert quote.startswith(short[:-1])
    assert value(node(review_node, "itemReviewed"), "text") == quote


def test_date_published_is_when_the_current_verdict_was_first_given(anonymous, published, editor):
    claim = ClaimFactory(article=published)
    first = review(claim, editor, "unverified")
    given = review(claim, editor, "disputed", note="first note")
    note_edit = review(claim, editor, "disputed", note="a later, better note")
    days = {first: 10, given: 5, note_edit: 1}
    for record, ago in days.items():
        moment = timezone.now() - dt.timedelta(days=ago)
        VerdictRecord.objects.filter(pk=record.pk).update(created_at=moment)
    expected = timezone.localdate(timezone.now() - dt.timedelta(days=5)).isoformat()
    assert claim_jsonld(anonymous, claim)["datePublished"] == expected


def test_article_jsonld_holds_one_claimreview_per_reviewed_claim(anonymous, published, editor):
    reviewed = ClaimFactory(article=published)
    review(reviewed, editor, "corroborated")
    ClaimFactory(article=published, quote="3,000 cars cross it every day")  # not reviewed
    rejected = ClaimFactory(article=published, quote="The bridge opened in 1998.")
    review(rejected, editor, "disputed")
    Claim.objects.filter(pk=rejected.pk).update(state=Claim.State.REJECTED)
    response = anonymous.get(reverse("exports:article_claimreview", args=[published.pk]))
    document = json.loads(response.content)
    assert [r["url"].rsplit("#", 1)[1] for r in document["@graph"]] == [f"claim-{reviewed.pk}"]
    assert [types(n) for n in expand(document)] == [["ClaimReview"]]


def test_jsonld_of_unpublished_articles_is_not_public(anonymous, editor_client, claim, editor):
    review(claim, editor, "corroborated")
    article_url = reverse("exports:article_claimreview", args=[claim.article_id])
    claim_url = reverse("exports:claim_claimreview", args=[claim.pk])
    assert anonymous.get(article_url).status_code == 404
    assert anonymous.get(claim_url).status_code == 404
    assert editor_client.get(article_url).status_code == 200
    assert editor_client.get(claim_url).status_code == 200


def test_claim_jsonld_is_404_for_a_claim_without_a_verdict(anonymous, published):
    claim = ClaimFactory(article=published)
    url = reverse("exports:claim_claimreview", args=[claim.pk])
    assert anonymous.get(url).status_code == 404


def test_article_jsonld_queries_do_not_grow_with_claims(anonymous, editor):
    def count(claims: int) -> int:
        article = ArticleFactory(status=Article.Status.PUBLISHED)
        for number in range(claims):
            claim = ClaimFactory(article=article, text=f"claim {number}")
            review(claim, editor, "corroborated")
        with CaptureQueriesContext(connection) as queries:
            anonymous.get(reverse("exports:article_claimreview", args=[article.pk]))
        return len(queries)

    assert count(1) == count(6)


# CSV ----------------------------------------------------------------------------------------

TRICKY_NOTE = 'Ministerio: "12 millones", no 15,\nsegún el informe — Ñ, ü, 東京, emoji 🙂'


def read_csv(response) -> list[dict]:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment;")
    text = response.content.decode("utf-8-sig")  # a BOM, so spreadsheets read UTF-8
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_article_csv_round_trips_notes_with_commas_quotes_newlines_and_non_ascii(
    editor_client, claim, second_claim, editor
):
    review(claim, editor, "disputed", note=TRICKY_NOTE)
    rows = read_csv(
        editor_client.get(reverse("exports:article_claims_csv", args=[claim.article_id]))
    )
    assert [row["claim_id"] for row in rows] == [str(claim.pk), str(second_claim.pk)]
    assert rows[0]["note"] == TRICKY_NOTE
    assert rows[0]["verdict"] == "disputed"
    assert rows[0]["claim_number"] == "1"
    assert rows[0]["editors"] == editor.username
    assert rows[1]["verdict"] == "unreviewed" and rows[1]["claimreview_url"] == ""


def test_article_csv_lists_evidence_and_flags_verdicts_without_it(
    editor_client, claim, second_claim, editor
):
    review(claim, editor, "corroborated")
    review(second_claim, editor, "disputed")
    source = SourceFactory(name='Agencia, "EFE"')
    Evidence.objects.create(
        claim=claim, source=source, excerpt="costó 12 millones", url="https://efe.example/a"
    )
    removed = Evidence.objects.create(claim=second_claim, source=source, excerpt="old")
    Evidence.objects.filter(pk=removed.pk).update(removed_at=timezone.now())
    rows = read_csv(
        editor_client.get(reverse("exports:article_claims_csv", args=[claim.article_id]))
    )
    assert rows[0]["evidence_count"] == "1"
    assert 'Agencia, "EFE" (supports the claim): “costó 12 millones”' in rows[0]["evidence"]
    assert "https://efe.example/a" in rows[0]["evidence"]
    assert rows[0]["flags"] == ""
    assert rows[1]["evidence_count"] == "0"  # removed evidence does not count
    assert rows[1]["flags"] == "verdict without evidence"


def test_csv_cells_that_would_run_as_spreadsheet_formulas_are_quoted(editor_client, claim, editor):
    review(claim, editor, "unverified", note='=HYPERLINK("http://evil.example","x")')
    rows = read_csv(
        editor_client.get(reverse("exports:article_claims_csv", args=[claim.article_id]))
    )
    assert rows[0]["note"] == '\'=HYPERLINK("http://evil.example","x")'


def test_csv_downloads_need_a_login(anonymous, claim):
    published = Article.objects.filter(pk=claim.article_id)
    published.update(status=Article.Status.PUBLISHED)
    for url in (
        reverse("exports:article_claims_csv", args=[claim.article_id]),
        reverse("exports:reviewed_claims_csv"),
    ):
        response = anonymous.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def set_verdict_day(claim, day: dt.date) -> None:
    moment = timezone.make_aware(dt.datetime.combine(day, dt.time(12)))
    claim.verdict_history.update(created_at=moment)
    Claim.objects.filter(pk=claim.pk).update(updated_at=moment)


def test_reviewed_csv_holds_reviewed_claims_whose_verdict_falls_in_the_range(editor_client, editor):
    claims = {}
    for name, day in [("before", 1), ("first", 10), ("last", 20), ("after", 21)]:
        article = ArticleFactory(title=f"Article {name}")
        claims[name] = ClaimFactory(article=article)
        review(claims[name], editor, "corroborated", note=f"note {name}")
        set_verdict_day(claims[name], dt.date(2024, 3, day))
    ClaimFactory(article=ArticleFactory())  # never reviewed
    response = editor_client.get(
        reverse("exports:reviewed_claims_csv"), {"from": "2024-03-10", "to": "2024-03-20"}
    )
    rows = read_csv(response)
    assert [row["note"] for row in rows] == ["note first", "note last"]
    assert [row["verdict_date"] for row in rows] == ["2024-03-10", "2024-03-20"]
    assert rows[0]["article_title"] == "Article first"


def test_reviewed_csv_without_dates_holds_every_reviewed_claim(editor_client, claim, editor):
    review(claim, editor, "unverified", note="tried")
    Claim.objects.filter(pk=claim.pk).update(note="")  # stored before notes were required
    ClaimFactory(article=claim.article, quote="3,000 cars cross it every day")
    rows = read_csv(editor_client.get(reverse("exports:reviewed_claims_csv")))
    assert [row["claim_id"] for row in rows] == [str(claim.pk)]
    assert rows[0]["flags"] == "unverified without a note"


def test_reviewed_csv_refuses_a_reversed_range_with_a_message(editor_client):
    response = editor_client.get(
        reverse("exports:reviewed_claims_csv"), {"from": "2024-03-20", "to": "2024-03-10"}
    )
    assert response.status_code == 422
    assert "The start date is after the end date." in response.content.decode()


def test_reviewed_csv_refuses_a_malformed_date(editor_client):
    response = editor_client.get(reverse("exports:reviewed_claims_csv"), {"from": "20-03-2024x"})
    assert response.status_code == 422
    assert "Enter a valid date." in response.content.decode()


def test_exports_page_offers_the_date_range_form(editor_client):
    response = editor_client.get(reverse("exports:exports"))
    html = response.content.decode()
    assert response.status_code == 200
    assert f'action="{reverse("exports:reviewed_claims_csv")}"' in html
    assert 'name="from"' in html and 'name="to"' in html and 'type="date"' in html


def test_csv_queries_do_not_grow_with_claims(editor_client, editor):
    source = SourceFactory()

    def count(claims: int) -> tuple[int, int]:
        article = ArticleFactory()
        for number in range(claims):
            claim = ClaimFactory(article=article, text=f"claim {number}")
            review(claim, editor, "disputed")
            Evidence.objects.create(claim=claim, source=source, excerpt="x")
        with CaptureQueriesContext(connection) as article_queries:
            editor_client.get(reverse("exports:article_claims_csv", args=[article.pk]))
        with CaptureQueriesContext(connection) as all_queries:
            editor_client.get(reverse("exports:reviewed_claims_csv"))
        return len(article_queries), len(all_queries)

    small, large = count(1), count(6)
    assert small == large


def test_without_site_url_links_follow_the_host_that_was_asked(
    editor_client, editor, settings, claim
):
    from reviews.exports.claimreview import absolute

    set_verdict(claim=claim, editor=editor, verdict="disputed", note="", expected_version=1)
    settings.SITE_URL = ""
    settings.ALLOWED_HOSTS = ["desk.local"]
    claim.article.status = "published"
    claim.article.save(update_fields=["status"])
    response = editor_client.get(
        f"/articles/{claim.article_id}/report/", HTTP_HOST="desk.local:8090"
    )
    assert response.status_code == 200
    assert b"http://desk.local:8090/articles/" in response.content
    assert absolute("/x") == "http://127.0.0.1:8000/x"  # outside a request: the demo address


def test_exports_page_fills_the_date_fields_in_iso_form(editor_client):
    html = editor_client.get("/exports/").content.decode()
    import re

    values = re.findall(r'type="date"[^>]*value="([^"]*)"|value="([^"]*)"[^>]*type="date"', html)
    assert values and all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", a or b) for a, b in values)


def test_markdown_keeps_urls_inert(editor_client, editor):
    """A URL with '><script>' would close the autolink and run in a Markdown viewer."""
    hostile = 'https://example.org/a><script>alert(1)</script><x y="'
    article = ArticleFactory(url=hostile)
    claim = ClaimFactory(article=article, quote="the bridge cost 12 million euros")
    from reviews.evidence import add_evidence

    add_evidence(claim=claim, editor=editor, source=SourceFactory(name="Wire"), url=hostile)
    text = editor_client.get(reverse("exports:article_report_markdown", args=[article.pk]))
    text = text.content.decode()
    assert "<script>" not in text and "><" not in text
    assert "<https://example.org/a%3E%3Cscript%3Ealert(1)%3C/script%3E%3Cx%20y=%22>" in text


def test_logged_in_downloads_are_not_cached(editor_client, claim):
    for name in ("exports:article_claims_csv", "exports:article_report_markdown"):
        response = editor_client.get(reverse(name, args=[claim.article_id]))
        assert response["Cache-Control"] == "private, no-store"
