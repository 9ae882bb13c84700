from django.db import OperationalError
from django.urls import reverse

from reviews.models import ArticleQuerySet
from tests.helpers import HTMX


def test_an_unreachable_database_answers_503_with_retry_after(editor_client, monkeypatch):
    def unreachable(self):
        raise OperationalError("connection to server failed")

    monkeypatch.setattr(ArticleQuerySet, "with_progress", unreachable)
    response = editor_client.get(reverse("reviews:article_list"))
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert "Nothing was saved; try again." in response.content.decode()
    htmx = editor_client.get(reverse("reviews:article_list"), **HTMX)
    assert htmx.status_code == 503 and b"Nothing was saved" in htmx.content


def test_a_database_lost_during_the_session_lookup_is_a_503_not_a_bare_500(editor, monkeypatch):
    """The session is read by middleware, before any view: the 503 covers that layer too."""
    from django.contrib.sessions.backends.db import SessionStore
    from django.test import Client

    client = Client(raise_request_exception=False)
    client.force_login(editor)

    def unreachable(self, *args, **kwargs):
        raise OperationalError("connection to server failed")

    monkeypatch.setattr(SessionStore, "load", unreachable)
    response = client.get(reverse("reviews:article_list"))
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert "Nothing was saved; try again." in response.content.decode()
