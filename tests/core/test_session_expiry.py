"""A session that ended, or a CSRF token that rotated, while a page was open: htmx gets an
answer the page can act on (sign in again in place, then send again), never the login page
or Django's CSRF page swapped into a claim card; an ordinary request gets a readable page."""

from django.test import Client
from django.urls import reverse

from reviews.models import Claim, VerdictRecord
from tests.helpers import HTMX, full_card


def review(claim, note="Called the ministry."):
    return reverse("reviews:claim_review", args=[claim.pk]), {
        "version": claim.version,
        "verdict": "unverified",
        "note": note,
    }


def signed_in_with_csrf(user) -> tuple[Client, str]:
    """A browser-like client: CSRF checked, the token read from a page as the page has it."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    token = client.get(reverse("reviews:session_token")).json()["token"]
    return client, token


def test_an_htmx_save_after_the_session_ended_answers_401_and_swaps_nothing(db, claim):
    url, data = review(claim)
    response = Client().post(url, data, **HTMX)
    assert response.status_code == 401
    assert response["HX-Trigger"] == "session-expired"
    assert response["HX-Reswap"] == "none"
    assert "Location" not in response and "HX-Redirect" not in response
    assert b"Sign in again" in response.content
    assert VerdictRecord.objects.count() == 0


def test_the_same_save_without_htmx_still_goes_to_the_login_page(db, claim):
    url, data = review(claim)
    response = Client().post(url, data)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")


def test_an_htmx_read_after_the_session_ended_answers_401_too(db, claim):
    response = Client().get(reverse("reviews:claim_wording", args=[claim.pk]), **HTMX)
    assert response.status_code == 401
    assert response["HX-Trigger"] == "session-expired"


def test_a_history_restore_after_the_session_ended_gets_the_login_page(db, claim):
    # htmx restoring a page from history wants a whole page, and the login page is one.
    response = Client().get(
        claim.article.get_absolute_url(), **HTMX, HTTP_HX_HISTORY_RESTORE_REQUEST="true"
    )
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_a_stale_csrf_token_with_htmx_answers_403_with_the_csrf_failed_event(editor, claim):
    client, _ = signed_in_with_csrf(editor)
    url, data = review(claim)
    response = client.post(url, data, **HTMX, HTTP_X_CSRFTOKEN="x" * 64)
    assert response.status_code == 403
    assert response["HX-Trigger"] == "csrf-failed"
    assert response["HX-Retarget"] == "#flash"  # without the page's script: a message, no card
    html = response.content.decode()
    assert "Not saved: you signed in or out in another tab" in html
    assert "CSRF verification failed" not in html and "<html" not in html
    assert VerdictRecord.objects.count() == 0


def test_a_stale_csrf_token_without_htmx_gets_a_readable_page(editor, claim):
    client, _ = signed_in_with_csrf(editor)
    url, data = review(claim)
    response = client.post(url, {**data, "csrfmiddlewaretoken": "x" * 64})
    assert response.status_code == 403
    html = response.content.decode()
    assert "Not saved: this page was out of date" in html
    assert "signed in or out (perhaps in another tab)" in html
    assert "CSRF verification failed" not in html
    assert "HX-Trigger" not in response


def test_a_sign_in_in_another_tab_rotates_the_token_and_the_fresh_one_saves(editor, claim):
    client, old_token = signed_in_with_csrf(editor)
    url, data = review(claim)
    # The other tab signs in again: Django gives the browser a new CSRF secret.
    login = client.post(
        reverse("login"),
        {"username": "eddie", "password": "pw-for-tests", "csrfmiddlewaretoken": old_token},
    )
    assert login.status_code == 302
    stale = client.post(url, data, **HTMX, HTTP_X_CSRFTOKEN=old_token)
    assert stale.status_code == 403 and stale["HX-Trigger"] == "csrf-failed"

    answer = client.get(reverse("reviews:session_token")).json()
    assert answer["user"] == "eddie"
    saved = client.post(url, data, **HTMX, HTTP_X_CSRFTOKEN=answer["token"])
    assert saved.status_code == 200
    assert Claim.objects.get(pk=claim.pk).note == "Called the ministry."


def test_signing_in_again_in_place_after_a_sign_out_then_saving(editor, claim):
    """What the page's dialog does: a token, the ordinary login view, the new token, the
    same request again."""
    client, token = signed_in_with_csrf(editor)
    client.post(reverse("logout"), {"csrfmiddlewaretoken": token})
    url, data = review(claim)
    assert client.post(url, data, **HTMX, HTTP_X_CSRFTOKEN=token).status_code == 401

    answer = client.get(reverse("reviews:session_token")).json()
    assert answer["user"] is None
    login = client.post(
        reverse("login"),
        {"username": "eddie", "password": "pw-for-tests", "csrfmiddlewaretoken": answer["token"]},
    )
    assert login.status_code == 302
    assert "last_seen" in client.session  # the idle timeout's clock starts, as for any sign-in
    fresh = client.get(reverse("reviews:session_token")).json()
    assert fresh["user"] == "eddie"
    saved = client.post(url, {**data, "csrfmiddlewaretoken": fresh["token"]}, **HTMX)
    assert saved.status_code == 200
    assert Claim.objects.get(pk=claim.pk).note == "Called the ministry."


def test_a_wrong_password_in_place_shows_the_form_again_and_throttling_applies(editor):
    client = Client(enforce_csrf_checks=True)
    token = client.get(reverse("reviews:session_token")).json()["token"]
    attempt = {"username": "eddie", "password": "guess", "csrfmiddlewaretoken": token}
    for _ in range(4):
        wrong = client.post(reverse("login"), attempt)
        assert wrong.status_code == 200
        assert b"didn't match" in wrong.content
    assert client.post(reverse("login"), attempt).status_code == 429
    right = {**attempt, "password": "pw-for-tests"}
    assert client.post(reverse("login"), right).status_code == 429  # locked out, as on the page


def test_the_session_token_is_not_cached_and_only_answers_get(db):
    client = Client()
    response = client.get(reverse("reviews:session_token"))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert set(response.json()) == {"token", "user"}
    assert client.post(reverse("reviews:session_token")).status_code == 405


def test_signed_in_pages_carry_the_sign_in_dialog_and_the_user(editor_client, claim):
    html = editor_client.get(claim.article.get_absolute_url()).content.decode()
    assert 'data-user="eddie"' in html
    assert 'id="session-dialog"' in html
    assert f'data-token-url="{reverse("reviews:session_token")}"' in html
    assert f'data-draft="a{claim.article_id}:c{claim.pk}:note"' in full_card(editor_client, claim)


def test_the_login_page_has_no_sign_in_dialog(editor_client):
    assert 'id="session-dialog"' not in Client().get(reverse("login")).content.decode()
    # Signed in, on the login page (to sign in as someone else): one login form only.
    html = editor_client.get(reverse("login")).content.decode()
    assert 'id="session-dialog"' not in html and html.count('name="password"') == 1
