"""The audit trail: every change is recorded once, with who, when, before and after.

Recording also bumps the article's revision counter, which is what open review pages
poll to learn that something changed (no per-process state: it lives in the database).
"""

from __future__ import annotations

from datetime import date, datetime

from django.db.models import F, Model

from reviews.models import Article, Event


def plain(value):
    """JSON-safe form of a field value."""
    if isinstance(value, Model):
        return value.pk
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


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
