from django.test import Client
from django.urls import reverse

from reviews.models import VerdictRecord
from tests.factories import ArticleFactory, ClaimFactory
from tests.helpers import HTMX, full_card


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
    for html in (swap.content.decode(), full_card(editor_client, claim)):
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


def test_editors_can_change_their_password(editor_client, editor):
    url = reverse("password_change")
    assert b"Change your password" in editor_client.get(url).content
    wrong = editor_client.post(
        url,
        {
            "old_password": "nope",
            "new_password1": "Tall-ship-42!",
            "new_password2": "Tall-ship-42!",
        },
    )
    assert wrong.status_code == 200 and b"incorrect" in wrong.content
    response = editor_client.post(
        url,
        {
            "old_password": "pw-for-tests",
            "new_password1": "Tall-ship-42!",
            "new_password2": "Tall-ship-42!",
        },
    )
    assert response["Location"] == reverse("password_change_done")
    editor.refresh_from_db()
    assert editor.check_password("Tall-ship-42!")


def test_sessions_end_after_twelve_idle_hours_and_renew_on_use(editor_client, settings):
    from django.contrib.sessions.models import Session

    assert settings.SESSION_COOKIE_AGE == 12 * 3600
    session = editor_client.session
    session["last_seen"] = 0  # last renewed long ago
    session.save()
    before = Session.objects.get().expire_date
    response = editor_client.get(reverse("reviews:article_list"))
    assert response.cookies[settings.SESSION_COOKIE_NAME]["max-age"] == 12 * 3600
    assert Session.objects.get().expire_date > before  # used: renewed
    again = editor_client.get(reverse("reviews:article_list"))
    assert settings.SESSION_COOKIE_NAME not in again.cookies  # within minutes: no write


def test_logins_are_throttled_after_five_wrong_passwords(editor, db):
    client = Client()
    url = reverse("login")
    for _ in range(4):
        wrong = client.post(url, {"username": "eddie", "password": "guess"})
        assert wrong.status_code == 200
    assert client.post(url, {"username": "eddie", "password": "guess"}).status_code == 429
    locked = client.post(url, {"username": "eddie", "password": "pw-for-tests"})
    assert locked.status_code == 429
    assert b"Too many wrong passwords" in locked.content
    assert "_auth_user_id" not in client.session


def test_a_right_password_resets_the_count(editor, db):
    client = Client()
    url = reverse("login")
    for _ in range(4):
        client.post(url, {"username": "eddie", "password": "guess"})
    assert client.post(url, {"username": "eddie", "password": "pw-for-tests"}).status_code == 302
