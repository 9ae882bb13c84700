"""A claim's discussion thread: comments between editors, separate from the verdict note.

Never deleted: an author may edit or withdraw a comment, and both leave the row (a
withdrawn one is shown as withdrawn) and an audit event with the text before. Written by
reviews/comments.py only.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from reviews.models.claim import Claim


class Comment(models.Model):
    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField()
    # The @usernames in the text that named an editor when it was saved: drawn as links,
    # any other @word stays plain text.
    mentions = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    edited_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["claim", "created_at"])]

    def __str__(self) -> str:
        return f"{self.author} on claim {self.claim_id}: {self.text[:60]}"

    @property
    def withdrawn(self) -> bool:
        return self.withdrawn_at is not None
