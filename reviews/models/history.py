"""What happened: append-only verdict history, audit events, corrections and second opinions."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from reviews.models.article import Article
from reviews.models.choices import Verdict
from reviews.models.claim import Claim


class AppendOnly(models.Model):
    """Rows that record history: written once, never changed or deleted."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise ValidationError(f"{self._meta.verbose_name_plural.capitalize()} are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(f"{self._meta.verbose_name_plural.capitalize()} are append-only.")


class VerdictRecord(AppendOnly):
    """One entry of a claim's verdict history. Append-only: never updated or deleted."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="verdict_history")
    editor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    verdict = models.CharField(max_length=20, choices=Verdict.choices)
    note = models.TextField(blank=True)
    claim_version = models.PositiveIntegerField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        get_latest_by = "created_at"
        constraints = [
            models.CheckConstraint(
                condition=Q(verdict__in=Verdict.values), name="verdict_record_verdict_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_verdict_display()} by {self.editor} at {self.created_at:%Y-%m-%d %H:%M}"


# The events of one editor's action (a verdict, a bulk change, a merge) share a batch, so
# undo (reviews/undo.py) takes the action back whole. Set by the outermost domain call.
current_batch: ContextVar[uuid.UUID | None] = ContextVar("event_batch", default=None)


@contextmanager
def action_batch() -> Iterator[uuid.UUID]:
    """Group the events recorded inside into one action; nested calls join the outer one."""
    outer = current_batch.get()
    if outer is not None:
        yield outer
        return
    token = current_batch.set(uuid.uuid4())
    try:
        yield current_batch.get()
    finally:
        current_batch.reset(token)


class EventManager(models.Manager):
    def record(
        self,
        *,
        actor,
        article_id: int,
        obj: models.Model,
        action: str,
        before: dict | None = None,
        after: dict | None = None,
        claim_id: int | None = None,
    ) -> Event:
        """Append one event and bump the article's revision, which open review pages poll.

        Callers run it inside the transaction of the change it records, so both land or
        neither does. The action names and their labels are in reviews/audit.py.
        """
        event = self.create(
            actor=actor if getattr(actor, "is_authenticated", False) else None,
            article_id=article_id,
            claim_id=claim_id,
            object_type=obj._meta.model_name,
            object_id=obj.pk,
            action=action,
            before=before,
            after=after,
            batch=current_batch.get() or uuid.uuid4(),
        )
        Article.objects.filter(pk=article_id).update(revision=F("revision") + 1)
        return event


class Event(AppendOnly):
    """The audit trail: one append-only row per change, with the values before and after."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now, db_index=True)
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="events")
    claim = models.ForeignKey(
        Claim, null=True, blank=True, on_delete=models.CASCADE, related_name="events"
    )
    object_type = models.CharField(max_length=20)  # article, claim, evidence
    object_id = models.PositiveBigIntegerField()
    action = models.CharField(max_length=40)
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)
    # One editor action; several events when it touched several claims (reviews/undo.py).
    batch = models.UUIDField(null=True, blank=True)

    objects = EventManager()

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["article", "-at"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor} {self.action} {self.object_id}"


class SecondOpinion(models.Model):
    """A second editor's own verdict on a claim, for sign-off and agreement figures."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="second_opinions")
    editor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    verdict = models.CharField(max_length=20, choices=Verdict.choices)
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["claim", "editor"], name="one_second_opinion_each"),
            models.CheckConstraint(
                condition=Q(verdict__in=Verdict.values), name="second_opinion_verdict_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_verdict_display()} by {self.editor} on claim {self.claim_id}"


class Correction(AppendOnly):
    """A change to a published fact-check, with the reason shown on the public report.

    Written by reviews/corrections.py in the transaction of the change it explains; the
    changed values themselves are in the claim's events.
    """

    article = models.ForeignKey(Article, on_delete=models.PROTECT, related_name="corrections")
    claim = models.ForeignKey(Claim, on_delete=models.PROTECT, related_name="corrections")
    reason = models.TextField()
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    made_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["made_at", "pk"]

    def __str__(self) -> str:
        return f"Correction to claim {self.claim_id} on {self.made_at:%Y-%m-%d}"
