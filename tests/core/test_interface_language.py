"""The interface in the desk's language: English or Spanish, chosen per user in the header,
kept across sign-ins; dates and numbers follow the language."""

import datetime as dt

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from reviews.accounts.models import AccountEvent, Preference
from reviews.models import Claim
from tests.factories import ArticleFactory
from tests.helpers import logged_in

CHOOSE = reverse("accounts:language")


def choose(client, language, next_url="/"):
    return client.post(CHOOSE, {"language": language, "next": next_url})


def test_the_header_offers_the_languages_and_the_page_is_english_by_default(editor_client):
    html = editor_client.get(reverse("reviews:article_list")).content.decode()
    assert '<html lang="en-gb">' in html
    assert '<option value="es"' in html and "Español" in html
    assert "<h1>Articles</h1>" in html


def test_an_editor_switches_to_spanish_and_it_is_saved_and_audited(editor, editor_client):
    response = choose(editor_client, "es", "/")
    assert response.status_code == 302 and response["Location"] == "/"
    page = editor_client.get("/")
    html = page.content.decode()
    assert '<html lang="es">' in html and page["Content-Language"] == "es"
    assert "<h1>Artículos</h1>" in html and "Cerrar sesión" in html
    assert Preference.objects.get(user=editor).language == "es"
    event = AccountEvent.objects.get(action="language.changed")
    assert event.actor == editor and event.detail == {"before": "", "after": "es"}


def test_the_choice_follows_the_user_to_a_new_session(editor, editor_client):
    choose(editor_client, "es")
    fresh = logged_in(editor)  # another browser: a new session, signed in again
    assert "<h1>Artículos</h1>" in fresh.get("/").content.decode()
    choose(fresh, "en-gb")
    assert "<h1>Articles</h1>" in logged_in(editor).get("/").content.decode()


def test_without_a_choice_the_browser_language_is_used(editor_client):
    html = editor_client.get("/", HTTP_ACCEPT_LANGUAGE="es-ES,es;q=0.9").content.decode()
    assert "<h1>Artículos</h1>" in html


def test_an_unknown_language_is_refused_with_a_message(editor, editor_client):
    response = choose(editor_client, "xx", "/")
    assert response.status_code == 302
    html = editor_client.get("/").content.decode()
    assert "That language is not offered." in html and "<h1>Articles</h1>" in html
    assert not Preference.objects.filter(user=editor).exclude(language="").exists()
    assert not AccountEvent.objects.filter(action="language.changed").exists()


def test_an_offsite_next_is_not_followed(editor_client):
    response = choose(editor_client, "es", "https://evil.example/")
    assert response["Location"] == "/"


def test_anonymous_users_are_sent_to_log_in_and_readers_choose_their_own(reader, db):
    response = Client().post(CHOOSE, {"language": "es"})
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert not Preference.objects.exists()
    reader_client = logged_in(reader)
    assert choose(reader_client, "es").status_code == 302
    assert Preference.objects.get(user=reader).language == "es"


def test_the_choice_needs_a_csrf_token(editor):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    assert client.post(CHOOSE, {"language": "es"}).status_code == 403
    assert not Preference.objects.exists()


def test_dates_and_numbers_are_localised(editor_client):
    article = ArticleFactory(body="Las tropas avanzaron 42 km, dijo el ejército.")
    article.created_at = timezone.make_aware(dt.datetime(2026, 12, 2, 10, 0))
    article.save()
    Claim.objects.create(
        article=article, start=0, end=10, text="Las tropas", score=0.8734, state="proposed"
    )
    english = editor_client.get("/").content.decode()
    assert "2 Dec 2026" in english
    review = reverse("reviews:article_review", args=[article.pk])
    assert "0.87" in editor_client.get(review).content.decode()
    choose(editor_client, "es")
    spanish = editor_client.get("/").content.decode()
    assert "2 de diciembre de 2026" in spanish
    assert "0,87" in editor_client.get(review).content.decode()
