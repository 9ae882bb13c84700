"""The source registry and the evidence items that cite it behind a verdict."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from reviews import hooks
from reviews.models.choices import Stance
from reviews.models.claim import Claim


class Source(models.Model):
    class Kind(models.TextChoices):
        NEWS_AGENCY = "news_agency", "News agency"
        OUTLET = "outlet", "Outlet"
        GOVERNMENT = "government", "Government"
        MILITARY = "military", "Military"
        NGO = "ngo", "NGO"
        THINK_TANK = "think_tank", "Think tank"
        PERSON = "person", "Person"
        OTHER = "other", "Other"

    class Reliability(models.TextChoices):
        HIGH = "high", "High"
        MEDIUM = "medium", "Medium"
        LOW = "low", "Low"
        UNKNOWN = "unknown", "Unknown"

    name = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.OTHER)
    confirmed = models.BooleanField(
        default=True, help_text="Sources proposed by editors wait for an admin to confirm them."
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    url = models.URLField(blank=True)
    domain = models.CharField(max_length=200, blank=True, help_text="e.g. reuters.com")
    country = models.CharField(max_length=100, blank=True)
    reliability = models.CharField(
        max_length=10, choices=Reliability.choices, default=Reliability.UNKNOWN
    )
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class EvidenceQuerySet(models.QuerySet):
    def current(self) -> EvidenceQuerySet:
        """Evidence not removed; removed items stay in the database and the history."""
        return self.filter(removed_at__isnull=True)

    def shown(self) -> EvidenceQuerySet:
        """Current evidence as cards and exports show it: its source, who added it, and what
        leaves join to it (reviews.hooks.shown_evidence: the ledger's archive entry)."""
        return hooks.shown_evidence(self.current().select_related("source", "added_by"))


class Evidence(models.Model):
    """A source behind a verdict: where it was found, what it says, and which way it points."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="evidence")
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="evidence")
    url = models.URLField(max_length=2000, blank=True)
    excerpt = models.TextField(blank=True, help_text="The words quoted from the source.")
    stance = models.CharField(max_length=12, choices=Stance.choices, default=Stance.SUPPORTS)
    accessed_on = models.DateField(default=timezone.localdate)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(default=1)
    removed_at = models.DateTimeField(null=True, blank=True)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = EvidenceQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name_plural = "evidence"
        constraints = [
            models.CheckConstraint(
                condition=Q(stance__in=Stance.values), name="evidence_stance_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source} ({self.get_stance_display()})"
