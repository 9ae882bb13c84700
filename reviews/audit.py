"""The audit trail's vocabulary: what each recorded action is called, and how values are kept.

Events are written with `Event.objects.record(...)` inside the transaction of the change
they record (the domain modules do it; views never do). Recording bumps the article's
revision counter, which open review pages poll to learn that something changed.
"""

from __future__ import annotations

from datetime import date, datetime

from django.db import transaction
from django.db.models import Model, OuterRef, Subquery

from reviews.models import Article, Event

EVENT_LABELS = {
    "claim.verdict": "set the verdict",
    "claim.note": "edited the note",
    "claim.state": "changed the state",
    "claim.span": "re-anchored the claim",
    "claim.text+attribution": "edited the wording",
    "claim.attribution+text": "edited the wording",
    "claim.text": "edited the wording",
    "claim.attribution": "edited the attribution",
    "claim.add": "added the claim",
    "claim.split": "split a claim into this one",
    "claim.same_as": "linked it to an earlier claim",
    "claim.corrected": "corrected the published fact-check",
    "claim.merged": "merged two claims",
    "claim.unmerged": "undid a merge",
    "claim.undone": "undone: put back what was there before",
    "claims.proposed": "proposed claims automatically",
    "article.repaired": "fixed words glued together by the scraper",
    "article.revision": "imported a new version of the article",
    "claim.rereviewed": "reviewed the claim again after its wording changed",
    "article.edit": "edited the article's details in admin",
    "evidence.add": "added evidence",
    "evidence.edit": "edited evidence",
    "evidence.remove": "removed evidence",
    "evidence.archive": "asked for a fresh archived copy of the cited page",
    "evidence.source_merged": "merged the evidence's source into another",
    "article.status": "changed the status",
    "article.assign": "changed who is assigned",
    "article.due": "changed the deadline",
    "article.language": "corrected the article's language",
    "article.translation": "recorded the original this article translates",
    "claim.second_opinion": "gave a second opinion",
    "claim.conflict": "tried to save over a newer version (refused, kept here)",
    "comment.add": "commented",
    "comment.edit": "edited a comment",
    "comment.withdraw": "withdrew a comment",
}

# Events that move claims or add them: an open review page redraws the text and the list.
STRUCTURAL_ACTIONS = {
    "claim.add",
    "claim.split",
    "claim.span",
    "claims.proposed",
    "article.repaired",
    "article.revision",
}
ARTICLE_ACTIONS = {
    "article.status",
    "article.assign",
    "article.language",
    "article.translation",
    "article.due",
}


def label(action: str) -> str:
    return EVENT_LABELS.get(action, action)


def plain(value):
    """JSON-safe form of a field value."""
    if isinstance(value, Model):
        return value.pk
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def snapshot(obj: Model, fields) -> dict:
    return {name: plain(getattr(obj, name)) for name in fields}


def set_article_field(article: Article, *, user, action: str, field: str, value) -> bool:
    """Change one of the article's own fields, audited as `action`; False when unchanged.

    The stored value is read under a row lock, so the event's "before" is the value the
    change replaced even when two editors save at once.
    """
    with transaction.atomic():
        stored = Article.objects.select_for_update().only(field).get(pk=article.pk)
        before = getattr(stored, field)
        if before != value:
            Article.objects.filter(pk=article.pk).update(**{field: value})
            Event.objects.record(
                actor=user,
                article_id=article.pk,
                obj=article,
                action=action,
                before={field: plain(before)},
                after={field: plain(value)},
            )
    setattr(article, field, value)
    return before != value


def claim_action(fields) -> str:
    """Name a claim change by what it touched."""
    names = set(fields)
    if names & {"start", "end"}:
        return "claim.span"
    if names == {"state"}:
        return "claim.state"
    if names == {"needs_rereview"}:  # the same verdict confirmed after a wording change
        return "claim.rereviewed"
    if "verdict" in names:
        return "claim.verdict"
    if "note" in names:
        return "claim.note"
    return "claim." + "+".join(sorted(names))


def last_event_id(article: Article) -> int:
    """Where the page's live updates start from (already annotated on the review page)."""
    if hasattr(article, "last_event"):
        return article.last_event or 0
    return article.events.order_by("-pk").values_list("pk", flat=True).first() or 0


def last_event_subquery():
    return Subquery(Event.objects.filter(article=OuterRef("pk")).order_by("-pk").values("pk")[:1])
