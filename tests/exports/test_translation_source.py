"""An article that is itself a translation records its original (address and language),
from the review page's language form; every export says so."""

import csv
import io
import json

import pytest
from django.urls import reverse

from reviews.models import Event, Verdict
from tests.factories import ArticleFactory, ClaimFactory
from tests.helpers import HTMX

ORIGINAL = "https://www.example.es/internacional/2023-06-01/belgorod.html"


@pytest.fixture
def translated(db):
    article = ArticleFactory(language="en", title="Belgorod raid")
    ClaimFactory(article=article, verdict=Verdict.CORROBORATED, note="Checked.")
    return article


def post(client, article, **fields):
    data = {"language": article.language, **fields}
    url = reverse("reviews:article_language", args=[article.pk])
    return client.post(url, data, **HTMX)


def test_an_editor_records_the_original_and_the_header_says_so(editor_client, translated):
    response = post(editor_client, translated, original_url=ORIGINAL, original_language="ES")
    assert response.status_code == 200
    html = response.content.decode()
    assert "translated from Spanish" in html and f'href="{ORIGINAL}"' in html
    translated.refresh_from_db()
    assert (translated.original_url, translated.original_language) == (ORIGINAL, "es")
    events = Event.objects.filter(article_id=translated.pk, action="article.translation")
    assert [e.after for e in events.order_by("pk")] == [
        {"original_url": ORIGINAL},
        {"original_language": "es"},
    ]


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"original_url": "javascript:alert(1)", "original_language": "es"}, "not a web address"),
        ({"original_url": ORIGINAL, "original_language": ""}, "Say which language"),
        ({"original_url": ORIGINAL, "original_language": "Spanish!"}, "not a language code"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_stored(editor_client, translated, fields, message):
    response = post(editor_client, translated, **fields)
    assert response.status_code == 422
    assert message in response.content.decode()
    translated.refresh_from_db()
    assert translated.original_url == "" and translated.original_language == ""
    assert not Event.objects.filter(action="article.translation").exists()


def test_a_reader_cannot_record_it(reader_client, translated):
    assert (
        post(reader_client, translated, original_url=ORIGINAL, original_language="es").status_code
        == 403
    )
    translated.refresh_from_db()
    assert translated.original_url == ""


def test_exports_say_the_article_is_a_translation(editor_client, translated):
    post(editor_client, translated, original_url=ORIGINAL, original_language="es")
    claimreview = editor_client.get(reverse("exports:article_claimreview", args=[translated.pk]))
    document = json.loads(claimreview.content)
    reviews = document.get("@graph", [document])
    appearance = reviews[0]["itemReviewed"]["appearance"]
    assert appearance["inLanguage"] == "en"
    assert appearance["translationOfWork"] == {
        "@type": "CreativeWork",
        "inLanguage": "es",
        "url": ORIGINAL,
    }
    markdown = editor_client.get(
        reverse("exports:article_report_markdown", args=[translated.pk])
    ).content.decode()
    assert f"Translated from Spanish: <{ORIGINAL}>" in markdown
    report = editor_client.get(reverse("exports:article_report", args=[translated.pk]))
    assert "Translated from Spanish" in report.content.decode()
    rows = list(
        csv.DictReader(
            io.StringIO(
                editor_client.get(
                    reverse("exports:article_claims_csv", args=[translated.pk])
                ).content.decode("utf-8-sig")
            )
        )
    )
    assert rows[0]["translated_from_url"] == ORIGINAL
    assert rows[0]["translated_from_language"] == "es"
