from django.test import Client
from django.urls import reverse

from reviews.models import VerdictRecord
from tests.factories import ArticleFactory, ClaimFactory
from tests.helpers import HTMX


def test_htmx_post_without_csrf_token_is_refused(editor, claim):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    url = reverse("reviews:claim_review", args=[claim.pk])
    response = client.post(url, {"version": 1, "verdict": "disputed"}, **HTMX)
    assert response.status_code == 403
    assert VerdictRecord.objects.count() == 0


def test_htmx_post_with_the_token_in_the_header_is_accepted(editor, claim):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    page = client.get(reverse("reviews:article_review", args=[claim.article_id]))
    token = str(page.context["csrf_token"])
    assert f'hx-headers=\'{{"X-CSRFToken": "{token}"}}\'' in page.content.decode()
    response = client.post(
        reverse("reviews:claim_review", args=[claim.pk]),
        {"version": 1, "verdict": "disputed", "confirm_no_evidence": "1"},
        **HTMX,
        HTTP_X_CSRFTOKEN=token,
    )
    assert response.status_code == 200
    assert VerdictRecord.objects.count() == 1


def test_script_in_article_body_and_claim_text_is_escaped(editor_client):
    article = ArticleFactory(
        title="<script>alert('t')</script>", body="Intro <script>alert(1)</script> and more."
    )
    ClaimFactory(article=article, quote="<script>alert(1)</script>", attribution="<b>x</b>")
    html = editor_client.get(reverse("reviews:article_review", args=[article.pk])).content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;b&gt;x&lt;/b&gt;" in html


def test_script_in_a_note_comes_back_escaped_in_the_swap_and_the_page(editor_client, claim):
    url = reverse("reviews:claim_review", args=[claim.pk])
    note = "<script>alert('note')</script>"
    swap = editor_client.post(url, {"version": 1, "note": note}, **HTMX)
    page = editor_client.get(reverse("reviews:article_review", args=[claim.article_id]))
    for html in (swap.content.decode(), page.content.decode()):
        assert "<script>alert('note')" not in html
        assert "&lt;script&gt;alert(&#x27;note&#x27;)&lt;/script&gt;" in html


def test_healthz_answers_without_login(db):
    response = Client().get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_healthz_says_only_unavailable_when_the_database_is_down(db, monkeypatch):
    from django.db import OperationalError

    class Unreachable:
        def cursor(self):
            raise OperationalError('connection to server at "10.0.0.5", port 5432 failed')

    monkeypatch.setattr("reviews.views.system.connection", Unreachable())
    response = Client().get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable"}
