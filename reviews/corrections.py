"""Corrections: a published fact-check changes only through one, with a reason.

The rule (README, "Corrections"): once an article is published, every write to its claims
and evidence is refused, except inside `correcting(claim, ...)`, which only an admin
(staff) may open, for one claim, with a reason. The reason is shown on the public report
as a dated correction notice and sets ClaimReview's `dateModified`; `datePublished` stays
the date the fact-check was first published. Structural edits (add, split, merge,
re-anchor, bulk actions, more proposals) are not corrections: unpublish first.

The domain writers (claims.update_claim, spans, evidence) call `ensure_editable` inside
their transaction, so no path (views, admin actions, scripts) skips the rule.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from django.db import transaction

from reviews.models import Article, Claim, ClaimEditRefused, Correction, Event

LOCKED = (
    "This fact-check is published: changing it is a correction, made by an admin with a"
    " reason (Correct… on the claim)."
)
STRUCTURAL = "This fact-check is published: unpublish it before adding, splitting or merging."


class PublishedLocked(ClaimEditRefused):
    """A plain edit of a published article."""


@dataclass
class OpenCorrection:
    claim_id: int
    changed: bool = False


_open: ContextVar[OpenCorrection | None] = ContextVar("open_correction", default=None)


def is_published(article_id: int) -> bool:
    """Asked of the database inside the writer's transaction, never of a loaded copy."""
    return Article.objects.filter(pk=article_id, status=Article.Status.PUBLISHED).exists()


def correction_open() -> bool:
    """Whether a correction is under way in this context (no query)."""
    return _open.get() is not None


def ensure_editable(claim: Claim | None, *, article_id: int) -> None:
    """Refuse a write to a published article unless it is this claim's open correction.

    `claim` None means a structural write (a new claim, a span change): never allowed once
    published.
    """
    if not is_published(article_id):
        return
    correction = _open.get()
    if claim is None:
        raise PublishedLocked(STRUCTURAL)
    if correction is None or correction.claim_id != claim.pk:
        raise PublishedLocked(LOCKED)
    correction.changed = True


def may_correct(user) -> bool:
    return user.is_staff


@contextmanager
def correcting(claim: Claim, *, editor, reason: str) -> Iterator[None]:
    """Let the edits made inside change this claim of a published article, recorded as one
    correction with its reason; nothing is recorded (or changed) if any edit fails."""
    if not is_published(claim.article_id):
        yield  # not published (any more): the edits are ordinary ones
        return
    if not may_correct(editor):
        raise PublishedLocked("Only an admin can correct a published fact-check.")
    reason = reason.strip()
    if not reason:
        raise ClaimEditRefused(
            "Say what is corrected and why: the reason is shown on the public report."
        )
    correction = OpenCorrection(claim.pk)
    with transaction.atomic():
        token = _open.set(correction)
        try:
            yield
        finally:
            _open.reset(token)
        if not correction.changed:
            raise ClaimEditRefused("Nothing changed, so there is no correction to record.")
        record = Correction.objects.create(
            article_id=claim.article_id, claim=claim, reason=reason, made_by=editor
        )
        Event.objects.record(
            actor=editor,
            article_id=claim.article_id,
            claim_id=claim.pk,
            obj=record,
            action="claim.corrected",
            after={"reason": reason},
        )
