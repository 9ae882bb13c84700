"""Claims: anchored spans of an article, with their current verdict and note.

The claim keeps its current verdict and note for fast pages; the history of both is in
VerdictRecord and Event (reviews/models/history.py). Every write goes through
reviews/claims.py, which checks the version and records the audit event.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

from reviews.models.article import Article
from reviews.models.choices import ClaimOrigin, ClaimState, Verdict


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
    # The article's language, copied here (on creation and on the article's correction) so
    # that PostgreSQL's full-text index of claims can stem each in its own language.
    language = models.CharField(max_length=35, blank=True, default="")
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
    # Its wording changed in a new revision of the article: the verdict stands, but an
    # editor must look again (a verdict saved, even the same one, clears it).
    needs_rereview = models.BooleanField(default=False)
    # Not found in the article's current text: start/end are offsets into this revision's
    # text, where the claim stays (reviews/revisions.py). Null: anchored in the current body.
    detached_from = models.ForeignKey(
        "reviews.ArticleRevision",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="detached_claims",
    )
    # Comments in its thread (withdrawn ones stay there), recounted by reviews/comments.py
    # when one is posted: the compact card shows it, and a card with none skips the
    # thread's query.
    comment_count = models.PositiveIntegerField(default=0, editable=False)
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
        indexes = [
            # Search filters by verdict ("articles with a disputed claim"): the article ids of
            # the live claims with a verdict come from this index alone, for a hash join.
            models.Index(
                fields=["verdict", "article"],
                condition=~Q(state="rejected"),
                name="claim_live_verdict",
            ),
        ]
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

    def get_absolute_url(self) -> str:
        """The claim's card on its article's review page."""
        return f"{reverse('reviews:article_review', args=[self.article_id])}#claim-{self.pk}"

    @property
    def position(self) -> int:
        """The claim's number in reading order, as on the review page (one query)."""
        earlier = Q(start__lt=self.start) | Q(start=self.start, end__lt=self.end)
        earlier |= Q(start=self.start, end=self.end, pk__lt=self.pk)
        return self.article.claims.filter(earlier).count() + 1

    @property
    def span_text(self) -> str:
        if self.detached_from_id is not None:
            return self.detached_from.body[self.start : self.end]
        return self.article.body[self.start : self.end]

    @property
    def is_reviewed(self) -> bool:
        return self.verdict != Verdict.UNREVIEWED

    def clean(self) -> None:
        super().clean()
        body = self.detached_from.body if self.detached_from_id else self.article.body
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


class StaleEdit(Exception):
    """A save was based on an older version of the claim than the stored one."""

    def __init__(self, current: Claim):
        super().__init__(f"Claim {current.pk} is at version {current.version}")
        self.current = current


class ClaimEditRefused(Exception):
    """An edit that cannot be made; the message is shown to the editor."""


def can_review(user) -> bool:
    """Editors (the group's permission) and staff may write; everyone else reads.

    ModelBackend's has_perm reads the user's and the groups' permissions in two queries;
    this asks for the one permission in one (every write pays it), once per request."""
    if not user.is_authenticated:
        return False
    if user.is_staff or (user.is_active and user.is_superuser):
        return True
    if not hasattr(user, "_can_review"):
        from django.contrib.auth.models import Permission

        user._can_review = (
            user.is_active
            and Permission.objects.filter(
                Q(user=user) | Q(group__user=user),
                codename="review_claim",
                content_type__app_label="reviews",
            ).exists()
        )
    return user._can_review
