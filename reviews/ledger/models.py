"""The evidence ledger: what a cited page said when it was cited, and what it says since.

A Snapshot and a LinkCheck are written once and never changed (save() refuses an update);
the Archive row is the evidence's current state in the ledger (its latest snapshot, its
latest check, whether it needs a look), kept so a claim card reads it in the same query as
the evidence.
"""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils import timezone

from reviews.models import Evidence


class Immutable(models.Model):
    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValueError(f"A {self._meta.verbose_name} is never changed once stored.")
        super().save(*args, **kwargs)


class Found(models.TextChoices):
    EXACT = "exact", "found"
    FUZZY = "fuzzy", "found, with small differences"
    MISSING = "missing", "not found in the page"
    NO_EXCERPT = "none", "no excerpt to look for"


class Snapshot(Immutable):
    """The cited page as fetched at citation (or when an editor asked to archive it again)."""

    evidence = models.ForeignKey(Evidence, on_delete=models.CASCADE, related_name="snapshots")
    url = models.URLField(max_length=2000)  # as cited
    final_url = models.URLField(max_length=2000, blank=True)  # after redirects
    status = models.PositiveSmallIntegerField(null=True, blank=True)  # None: no answer
    content_type = models.CharField(max_length=100, blank=True)
    fetched_at = models.DateTimeField(default=timezone.now)
    sha256 = models.CharField(max_length=64, blank=True)  # of the body as received
    text = models.TextField(blank=True)  # extracted with trafilatura
    error = models.TextField(blank=True)  # why there is no page, in plain words
    excerpt = models.TextField(blank=True)  # the excerpt looked for
    found = models.CharField(max_length=8, choices=Found.choices, default=Found.NO_EXCERPT)
    match_start = models.PositiveIntegerField(null=True, blank=True)  # in text
    match_end = models.PositiveIntegerField(null=True, blank=True)
    archive_url = models.URLField(max_length=2000, blank=True)  # a public web archive's copy
    copied_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-fetched_at", "-pk"]
        indexes = [models.Index(fields=["evidence", "-fetched_at"])]

    def __str__(self) -> str:
        return f"{self.url} at {self.fetched_at:%Y-%m-%d %H:%M}"

    def get_absolute_url(self) -> str:
        return reverse("ledger:snapshot", args=[self.pk])

    @property
    def ok(self) -> bool:
        return not self.error

    @property
    def passage(self) -> str:
        if self.match_start is None or self.match_end is None:
            return ""
        return self.text[self.match_start : self.match_end]


class LinkCheck(Immutable):
    """One later visit to a cited page, compared with the evidence's snapshot."""

    evidence = models.ForeignKey(Evidence, on_delete=models.CASCADE, related_name="link_checks")
    snapshot = models.ForeignKey(Snapshot, on_delete=models.CASCADE, related_name="checks")
    checked_at = models.DateTimeField(default=timezone.now)
    status = models.PositiveSmallIntegerField(null=True, blank=True)
    final_url = models.URLField(max_length=2000, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    error = models.TextField(blank=True)
    gone = models.BooleanField(default=False)  # an error status, or no answer at all
    moved = models.BooleanField(default=False)  # now ends at another address
    changed = models.BooleanField(default=False)  # the page's text is not the snapshot's
    excerpt_lost = models.BooleanField(default=False)  # the excerpt was there and is not now

    class Meta:
        ordering = ["-checked_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.snapshot.url} checked {self.checked_at:%Y-%m-%d %H:%M}: {self.summary}"

    @property
    def needs_look(self) -> bool:
        return self.gone or self.moved or self.changed or self.excerpt_lost

    @property
    def summary(self) -> str:
        if self.gone:
            return f"gone ({self.error})" if self.error else "gone"
        found = [
            text
            for flag, text in (
                (self.moved, f"moved to {self.final_url}"),
                (self.changed, "content changed"),
                (self.excerpt_lost, "excerpt no longer in the page"),
            )
            if flag
        ]
        return "; ".join(found) or "unchanged"


class Archive(models.Model):
    """The evidence's place in the ledger: queued, archived or failed, and its latest check."""

    class State(models.TextChoices):
        QUEUED = "queued", "archiving"
        ARCHIVED = "archived", "archived"
        FAILED = "failed", "could not be archived"

    evidence = models.OneToOneField(
        Evidence, on_delete=models.CASCADE, primary_key=True, related_name="archive"
    )
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    snapshot = models.ForeignKey(
        Snapshot, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    last_check = models.ForeignKey(
        LinkCheck, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    needs_look = models.BooleanField(default=False, db_index=True)
    updated_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"{self.evidence_id}: {self.get_state_display()}"
