"""Articles, their claims and the verdicts editors give them.

A claim is anchored by character offsets into the article body, so the body is
immutable once any claim exists: anchors never drift. Verdict history is
append-only; the claim keeps its current verdict and note for fast pages.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Count, F, Q
from django.urls import reverse
from django.utils import timezone


class Verdict(models.TextChoices):
    UNREVIEWED = "unreviewed", "Not yet reviewed"
    CORROBORATED = "corroborated", "Corroborated"
    DISPUTED = "disputed", "Disputed"
    UNVERIFIED = "unverified", "Unverified"


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


class ArticleQuerySet(models.QuerySet):
    def with_progress(self) -> ArticleQuerySet:
        """Annotate reviewed/total claim counts (rejected proposals do not count)."""
        live = ~Q(claims__state=ClaimState.REJECTED)
        return self.annotate(
            claims_total=Count("claims", filter=live),
            claims_reviewed=Count("claims", filter=live & ~Q(claims__verdict=Verdict.UNREVIEWED)),
        )


def body_hash(body: str) -> str:
    """Identity of an article's text for duplicate detection (white space insensitive)."""
    return hashlib.sha256(" ".join(body.split()).encode("utf-8")).hexdigest()


class Article(models.Model):
    class Status(models.TextChoices):
        NEW = "new", "New"
        IN_REVIEW = "in_review", "In review"
        SECOND_REVIEW = "second_review", "Needs second review"
        DONE = "done", "Done"
        PUBLISHED = "published", "Published"

    class Origin(models.TextChoices):
        PASTE = "paste", "Pasted text"
        FILE = "file", "Uploaded file"
        URL = "url", "Fetched URL"
        COMMAND = "command", "Management command"
        DEMO = "demo", "Demo data"
        ADMIN = "admin", "Admin"

    title = models.CharField(max_length=500)
    outlet = models.CharField(max_length=200, blank=True)
    url = models.URLField(max_length=2000, blank=True)
    byline = models.CharField(max_length=300, blank=True)
    published_on = models.DateField(null=True, blank=True)
    body = models.TextField(help_text="Plain text, paragraphs separated by blank lines.")
    content_hash = models.CharField(
        max_length=64, blank=True, db_index=True, editable=False, help_text="SHA-256 of the body"
    )
    # Headline, body, caption, related-link and source-line blocks as {kind, start, end}.
    blocks = models.JSONField(default=list, blank=True, editable=False)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NEW)
    # Bumped by every change to the article, its claims or evidence: pages poll it.
    revision = models.PositiveBigIntegerField(default=0)
    second_review_blind = models.BooleanField(
        default=True, help_text="Second reviewers do not see the first verdicts."
    )
    assignees = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="assigned_articles"
    )
    origin = models.CharField(max_length=10, choices=Origin.choices, default=Origin.ADMIN)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        # Enforced here too, not only in clean(): no code path may move claim anchors.
        update_fields = kwargs.get("update_fields")
        if update_fields is None or "body" in update_fields:
            if self.body_change_would_move_anchors():
                raise ValidationError("The text cannot change once claims are anchored in it.")
            self.content_hash = body_hash(self.body)
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "content_hash"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("reviews:article_review", args=[self.pk])

    def clean(self) -> None:
        super().clean()
        if not self.body.strip():
            raise ValidationError({"body": "The article has no text."})
        if len(self.body) > settings.MAX_ARTICLE_CHARS:
            raise ValidationError(
                {"body": f"The article is longer than {settings.MAX_ARTICLE_CHARS:,} characters."}
            )
        if self.body_change_would_move_anchors():
            raise ValidationError(
                {"body": "The text cannot change once claims are anchored in it."}
            )

    def body_change_would_move_anchors(self) -> bool:
        if self.pk is None:
            return False
        stored = Article.objects.filter(pk=self.pk).values_list("body", flat=True).first()
        return stored is not None and stored != self.body and self.claims.exists()


class ClaimState(models.TextChoices):
    PROPOSED = "proposed", "Proposed"
    ACCEPTED = "accepted", "Accepted"
    REJECTED = "rejected", "Rejected"


class ClaimOrigin(models.TextChoices):
    PROPOSED = "proposed", "Proposed automatically"
    EDITOR = "editor", "Added by an editor"


