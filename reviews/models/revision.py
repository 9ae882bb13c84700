"""Article revisions: every text an article has had, and where its claims went each time.

The article's body is always its current text; each revision keeps one text as it was
imported (revision 1 is the original, stored when the first new version comes in). A
`ClaimPlacement` row per claim is the re-anchoring report of one revision: what the claim
anchored before, what it anchors now (or nothing: not found), and the word diff when its
wording changed. Both are written by reviews/revisions.py and never changed afterwards.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from reviews.models.article import Article
from reviews.models.claim import Claim
from reviews.models.history import AppendOnly


class ArticleRevision(AppendOnly):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField()
    title = models.CharField(max_length=500)
    url = models.URLField(max_length=2000, blank=True)
    body = models.TextField()
    content_hash = models.CharField(max_length=64)
    # How the claims came across: {"unchanged": n, "moved": n, "changed": n, "not_found": n}.
    counts = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["article", "number"]
        constraints = [
            models.UniqueConstraint(fields=["article", "number"], name="one_revision_number_each")
        ]

    def __str__(self) -> str:
        return f"Revision {self.number} of article {self.article_id}"


class ClaimPlacement(AppendOnly):
    """One claim's line of a revision's re-anchoring report."""

    class Outcome(models.TextChoices):
        UNCHANGED = "unchanged", "Unchanged"
        MOVED = "moved", "Moved"
        CHANGED = "changed", "Changed wording"
        NOT_FOUND = "not_found", "Not found"

    revision = models.ForeignKey(
        ArticleRevision, on_delete=models.CASCADE, related_name="placements"
    )
    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="placements")
    outcome = models.CharField(max_length=10, choices=Outcome.choices)
    old_start = models.PositiveIntegerField()
    old_end = models.PositiveIntegerField()
    old_text = models.TextField()
    new_start = models.PositiveIntegerField(null=True, blank=True)
    new_end = models.PositiveIntegerField(null=True, blank=True)
    new_text = models.TextField(blank=True)
    score = models.FloatField(default=0)
    reason = models.CharField(max_length=200, blank=True)
    # [["equal" | "delete" | "insert", words], ...] when the wording changed.
    diff = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["revision", "old_start", "pk"]

    def __str__(self) -> str:
        return f"Claim {self.claim_id}: {self.outcome} in revision {self.revision_id}"
