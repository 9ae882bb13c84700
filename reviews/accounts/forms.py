"""Forms of the account pages."""

import logging
import smtplib

from django import forms
from django.conf import settings
from django.contrib.auth.forms import PasswordChangeForm, PasswordResetForm, SetPasswordForm
from django.db import transaction

from reviews.accounts.models import AccountEvent

logger = logging.getLogger(__name__)


class PasswordResetRequestForm(PasswordResetForm):
    """Django's reset request, whose answer never depends on the address given: a mail
    server that fails is logged, not shown, since an error page only for addresses that
    have an account would tell them apart (and nothing a user sends gives a 500)."""

    def save(self, *args, extra_email_context=None, **kwargs) -> None:
        # Links in the mail start with SITE_URL when set, else the host the request came to.
        context = {"site_url": settings.SITE_URL, **(extra_email_context or {})}
        super().save(*args, extra_email_context=context, **kwargs)

    def send_mail(self, *args, **kwargs) -> None:
        try:
            super().send_mail(*args, **kwargs)
        except (smtplib.SMTPException, OSError) as error:
            logger.error("password reset mail not sent: %s", error)


class AuditedPasswordMixin:
    """A new password is saved with its account event, in one transaction."""

    action = ""

    def save(self, commit: bool = True):
        with transaction.atomic():
            user = super().save(commit)
            if commit:
                AccountEvent.objects.record(actor=user, action=self.action)
        return user


class ResetPasswordForm(AuditedPasswordMixin, SetPasswordForm):
    """A new password set from a reset link."""

    action = "password.reset"


class ChangePasswordForm(AuditedPasswordMixin, PasswordChangeForm):
    """A new password set by its owner, who typed the old one."""

    action = "password.changed"


ENTER_SIX_DIGITS = "Enter the 6 digits your authenticator app shows."


class TwoFactorForm(forms.Form):
    """The 6-digit code from the authenticator app (spaces allowed, as apps show them)."""

    code = forms.CharField(
        label="6-digit code",
        max_length=20,
        error_messages={"required": ENTER_SIX_DIGITS, "max_length": ENTER_SIX_DIGITS},
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

    def clean_code(self) -> str:
        code = "".join(self.cleaned_data["code"].split())
        if not (len(code) == 6 and code.isascii() and code.isdigit()):
            raise forms.ValidationError(ENTER_SIX_DIGITS)
        return code
