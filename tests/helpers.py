"""Small helpers shared by the tests: logged-in clients and htmx request headers."""

from contextlib import contextmanager
from unittest import mock

from django.test import Client
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_tasks_db.management.commands.db_worker import Worker

from reviews.models import Article


def logged_in(user) -> Client:
    """A client signed in as `user`; staff have also passed their second factor."""
    client = Client()
    client.force_login(user)
    if user.is_staff:
        pass_second_factor(client, user)
    return client


def pass_second_factor(client: Client, user) -> TOTPDevice:
    """What django_otp.login() does after a right code: the session names the device."""
    device, _ = TOTPDevice.objects.get_or_create(
        user=user, confirmed=True, defaults={"name": "tests"}
    )
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return device


def htmx(current_url: str = "/articles/1/") -> dict:
    """The headers htmx sends, from a page at `current_url` (Django test client's form)."""
    return {"HTTP_HX_REQUEST": "true", "HTTP_HX_CURRENT_URL": f"http://testserver{current_url}"}


HTMX = htmx()


@contextmanager
def before_publication(article):
    """Set-up that happened before the article was published (verdicts, evidence): the
    lock on published articles (tests/core/test_corrections.py) is about later changes."""
    status = Article.objects.values_list("status", flat=True).get(pk=article.pk)
    Article.objects.filter(pk=article.pk).update(status=Article.Status.IN_REVIEW)
    try:
        yield
    finally:
        Article.objects.filter(pk=article.pk).update(status=status)


def run_worker() -> None:
    """The worker's own loop (django-tasks-db's `db_worker --batch`) in this process: run every
    queued task, then return. Signals are left alone, so pytest keeps its Ctrl-C, and the
    connection is not recycled between tasks, since it holds the test's transaction."""
    worker = Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="tests",
        excluded_queue_names=[],
    )
    with mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"):
        worker.run()


def import_url(client: Client, url: str):
    """Ask for a URL import, let the worker run it, and return the page the editor then sees
    (the progress page, or its redirect to the article once done)."""
    response = client.post(reverse("ingest:article_import"), {"method": "url", "url-url": url})
    if response.status_code != 302:
        return response  # refused at once: a bad address, a page already imported
    run_worker()
    return client.get(response["Location"])


def full_card(client: Client, claim) -> str:
    """A claim's full card (forms, evidence, links) as the review page loads it on use; the
    page itself sends compact cards."""
    response = client.get(reverse("reviews:claim_card", args=[claim.pk]), **HTMX)
    assert response.status_code == 200
    return response.content.decode()
