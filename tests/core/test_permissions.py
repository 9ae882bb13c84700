"""Who may do what: anonymous users log in, readers read, editors and staff write."""

import pytest
from django.test import Client
from django.urls import reverse

from reviews.models import VerdictRecord
from tests.helpers import HTMX, logged_in


def write_urls(claim):
    """Every URL that changes data, with a valid payload."""
    return [
        (
            reverse("reviews:claim_review", args=[claim.pk]),
            {"version": 1, "verdict": "disputed", "confirm_no_evidence": "1"},
        ),
        (
            reverse("reviews:bulk_action", args=[claim.article_id]),
            {"verdict": "corroborated", "claims": [f"{claim.pk}:2"]},
        ),
    ]


def read_urls(claim):
    return [
        reverse("reviews:article_list"),
        reverse("reviews:article_review", args=[claim.article_id]),
    ]


def test_anonymous_users_are_sent_to_login_for_every_page(db, claim):
    client = Client()
    for url in read_urls(claim) + [u for u, _ in write_urls(claim)]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/accounts/login/?next="), url


def test_anonymous_writes_are_refused_and_htmx_is_told_the_session_ended(db, claim):
    for url, data in write_urls(claim):
        assert Client().post(url, data).status_code == 302
        response = Client().post(url, data, **HTMX)
        assert response.status_code == 401  # not the login page, to be swapped into a card
        assert response["HX-Trigger"] == "session-expired"
    assert VerdictRecord.objects.count() == 0


@pytest.mark.parametrize("persona", ["reader", "editor", "admin"])
def test_every_logged_in_user_can_read(request, persona, claim):
    client = logged_in(request.getfixturevalue(persona))
    for url in read_urls(claim):
        assert client.get(url).status_code == 200, url


def test_readers_get_403_on_every_write(reader_client, claim):
    for url, data in write_urls(claim):
        response = reader_client.post(url, data)
        assert response.status_code == 403
        assert "Only editors can change claims" in response.content.decode()
    assert VerdictRecord.objects.count() == 0


def test_readers_get_the_refusal_in_the_status_area_with_htmx(reader_client, claim):
    url, data = write_urls(claim)[0]
    response = reader_client.post(url, data, **HTMX)
    assert response.status_code == 403
    assert response["HX-Retarget"] == "#flash"
    assert "Only editors can change claims" in response.content.decode()


def test_readers_see_no_review_controls(reader_client, claim):
    html = reader_client.get(reverse("reviews:article_review", args=[claim.article_id])).content
    # The claim-list filter (a GET form) has a verdict choice too: no *button* sets one.
    assert b'<button type="submit" name="verdict"' not in html
    assert b'class="reject-below"' not in html and b'class="bulk-bar"' not in html
    assert b"Ask an admin to add you to the Editors group" in html


@pytest.mark.parametrize("persona", ["editor", "admin"])
def test_editors_and_staff_can_write(request, persona, claim):
    client = logged_in(request.getfixturevalue(persona))
    for url, data in write_urls(claim):
        assert client.post(url, data, **HTMX).status_code == 200
    assert VerdictRecord.objects.count() == 2
