"""Form submissions already handled: a double submit makes one row, not two."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class Submission(models.Model):
    """The one-time key a form carried (reviews/idempotency.py). Written in the transaction
    of the change it made, so a change that rolls back frees its key for a retry."""

    key = models.CharField(max_length=64, unique=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    def __str__(self) -> str:
        return f"{self.key} by {self.user_id}"
