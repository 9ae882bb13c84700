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


def spanish_and_english_pages(client, url):
    """The same page for a Spanish user, then again after switching back to English."""
    choose(client, "es")
    spanish = client.get(url).content.decode()
    choose(client, "en-gb")
    return spanish, client.get(url).content.decode()


def test_the_search_page_follows_the_language(editor_client):
    ArticleFactory(title="Troops advance", body="The troops advanced 42 km, the army said.")
    url = reverse("search:search") + "?q=zzzznothing"
    spanish, english = spanish_and_english_pages(editor_client, url)
    assert "<h1>Buscar</h1>" in spanish and "Buscar artículos y afirmaciones" in spanish
    assert "0 afirmaciones y 0 artículos coinciden con «zzzznothing»." in spanish
    assert "Ninguna afirmación coincide." in spanish and "Cualquier veredicto" in spanish
    assert "<h1>Search</h1>" in english and "Search articles and claims" in english
    assert "0 claims and 0 articles match “zzzznothing”." in english
    assert "No claims match." in english and "Any verdict" in english
    assert "Buscar" not in english


def test_the_import_page_follows_the_language(editor_client):
    spanish, english = spanish_and_english_pages(editor_client, reverse("ingest:article_import"))
    assert "<h1>Importar un artículo</h1>" in spanish and "Pegar texto" in spanish
    assert "Traer e importar" in spanish and "se importan en segundo plano" in spanish
    assert "Texto del artículo" in spanish and "Dirección web" in spanish
    assert "<h1>Import an article</h1>" in english and "Paste text" in english
    assert "Fetch and import" in english and "Pegar texto" not in english
    assert "Article text" in english and "Web address" in english


def test_the_evidence_form_follows_the_language(editor_client):
    claim = Claim.objects.create(
        article=ArticleFactory(),
        start=0,
        end=10,
        text="The troops",
        state="accepted",
        verdict="disputed",
    )
    url = reverse("reviews:evidence_add", args=[claim.pk])
    spanish, english = spanish_and_english_pages(editor_client, url)
    assert "Añadir pruebas a la afirmación" in spanish and "Cita de la fuente" in spanish
    assert "Guardar la prueba" in spanish and "<legend>Postura</legend>" in spanish
    assert "Add evidence for claim" in english and "Quote from the source" in english
    assert "Save evidence" in english and "Guardar" not in english
    card = reverse("reviews:claim_card", args=[claim.pk])  # the full card, with its evidence
    spanish, english = spanish_and_english_pages(editor_client, card)
    assert "Todavía sin pruebas: se señala en el informe." in spanish and "Añadir prueba" in spanish
    assert "No evidence yet: flagged in the report." in english and "Add evidence" in english


def test_a_flash_message_after_an_action_follows_the_language(editor_client):
    article = ArticleFactory()
    claims = [
        Claim.objects.create(article=article, start=i, end=i + 3, text="abc", state="proposed")
        for i in (0, 10)
    ]
    choose(editor_client, "es")
    url = reverse("reviews:accept", args=[claims[0].pk])
    spanish = editor_client.post(url, {"version": 1}, follow=True).content.decode()
    assert "Afirmación aceptada." in spanish
    stale = editor_client.post(url, {"version": 1}, follow=True).content.decode()
    assert "Alguien ha cambiado esta afirmación entretanto" in stale
    choose(editor_client, "en-gb")
    url = reverse("reviews:accept", args=[claims[1].pk])
    english = editor_client.post(url, {"version": 1}, follow=True).content.decode()
    assert "Claim accepted." in english and "Afirmación" not in english


def test_the_notifications_page_and_its_messages_follow_the_language(editor, editor_client):
    from reviews.notifications.models import Notification

    for text in ("first", "second"):
        Notification.objects.create(user=editor, kind="mentioned", text=text, url="/")
    spanish, english = spanish_and_english_pages(editor_client, reverse("notifications:list"))
    assert "<h1>Notificaciones</h1>" in spanish and "2 sin leer." in spanish
    assert "Marcar todo como leído" in spanish and "Preferencias de correo" in spanish
    assert "<h1>Notifications</h1>" in english and "2 unread." in english
    assert "Mark all read" in english and "Marcar" not in english
    assert "Su sesión ha terminado" in spanish and "Your session ended" in english
    choose(editor_client, "es")
    done = editor_client.post(reverse("notifications:mark_all_read"), follow=True)
    html = done.content.decode()
    assert "2 notificaciones marcadas como leídas." in html and "Nada sin leer." in html


def test_the_login_page_follows_the_browser_language(db):
    login = reverse("login")
    spanish = Client().get(login, HTTP_ACCEPT_LANGUAGE="es-ES,es;q=0.9").content.decode()
    assert "<h1>Iniciar sesión</h1>" in spanish and "¿Ha olvidado su contraseña?" in spanish
    english = Client().get(login, HTTP_ACCEPT_LANGUAGE="en-GB").content.decode()
    assert "<h1>Log in</h1>" in english and "Forgot your password?" in english
