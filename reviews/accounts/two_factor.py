"""The second factor for staff: a TOTP authenticator app (django-otp), enrolled once and
asked for in every new session. Every check, right or wrong, is an `AccountEvent`.

Staff (`is_staff`) who signed in with a password see no page of the desk or of admin until
the session has passed a code (`StaffTwoFactorMiddleware`); editors are not asked.
"""

from __future__ import annotations

import base64
import math
from dataclasses import dataclass

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django_otp.plugins.otp_totp.models import TOTPDevice

from reviews.accounts.models import AccountEvent

DEVICE_NAME = "Authenticator app"
WRONG_CODE = (
    "That code is not right. Enter the 6 digits your app shows now; they change every 30 "
    "seconds, and each code works once."
)


def required(user) -> bool:
    """Does this signed-in user need a second factor in this session?"""
    return bool(settings.STAFF_TWO_FACTOR and user.is_authenticated and user.is_staff)


def confirmed_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def enrolment_device(user) -> TOTPDevice:
    """The device being set up: the same secret on every visit until a code confirms it."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)


def secret(device: TOTPDevice) -> str:
    """The key as authenticator apps take it typed in: base32, in groups of four."""
    text = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


def qr_svg(uri: str) -> SafeString:
    """The otpauth URI as an inline SVG QR code (no image file, nothing external)."""
    image = qrcode.make(uri, image_factory=qrcode.image.svg.SvgPathImage, border=2)
    svg = image.to_string(encoding="unicode")
    # Made here from the key and the username (escaped by the XML writer): safe to inline.
    return mark_safe(svg.replace("<svg ", '<svg role="img" aria-label="QR code" class="qr" ', 1))


@dataclass
class Outcome:
    ok: bool
    message: str = ""
    device: TOTPDevice | None = None


def check_code(*, user, device: TOTPDevice, code: str, ip: str | None = None) -> Outcome:
    """Check a code against the device (confirming it when it is being set up), with
    django-otp's throttling: after each wrong code the next is refused for 1, 2, 4, 8…
    seconds. The outcome and the event are written in one transaction."""
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().filter(pk=device.pk, user=user).first()
        if device is None:  # removed by an admin meanwhile
            return Outcome(False, "Your authenticator was removed meanwhile. Reload the page.")
        allowed, info = device.verify_is_allowed()
        if not allowed:
            wait = (info["locked_until"] - timezone.now()).total_seconds()
            seconds = max(1, math.ceil(wait))
            AccountEvent.objects.record(
                actor=user,
                action="two_factor.throttled",
                ip=ip,
                device=device.pk,
                failures=info.get("failure_count"),
            )
            return Outcome(
                False,
                f"Too many wrong codes in a row. Wait {seconds} seconds, then enter the "
                "newest code.",
            )
        enrolling = not device.confirmed
        if not device.verify_token(code):
            AccountEvent.objects.record(
                actor=user,
                action="two_factor.failed",
                ip=ip,
                device=device.pk,
                failures=device.throttling_failure_count,
                enrolling=enrolling,
            )
            return Outcome(False, WRONG_CODE)
        if enrolling:
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            TOTPDevice.objects.filter(user=user, confirmed=False).delete()
        action = "two_factor.enrolled" if enrolling else "two_factor.verified"
        AccountEvent.objects.record(actor=user, action=action, ip=ip, device=device.pk)
        return Outcome(True, device=device)