class Claim(models.Model):
    State = ClaimState
    Origin = ClaimOrigin

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="claims")
    text = models.TextField(
        blank=True, help_text="The claim as reviewed; left blank, the anchored words are used."
    )
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    attribution = models.CharField(
        max_length=300, blank=True, help_text="Who makes the claim, e.g. 'the Russian army'."
    )
    score = models.FloatField(null=True, blank=True, help_text="Check-worthiness, 0 to 1.")
    origin = models.CharField(max_length=10, choices=Origin.choices, default=Origin.EDITOR)
    state = models.CharField(max_length=10, choices=State.choices, default=State.ACCEPTED)
    verdict = models.CharField(max_length=20, choices=Verdict.choices, default=Verdict.UNREVIEWED)
    note = models.TextField(blank=True)
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    same_as = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="repeats",
        help_text="An earlier claim (usually in another article) making the same assertion.",
    )

    class Meta:
        ordering = ["article", "start", "end", "pk"]
        permissions = [("review_claim", "Can set verdicts and notes on claims")]
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="claim_span_not_empty"),
            models.CheckConstraint(
                condition=Q(verdict__in=Verdict.values), name="claim_verdict_valid"
            ),
            models.CheckConstraint(
                condition=Q(state__in=ClaimState.values), name="claim_state_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def position(self) -> int:
        """The claim's number in reading order, as on the review page (one query)."""
        earlier = Q(start__lt=self.start) | Q(start=self.start, end__lt=self.end)
        earlier |= Q(start=self.start, end=self.end, pk__lt=self.pk)
        return self.article.claims.filter(earlier).count() + 1

    @property
    def span_text(self) -> str:
        return self.article.body[self.start : self.end]

    @property
    def is_reviewed(self) -> bool:
        return self.verdict != Verdict.UNREVIEWED

    def clean(self) -> None:
        super().clean()
        body = self.article.body
        if self.start is None or self.end is None:
            return
        if not 0 <= self.start < self.end <= len(body):
            raise ValidationError(
                f"The span {self.start}–{self.end} is outside the article text (0–{len(body)})."
            )
        if not body[self.start : self.end].strip():
            raise ValidationError("The span only covers white space.")
        if not self.text.strip():
            self.text = body[self.start : self.end].strip()

    def update_if_current(self, *, expected_version: int, editor, **fields) -> None:
        """Save fields only if nobody saved the claim since `expected_version`.

        A conditional UPDATE ... WHERE version = N, so two editors saving at once
        cannot both win, whichever process or server they are on.
        """
        from reviews import audit

        now = timezone.now()
        before = audit.snapshot(self, fields)
        with transaction.atomic():
            updated = Claim.objects.filter(pk=self.pk, version=expected_version).update(
                **fields, version=F("version") + 1, updated_at=now, updated_by=editor
            )
            if not updated:
                self.refresh_from_db()
                raise StaleEdit(self)
            for name, value in fields.items():
                setattr(self, name, value)
            self.version, self.updated_at, self.updated_by = expected_version + 1, now, editor
            changed = {k: v for k, v in before.items() if v != audit.plain(fields[k])}
            audit.record(
                actor=editor,
                article_id=self.article_id,
                claim_id=self.pk,
                obj=self,
                action=audit.claim_action(changed or fields),
                before=changed or before,
                after={name: audit.plain(fields[name]) for name in (changed or fields)},
            )

    def set_verdict(
        self, *, editor, verdict: str, note: str, expected_version: int
    ) -> VerdictRecord | None:
        """Record a verdict and note, refusing a save based on a stale version.

        Giving a verdict to a proposed claim accepts it. Returns the new history row,
        or None when nothing changed.
        """
        verdict = Verdict(verdict)  # ValueError for a value outside the list
        if expected_version != self.version:
            raise StaleEdit(self)
        if verdict == Verdict.UNVERIFIED and not note.strip():
            raise ValidationError("An unverified verdict needs a note saying what was tried.")
        if verdict == self.verdict and note == self.note:
            return None
        fields = {"verdict": verdict, "note": note}
        if self.state == ClaimState.PROPOSED and verdict != Verdict.UNREVIEWED:
            fields["state"] = ClaimState.ACCEPTED
        with transaction.atomic():
            self.update_if_current(expected_version=expected_version, editor=editor, **fields)
            return VerdictRecord.objects.create(
                claim=self,
                editor=editor,
                verdict=verdict,
                note=note,
                created_at=self.updated_at,
                claim_version=self.version,
            )


class StaleEdit(Exception):
    """A save was based on an older version of the claim than the stored one."""

    def __init__(self, current: Claim):
        super().__init__(f"Claim {current.pk} is at version {current.version}")
        self.current = current


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


def can_review(user) -> bool:
    """Editors (the group's permission) and staff may write; everyone else reads."""
    return user.is_authenticated and (user.is_staff or user.has_perm("reviews.review_claim"))


class Stance(models.TextChoices):
    SUPPORTS = "supports", "Supports the claim"
    CONTRADICTS = "contradicts", "Contradicts the claim"
    CONTEXT = "context", "Context"


class EvidenceQuerySet(models.QuerySet):
    def current(self) -> EvidenceQuerySet:
        """Evidence not removed; removed items stay in the database and the history."""
        return self.filter(removed_at__isnull=True)


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


class ArticleViewer(models.Model):
    """Who has an article open: refreshed by the page's polling, read as 'seen lately'."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="viewers")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    last_seen = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["article", "user"], name="one_viewer_row_each")
        ]

    def __str__(self) -> str:
        return f"{self.user} on article {self.article_id}"
