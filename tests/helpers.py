"""Small helpers shared by the tests: logged-in clients and htmx request headers."""

from contextlib import contextmanager

from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

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
