"""The second factor for staff: an unverified staff session reaches no page of the desk or
of admin; enrolment shows the key, the otpauth URI and a QR code and is confirmed by a code;
wrong codes are refused, throttled and audited; editors are never asked."""

import base64
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from reviews.accounts.models import AccountEvent
from reviews.models import VerdictRecord
from tests.helpers import HTMX, logged_in

PAGE = reverse("accounts:two_factor")


def code_for(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, digits=device.digits):06d}"


@pytest.fixture
def unverified(admin):
    """The admin persona after a right password, before any code."""
    client = Client()
    client.force_login(admin)
    return client


@pytest.fixture
def device(admin):
    return TOTPDevice.objects.create(user=admin, name="phone", confirmed=True)


def actions(user) -> list[str]:
    events = AccountEvent.objects.filter(actor=user).order_by("pk")
    return list(events.values_list("action", flat=True))


def test_unverified_staff_reach_no_page_of_the_desk_or_admin(unverified, claim):
    for path in (
        "/",
        f"/articles/{claim.article_id}/",
        "/dashboard/",
        reverse("password_change"),
        "/admin/",
        "/admin/reviews/claim/",
        f"/admin/reviews/article/{claim.article_id}/change/",
    ):
        response = unverified.get(path)
        assert response.status_code == 302, path
        assert response["Location"] == f"{PAGE}?next={path.replace('/', '%2F')}", path
    write = unverified.post(
        reverse("reviews:claim_review", args=[claim.pk]),
        {"version": 1, "verdict": "disputed", "confirm_no_evidence": "1"},
    )
    assert write.status_code == 302 and write["Location"].startswith(PAGE)
    assert VerdictRecord.objects.count() == 0


def test_htmx_requests_send_the_whole_tab_to_the_second_factor(unverified, claim):
    response = unverified.post(
        reverse("reviews:claim_review", args=[claim.pk]), {"version": 1, "note": "x"}, **HTMX
    )
    assert response["HX-Redirect"] == f"{PAGE}?next=%2Farticles%2F1%2F"
    assert VerdictRecord.objects.count() == 0


def test_the_second_factor_page_logout_health_and_static_files_stay_open(unverified):
    assert unverified.get(PAGE).status_code == 200
    assert unverified.get("/healthz").status_code == 200
    assert unverified.get("/static/css/app.css").status_code == 200
    logout = unverified.post(reverse("logout"))
    assert logout.status_code == 302 and logout["Location"] == reverse("login")
    assert unverified.get(PAGE)["Location"].startswith(reverse("login"))


def test_editors_and_readers_are_never_asked(editor_client, reader_client):
    for client in (editor_client, reader_client):
        assert client.get("/").status_code == 200
        assert client.get(PAGE, {"next": "/dashboard/"})["Location"] == "/dashboard/"
    assert not TOTPDevice.objects.exists()


def test_enrolment_shows_the_key_uri_and_qr_and_a_right_code_confirms_it(unverified, admin):
    html = unverified.get(PAGE, {"next": "/admin/"}).content.decode()
    assert "Set up your second factor" in html
    pending = TOTPDevice.objects.get(user=admin)
    assert not pending.confirmed
    key = base64.b32encode(pending.bin_key).decode()
    shown = re.search(r'<code id="totp-secret"[^>]*>([A-Z2-7 ]+)</code>', html).group(1)
    assert shown.replace(" ", "") == key
    assert f"otpauth://totp/factcheck%3Aroot?secret={key}" in html
    assert '<svg role="img" aria-label="QR code" class="qr"' in html
    assert "<img" not in html  # nothing loaded from elsewhere
    # A reload shows the same key: the app already holds it.
    assert shown in unverified.get(PAGE).content.decode()

    response = unverified.post(PAGE, {"code": code_for(pending), "next": "/admin/"})
    assert response.status_code == 302 and response["Location"] == "/admin/"
    pending.refresh_from_db()
    assert pending.confirmed
    assert unverified.get("/admin/").status_code == 200
    assert actions(admin) == ["two_factor.enrolled"]
    event = AccountEvent.objects.get()
    assert event.ip == "127.0.0.1" and event.detail == {"device": pending.pk}


