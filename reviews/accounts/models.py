"""The account audit trail: sign-in security events that belong to no article."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from reviews.models.history import AppendOnly

ACCOUNT_EVENT_LABELS = {
    "password.changed": "changed their password",
    "password.reset": "set a new password from a reset link",
    "two_factor.enrolled": "set up an authenticator app",
    "two_factor.verified": "passed the second factor",
    "two_factor.failed": "entered a wrong second-factor code",
    "two_factor.throttled": "entered a code while paused after wrong codes (not checked)",
    "language.changed": "changed the language of their interface",
}


class AccountEventManager(models.Manager):
    def record(self, *, actor, action: str, ip: str | None = None, **detail) -> AccountEvent:
        """Append one event; callers run it in the transaction of the change it records."""
        return self.create(actor=actor, action=action, ip=ip or None, detail=detail or None)


class AccountEvent(AppendOnly):
    """One append-only row per account security event (the article audit is `Event`)."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now, db_index=True)
    action = models.CharField(max_length=40)
    ip = models.GenericIPAddressField(null=True, blank=True)
    detail = models.JSONField(null=True, blank=True)

    objects = AccountEventManager()

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor} {self.action}"

    @property
    def label(self) -> str:
        return ACCOUNT_EVENT_LABELS.get(self.action, self.action)


class Preference(models.Model):
    """A user's own settings: the interface language (one of settings.LANGUAGES)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="preference"
    )
    language = models.CharField(max_length=10, blank=True, default="")

    def __str__(self) -> str:
        return f"{self.user}: {self.language or 'browser language'}"
