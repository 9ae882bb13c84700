"""Import jobs: an import that runs in the worker, and what the editor's progress page shows."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from reviews.models import Article


class ImportJob(models.Model):
    """One URL import or large paste, queued for the worker (reviews/ingest/jobs.py).

    The job links its article in the transaction that stores it, so a job whose worker died
    is run again from the start without making a second article.
    """

    class Kind(models.TextChoices):
        URL = "url", "web address"
        DRAFT = "draft", "text"

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting for the worker"
        RUNNING = "running", "Importing"
        DONE = "done", "Imported"
        FAILED = "failed", "Failed"

    kind = models.CharField(max_length=10, choices=Kind.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    step = models.CharField(max_length=100, default="Waiting for the worker")
    progress = models.PositiveSmallIntegerField(default=0)  # percent
    url = models.URLField(max_length=2000, blank=True)
    draft = models.JSONField(default=dict, blank=True)  # a pasted or uploaded text, prepared
    error = models.TextField(blank=True)
    message = models.TextField(blank=True)  # said to the editor when the article opens
    announced = models.BooleanField(default=False)  # the message was said (once)
    article = models.ForeignKey(
        Article, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    duplicate_of = models.ForeignKey(
        Article, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    heartbeat_at = models.DateTimeField(default=timezone.now)  # last sign of life
    finished_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    task_id = models.CharField(max_length=64, blank=True)

    class Meta:
        indexes = [models.Index(fields=["status", "heartbeat_at"])]

    def __str__(self) -> str:
        return f"import {self.pk} ({self.status})"

    def get_absolute_url(self) -> str:
        return reverse("ingest:import_job", args=[self.pk])

    @property
    def source(self) -> str:
        return self.url or self.draft.get("title", "")

    @property
    def finished(self) -> bool:
        return self.status in {self.Status.DONE, self.Status.FAILED}

    def is_stale(self, now=None) -> bool:
        """Running, but silent for longer than a step may take: its worker has gone."""
        now = now or timezone.now()
        limit = timedelta(seconds=settings.IMPORT_JOB_STALE_SECONDS)
        return self.status == self.Status.RUNNING and self.heartbeat_at < now - limit
