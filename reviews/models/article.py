"""Articles: the frozen text that claims are anchored in, with status and assignment.

A claim is anchored by character offsets into the article body, so the body is
immutable once any claim exists: anchors never drift. Two writers change it and move the
anchors with it in the same transaction: spans.apply_repairs (glued words) and
revisions.import_revision (a new version, the old text kept as an ArticleRevision).
"""

from __future__ import annotations

import datetime
import hashlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from reviews.models.choices import ClaimState, Verdict


def default_due() -> datetime.datetime:
    """When a new article is due: settings.ARTICLE_DUE_HOURS after it arrives."""
    return timezone.now() + datetime.timedelta(hours=settings.ARTICLE_DUE_HOURS)


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
    # Words the scraper seems to have glued together, offered as fixes and not yet decided:
    # [{start, end, original, replacement}]. Proposals never wait for them.
    repairs = models.JSONField(default=list, blank=True, editable=False)
    # Candidates scored below the proposal budget's cut, best first, one click away:
    # [{start, end, text, score, attribution}].
    held_back = models.JSONField(default=list, blank=True, editable=False)
    # BCP 47 code of the body's language ("es", "uk"), detected on import and correctable
    # by an editor; "" when not known. Sentence splitting, attribution and scoring follow it.
    language = models.CharField(max_length=35, blank=True, default="")
    # An article that is itself a translation (a machine translation of a wire story, say):
    # where the original is and its language, set by an editor, said in every export.
    original_url = models.URLField(max_length=2000, blank=True, default="")
    original_language = models.CharField(max_length=35, blank=True, default="")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NEW)
    # The desk's deadline for the fact-check: the queue and dashboard sort by it.
    due_at = models.DateTimeField(null=True, blank=True, default=default_due, db_index=True)
    # When the fact-check was first published (ClaimReview datePublished): corrections,
    # unpublishing and publishing again never move it.
    first_published_at = models.DateTimeField(null=True, blank=True, editable=False)
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
        constraints = [
            # The same text or page imported twice at once still makes one article.
            models.UniqueConstraint(
                fields=["content_hash"],
                condition=Q(origin__in=["paste", "file", "url", "command"]) & ~Q(content_hash=""),
                name="one_import_per_text",
            ),
            models.UniqueConstraint(
                fields=["url"],
                condition=Q(origin__in=["paste", "file", "url", "command"]) & ~Q(url=""),
                name="one_import_per_url",
            ),
        ]

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

    @property
    def is_overdue(self) -> bool:
        """Past its deadline and still being worked on."""
        open_statuses = (self.Status.NEW, self.Status.IN_REVIEW, self.Status.SECOND_REVIEW)
        return bool(self.due_at) and self.due_at < timezone.now() and self.status in open_statuses

    @property
    def is_published(self) -> bool:
        """Published fact-checks change only through a correction (reviews/corrections.py)."""
        return self.status == self.Status.PUBLISHED

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
