"""Password reset by e-mail: Django's views, our pages, and an answer that never says
whether an address has an account."""

import re
import smtplib

from django.test import Client
from django.urls import reverse

from reviews.accounts.models import AccountEvent
from tests.factories import EditorFactory

RESET = reverse("password_reset")
NEW_PASSWORD = "Quiet-harbour-93!"


def reset_link(mail) -> str:
    return re.search(r"https?://[^/\s]+(/accounts/password/reset/\S+/)", mail.body).group(1)


def test_the_login_page_links_to_the_reset(db):
    html = Client().get(reverse("login")).content.decode()
    assert f'href="{RESET}">Forgot your password?</a>' in html


def test_a_reset_mail_is_sent_and_its_link_sets_a_password_that_logs_in(db, mailoutbox):
    editor = EditorFactory(username="nora", email="nora@example.org")
    client = Client()
    assert b"Reset your password" in client.get(RESET).content
    response = client.post(RESET, {"email": "nora@example.org"})
    assert response["Location"] == reverse("password_reset_done")
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["nora@example.org"]
    assert mail.subject == "Reset your factcheck password"
    assert '"nora"' in mail.body

    form = client.get(reset_link(mail), follow=True)
    assert b"Set a new password" in form.content
    set_url = form.redirect_chain[-1][0]  # Django swaps the token for a session key
    done = client.post(set_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert done["Location"] == reverse("password_reset_complete")
    assert b"Password set" in client.get(done["Location"]).content

    login = Client().post(reverse("login"), {"username": "nora", "password": NEW_PASSWORD})
    assert login.status_code == 302 and login["Location"] == reverse("reviews:article_list")
    editor.refresh_from_db()
    assert not editor.check_password("pw-for-tests")
    event = AccountEvent.objects.get()
    assert (event.actor, event.action) == (editor, "password.reset")


def test_a_used_link_no_longer_works(db, mailoutbox):
    EditorFactory(username="nora", email="nora@example.org")
    client = Client()
    client.post(RESET, {"email": "nora@example.org"})
    link = reset_link(mailoutbox[0])
    set_url = client.get(link, follow=True).redirect_chain[-1][0]
    client.post(set_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    again = Client().get(link, follow=True)
    assert b"This link no longer works" in again.content
    assert b'name="new_password1"' not in again.content


def test_an_unknown_address_gets_the_same_answer_and_no_mail(db, mailoutbox):
    EditorFactory(username="nora", email="nora@example.org")
    known = Client().post(RESET, {"email": "nora@example.org"}, follow=True)
    unknown = Client().post(RESET, {"email": "nobody@example.org"}, follow=True)
    assert len(mailoutbox) == 1  # only the known address got one
    assert known.redirect_chain == unknown.redirect_chain == [(reverse("password_reset_done"), 302)]
    strip = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"|"X-CSRFToken": "[^"]+"')
    assert strip.sub("", known.content.decode()) == strip.sub("", unknown.content.decode())
    assert "Check your e-mail" in unknown.content.decode()


def test_a_failing_mail_server_gives_the_same_answer_not_an_error(db, monkeypatch):
    EditorFactory(username="nora", email="nora@example.org")

    def refuse(*args, **kwargs):
        raise smtplib.SMTPConnectError(421, "try later")

    monkeypatch.setattr("django.core.mail.EmailMultiAlternatives.send", refuse)
    response = Client().post(RESET, {"email": "nora@example.org"})
    assert response.status_code == 302
    assert response["Location"] == reverse("password_reset_done")


def test_reset_links_start_with_site_url_when_it_is_set(db, mailoutbox, settings):
    EditorFactory(username="nora", email="nora@example.org")
    Client().post(RESET, {"email": "nora@example.org"})
    assert "http://testserver/accounts/password/reset/" in mailoutbox[0].body  # the request's
    settings.SITE_URL = "https://factcheck.example.org"
    Client().post(RESET, {"email": "nora@example.org"})
    assert "https://factcheck.example.org/accounts/password/reset/" in mailoutbox[1].body


def test_a_password_change_is_audited_and_a_refused_one_is_not(editor_client, editor):
    url = reverse("password_change")
    new = {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    editor_client.post(url, {"old_password": "wrong", **new})
    assert not AccountEvent.objects.exists()
    editor_client.post(url, {"old_password": "pw-for-tests", **new})
    event = AccountEvent.objects.get()
    assert (event.actor, event.action) == (editor, "password.changed")
