"""A staff member's first sign-in: password, then the enrolment page (QR code and key), a
code from the "app" (computed here from the key on the page), then Django admin."""

import base64

import pytest
from django_otp.oath import totp
from playwright.sync_api import expect

from reviews.accounts.models import AccountEvent
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staff_enrol_an_authenticator_and_reach_admin(new_page, axe_check, screenshot):
    UserFactory(username="chief", is_staff=True, is_superuser=True)
    page = new_page()
    page.goto("/admin/")
    page.fill("input[name=username]", "chief")
    page.fill("input[name=password]", "pw-for-tests")
    page.click("input[type=submit]")

    page.wait_for_url("**/accounts/two-factor/?next=%2Fadmin%2F")
    expect(page.get_by_role("heading", level=1)).to_have_text("Set up your second factor")
    expect(page.get_by_role("img", name="QR code")).to_be_visible()
    expect(page.get_by_role("navigation", name="Main")).to_have_count(0)
    axe_check(page)
    screenshot(page, "two-factor-enrolment")

    key = page.locator("#totp-secret").inner_text().replace(" ", "")
    wrong = f"{(totp(base64.b32decode(key)) + 1) % 1_000_000:06d}"
    page.get_by_label("6-digit code").fill(wrong)
    page.get_by_role("button", name="Confirm and continue").click()
    expect(page.get_by_role("alert")).to_contain_text("That code is not right.")

    # django-otp pauses a second after a wrong code; an app user takes longer than that.
    page.wait_for_timeout(1100)
    page.get_by_label("6-digit code").fill(f"{totp(base64.b32decode(key)):06d}")
    page.get_by_role("button", name="Confirm and continue").click()
    page.wait_for_url("**/admin/")
    expect(page.get_by_role("heading", name="Site administration")).to_be_visible()
    actions = list(AccountEvent.objects.order_by("pk").values_list("action", flat=True))
    assert actions == ["two_factor.failed", "two_factor.enrolled"]
