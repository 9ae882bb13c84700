"""The audit trail: every change is recorded once, with who, when, before and after.

Recording also bumps the article's revision counter, which is what open review pages
poll to learn that something changed (no per-process state: it lives in the database).
"""

from __future__ import annotations

from datetime import date, datetime

from django.db.models import F, Model, OuterRef, Subquery

from reviews.models import Article, Event


def plain(value):
    """JSON-safe form of a field value."""
    if isinstance(value, Model):
        return value.pk
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def last_event_id(article: Article) -> int:
    """Where the page's live updates start from (already annotated on the review page)."""
    if hasattr(article, "last_event"):
        return article.last_event or 0
    return article.events.order_by("-pk").values_list("pk", flat=True).first() or 0


def last_event_subquery():
    return Subquery(Event.objects.filter(article=OuterRef("pk")).order_by("-pk").values("pk")[:1])


def snapshot(obj: Model, fields) -> dict:
    return {name: plain(getattr(obj, name)) for name in fields}


def record(
    *,
    actor,
    article_id: int,
    obj: Model,
    action: str,
    before: dict | None = None,
    after: dict | None = None,
    claim_id: int | None = None,
) -> Event:
    event = Event.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        article_id=article_id,
        claim_id=claim_id,
        object_type=obj._meta.model_name,
        object_id=obj.pk,
        action=action,
        before=before,
        after=after,
    )
    Article.objects.filter(pk=article_id).update(revision=F("revision") + 1)
    return event


def record_conflict(*, actor, claim, attempted: dict, based_on: int) -> Event:
    """A save refused because the claim changed meanwhile: kept so nothing is silently lost."""
    return record(
        actor=actor,
        article_id=claim.article_id,
        claim_id=claim.pk,
        obj=claim,
        action="claim.conflict",
        before={"version": claim.version},
        after={**{k: plain(v) for k, v in attempted.items()}, "based_on_version": based_on},
    )


def claim_action(fields) -> str:
    """Name a claim change by what it touched."""
    names = set(fields)
    if names & {"start", "end"}:
        return "claim.span"
    if names == {"state"}:
        return "claim.state"
    if "verdict" in names:
        return "claim.verdict"
    if "note" in names:
        return "claim.note"
    return "claim." + "+".join(sorted(names))
