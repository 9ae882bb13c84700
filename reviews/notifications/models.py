"""Notifications: what happened that concerns one editor, and how they want to hear of it.

Leaf models pointing at core tables (articles, claims, users), never the other way round.
The text is written when the notification is made, so the list and the bell read one
table and nothing else.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from reviews.models import Article, Claim


class Kind(models.TextChoices):
    ASSIGNED = "assigned", "I am assigned to an article"
    MENTIONED = "mentioned", "Someone mentions me in a comment"
    SECOND_REVIEW = "second_review", "An article I am on needs a second review"
    CLAIM_CHANGED = "claim_changed", "Someone else changes a claim whose verdict I gave"


class Notification(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    article = models.ForeignKey(Article, null=True, on_delete=models.CASCADE, related_name="+")
    claim = models.ForeignKey(Claim, null=True, on_delete=models.CASCADE, related_name="+")
    text = models.CharField(max_length=400)
    url = models.CharField(max_length=300)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["user", "-created_at"]),
            models.Index(fields=["user", "read_at"]),
        ]

    def __str__(self) -> str:
        return f"to {self.user}: {self.text}"


def all_kinds() -> list[str]:
    return list(Kind.values)


class Preference(models.Model):
    """Which kinds an editor also gets by e-mail (in the app: always). No row: every kind."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preference"
    )
    email_kinds = models.JSONField(default=all_kinds, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"{self.user}: e-mail for {', '.join(self.email_kinds) or 'nothing'}"
