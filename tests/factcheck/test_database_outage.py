import pytest
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


@pytest.mark.django_db(transaction=True)  # real commits, so the commit itself can fail
def test_a_save_lost_at_commit_says_its_outcome_is_unknown(editor_client, claim, monkeypatch):
    """The connection went while the save committed: it may have landed, so the answer must
    not say "nothing was saved" (the reported failure: it did, for a committed save)."""
    from django.db.backends.base.base import BaseDatabaseWrapper

    def lost(self):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(BaseDatabaseWrapper, "commit", lost)
    response = editor_client.post(
        reverse("reviews:claim_review", args=[claim.pk]),
        {"version": 1, "verdict": "disputed", "note": "", "confirm_no_evidence": "1"},
        **HTMX,
    )
    assert response.status_code == 503
    text = response.content.decode()
    assert "not known whether your change was saved" in text
    assert "Nothing was saved" not in text


def test_a_post_refused_before_its_view_says_nothing_was_saved(editor, claim, monkeypatch):
    from django.contrib.sessions.backends.db import SessionStore
    from django.test import Client

    client = Client(raise_request_exception=False)
    client.force_login(editor)

    def unreachable(self, *args, **kwargs):
        raise OperationalError("connection to server failed")

    monkeypatch.setattr(SessionStore, "load", unreachable)
    response = client.post(reverse("reviews:claim_review", args=[claim.pk]), {"version": 1})
    assert response.status_code == 503
    assert "Nothing was saved; try again." in response.content.decode()


def test_the_benchmark_servers_answer_with_the_apps_error_pages():
    """bench/fault.py measures the app's answers: its URLconf must keep the app's handlers."""
    from bench import bare_urls
    from factcheck import urls

    assert (bare_urls.handler500, bare_urls.handler403) == (urls.handler500, urls.handler403)