def test_a_confirmed_device_is_asked_for_and_its_key_never_shown_again(unverified, device):
    html = unverified.get(PAGE).content.decode()
    assert "Enter your code" in html
    assert base64.b32encode(device.bin_key).decode()[:8] not in html
    assert "otpauth://" not in html and "<svg" not in html
    response = unverified.post(PAGE, {"code": code_for(device), "next": "/dashboard/"})
    assert response["Location"] == "/dashboard/"
    assert unverified.get("/").status_code == 200
    assert actions(device.user) == ["two_factor.verified"]


def test_a_wrong_code_is_refused_with_a_message_and_audited(unverified, device, admin):
    right = code_for(device)
    wrong = f"{(int(right) + 1) % 1_000_000:06d}"
    response = unverified.post(PAGE, {"code": wrong})
    assert response.status_code == 200
    assert "That code is not right." in response.content.decode()
    assert unverified.get("/")["Location"].startswith(PAGE)
    device.refresh_from_db()
    assert device.throttling_failure_count == 1
    assert actions(admin) == ["two_factor.failed"]
    assert AccountEvent.objects.get().detail["failures"] == 1


def test_repeated_wrong_codes_are_throttled_even_for_the_right_one(unverified, device, admin):
    device.throttling_failure_count = 6  # the next try is allowed 32 s after the last
    device.throttling_failure_timestamp = timezone.now()
    device.save()
    response = unverified.post(PAGE, {"code": code_for(device)})
    text = response.content.decode()
    assert "Too many wrong codes in a row. Wait" in text
    assert re.search(r"Wait (3[0-2]|[12]\d) seconds", text)
    assert unverified.get("/")["Location"].startswith(PAGE)
    assert actions(admin) == ["two_factor.throttled"]


def test_a_code_works_once(unverified, device, admin):
    code = code_for(device)
    assert unverified.post(PAGE, {"code": code})["Location"] == "/"
    other = Client()
    other.force_login(admin)
    assert "That code is not right." in other.post(PAGE, {"code": code}).content.decode()


def test_next_never_leaves_the_site(unverified, device):
    response = unverified.post(PAGE, {"code": code_for(device), "next": "https://evil.example/"})
    assert response["Location"] == reverse("reviews:article_list")


def test_malformed_codes_and_next_values_are_answered_not_crashed(unverified, device):
    for code in ["", "abc", "12345", "1234567", "１２３４５６", "²²²²²²", "\x00" * 6, "9" * 40]:
        for next_url in ["", "//evil.example", "javascript:alert(1)", "\x00", "/" * 3000]:
            response = unverified.post(PAGE, {"code": code, "next": next_url})
            assert response.status_code == 200, (code, next_url)
            message = re.search(r'class="flash flash-error" role="alert">([^<]+)<', response.text)
            assert message, (code, next_url)  # "Enter the 6 digits…" or "Null characters…"
    device.refresh_from_db()
    assert device.throttling_failure_count == 0  # not codes at all: nothing was tried


def test_spaces_in_a_code_are_fine(unverified, device):
    code = code_for(device)
    assert unverified.post(PAGE, {"code": f"{code[:3]} {code[3:]}"})["Location"] == "/"


def test_the_setting_turns_the_second_factor_off(unverified, settings):
    settings.STAFF_TWO_FACTOR = False
    assert unverified.get("/admin/").status_code == 200
    assert unverified.get(PAGE)["Location"] == "/"


def test_the_admin_persona_of_the_tests_has_passed_it(admin_client, admin):
    assert admin_client.get("/admin/").status_code == 200
    assert logged_in(admin).get("/").status_code == 200


def test_account_events_are_read_only_in_admin(admin_client, admin, device):
    AccountEvent.objects.record(actor=admin, action="two_factor.failed", ip="10.0.0.1")
    changelist = admin_client.get(reverse("admin:accounts_accountevent_changelist"))
    assert changelist.status_code == 200 and b"two_factor.failed" in changelist.content
    assert admin_client.get(reverse("admin:accounts_accountevent_add")).status_code == 403
