"""A new version of an article: its text replaces the current one, its claims follow.

`import_revision` keeps the old text as a revision (the first time, the original becomes
revision 1), re-anchors every claim with reviews/anchoring.py and writes the report:

- unchanged and moved claims get their new offsets (their wording follows the words
  unless an editor rewrote it);
- a claim whose wording changed keeps its verdict, anchors the passage that replaced its
  words and is flagged `needs_rereview` until an editor saves a verdict on it;
- a claim not found stays anchored in the old revision's text (`detached_from`), is
  listed in the report and is no longer highlighted in the current text.

A published fact-check is refused a new version: its claims would move under a verdict the
public has read. Unpublish it first (the article's status), import the new version, review
what changed, and publish again; the correction path is for one claim's verdict, not for
a new text (README, "Article revisions").
"""

from __future__ import annotations

from django.db import transaction

from reviews import corrections
from reviews.anchoring import CHANGED, MOVED, NOT_FOUND, Anchor, reanchor, summary
from reviews.models import (
    Article,
    ArticleRevision,
    Claim,
    ClaimEditRefused,
    ClaimPlacement,
    Event,
    body_hash,
)

PUBLISHED = (
    "This fact-check is published: a new version of the article would move its claims under"
    " published verdicts. Unpublish it first (set its status back to Done), then import the"
    " new version."
)
SAME_TEXT = "This text is the article's current version: there is nothing new to import."


class RevisionRefused(ClaimEditRefused):
    """A new version that cannot be imported; the message says why."""


def current_number(article: Article) -> int:
    """The number of the article's current text (1 until a new version is imported)."""
    latest = article.revisions.order_by("-number").values_list("number", flat=True).first()
    return latest or 1


def import_revision(
    *, article: Article, body: str, editor, title: str = "", url: str = "", blocks=None
) -> ArticleRevision:
    """Make `body` the article's current text, re-anchoring its claims; returns the new
    revision with its report (`placements`). Raises RevisionRefused."""
    new_hash = body_hash(body)
    with transaction.atomic():
        article = Article.objects.select_for_update().get(pk=article.pk)
        if article.is_published:
            raise RevisionRefused(PUBLISHED)
        corrections.ensure_editable(None, article_id=article.pk)
        if new_hash == article.content_hash:
            raise RevisionRefused(SAME_TEXT)
        twin = Article.objects.filter(content_hash=new_hash).exclude(pk=article.pk).first()
        if twin is not None:
            raise RevisionRefused(f"This text is already another article: “{twin.title}”.")
        if url and Article.objects.filter(url=url).exclude(pk=article.pk).exists():
            raise RevisionRefused("That web address belongs to another article.")
        previous = stored_current_text(article)
        # Locked: an edit of one of them waits, then meets the version this bumps.
        claims = list(
            Claim.objects.select_for_update().filter(article=article, detached_from__isnull=True)
        )
        placements = reanchor(article.body, body, [Anchor(c.pk, c.start, c.end) for c in claims])
        counts = summary(placements)
        revision = ArticleRevision.objects.create(
            article=article,
            number=previous.number + 1,
            title=title or article.title,
            url=url or article.url,
            body=body,
            content_hash=new_hash,
            counts=counts,
            created_by=editor if getattr(editor, "is_authenticated", False) else None,
        )
        by_pk = {c.pk: c for c in claims}
        rows = []
        for placement in placements:
            claim = by_pk[placement.key]
            rows.append(report_row(revision, claim, placement, article.body, body))
            follow(claim, placement, article.body, body, previous)
        ClaimPlacement.objects.bulk_create(rows)
        Claim.objects.bulk_update(
            claims, ["start", "end", "text", "needs_rereview", "detached_from", "version"]
        )
        Article.objects.filter(pk=article.pk).update(
            body=body,
            content_hash=new_hash,
            title=revision.title,
            url=revision.url,
            blocks=blocks if blocks is not None else [],
            repairs=[],
            held_back=[],
        )
        Event.objects.record(
            actor=editor,
            article_id=article.pk,
            obj=revision,
            action="article.revision",
            after={"revision": revision.number, **counts},
        )
    return revision


def stored_current_text(article: Article) -> ArticleRevision:
    """The revision holding the article's text as it is now, stored if it is not yet: the
    original on the first new version, or the text after glued-word fixes were applied."""
    latest = article.revisions.order_by("-number").first()
    if latest is not None and latest.content_hash == article.content_hash:
        return latest
    return ArticleRevision.objects.create(
        article=article,
        number=latest.number + 1 if latest else 1,
        title=article.title,
        url=article.url,
        body=article.body,
        content_hash=article.content_hash,
        created_at=article.created_at if latest is None else article_changed_at(article),
        created_by=article.created_by if latest is None else None,
    )


def article_changed_at(article: Article):
    event = article.events.filter(action="article.repaired").order_by("-pk").first()
    return event.at if event else article.created_at


def report_row(revision, claim: Claim, placement, old: str, new: str) -> ClaimPlacement:
    found = placement.outcome != NOT_FOUND
    return ClaimPlacement(
        revision=revision,
        claim=claim,
        outcome=placement.outcome,
        old_start=claim.start,
        old_end=claim.end,
        old_text=old[claim.start : claim.end],
        new_start=placement.start if found else None,
        new_end=placement.end if found else None,
        new_text=new[placement.start : placement.end] if found else "",
        score=placement.score,
        reason=placement.reason[:200],
        diff=[list(piece) for piece in placement.diff],
    )


def follow(claim: Claim, placement, old: str, new: str, previous: ArticleRevision) -> None:
    """Move the claim (not saved) as the placement says; its version moves too, so a page
    still showing the old anchor cannot save over the new one."""
    if placement.outcome == NOT_FOUND:
        claim.detached_from = previous
        claim.version += 1
        return
    if placement.outcome in (MOVED, CHANGED):
        wording_followed_span = claim.text == old[claim.start : claim.end]
        claim.start, claim.end = placement.start, placement.end
        if wording_followed_span:
            claim.text = new[claim.start : claim.end]
        claim.version += 1
    if placement.outcome == CHANGED:
        claim.needs_rereview = True
