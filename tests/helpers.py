"""Small helpers shared by the tests: logged-in clients and htmx request headers."""

from django.test import Client


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def htmx(current_url: str = "/articles/1/") -> dict:
    """The headers htmx sends, from a page at `current_url` (Django test client's form)."""
    return {"HTTP_HX_REQUEST": "true", "HTTP_HX_CURRENT_URL": f"http://testserver{current_url}"}


HTMX = htmx()
