"""Evidence behind verdicts, and the sources editors pick it from.

Evidence is never deleted: removing it stamps removed_at, and every add, edit and
removal is written to the audit trail. Editors may add a missing source; whether it
is usable at once or waits for an admin is settings.SOURCE_CREATION.
"""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q, QuerySet
from django.utils import timezone

from reviews import audit, corrections
from reviews.models import Claim, Event, Evidence, Source, StaleEdit

EVIDENCE_FIELDS = ["source", "url", "excerpt", "stance", "accessed_on"]


class EvidenceRefused(Exception):
    """The evidence cannot be saved as given; the message is for the editor."""


def visible_sources(user) -> QuerySet[Source]:
    """Confirmed sources, plus the ones this user proposed and an admin has not yet confirmed."""
    mine = Q(created_by=user) if user.is_authenticated else Q(pk__in=[])
    return Source.objects.filter(Q(confirmed=True) | mine)


def search_sources(query: str, user, limit: int = 8) -> list[Source]:
    query = " ".join(query.replace("\x00", "").split())  # PostgreSQL text holds no NUL
    if not query:
        return []
    matches = visible_sources(user).filter(
        Q(name__icontains=query) | Q(domain__icontains=query) | Q(notes__icontains=query)
    )
    # Names starting with the query first: "Reu" finds Reuters before "Thomson Reuters".
    ranked = sorted(
        matches[:50], key=lambda s: (not s.name.lower().startswith(query.lower()), s.name)
    )
    return ranked[:limit]


def may_create_sources(user) -> bool:
    policy = settings.SOURCE_CREATION
    return user.is_staff or policy in ("confirmed", "propose")


def create_source(*, user, name: str, kind: str) -> Source:
    name = " ".join(name.split())[:200]
    if not may_create_sources(user):
        raise EvidenceRefused(f"Only admins can add sources; ask one to add “{name}”.")
    existing = Source.objects.filter(name__iexact=name).first()
    if existing:
        return existing
    return Source.objects.create(
        name=name,
        kind=kind if kind in Source.Kind.values else Source.Kind.OTHER,
        confirmed=user.is_staff or settings.SOURCE_CREATION == "confirmed",
        created_by=user,
    )


def add_evidence(*, claim: Claim, editor, source: Source, **fields) -> Evidence:
    with transaction.atomic():
        corrections.ensure_editable(claim, article_id=claim.article_id)
        evidence = Evidence.objects.create(claim=claim, source=source, added_by=editor, **fields)
        Event.objects.record(
            actor=editor,
            article_id=claim.article_id,
            claim_id=claim.pk,
            obj=evidence,
            action="evidence.add",
            after=audit.snapshot(evidence, EVIDENCE_FIELDS),
        )
    return evidence


def update_if_current(evidence: Evidence, *, expected_version: int, **fields) -> None:
    """Conditional UPDATE on the version, as for claims: a stale or removed item is refused."""
    updated = Evidence.objects.filter(
        pk=evidence.pk, version=expected_version, removed_at__isnull=True
    ).update(**fields, version=F("version") + 1)
    if not updated:
        evidence.refresh_from_db()
        raise StaleEdit(evidence)
    for name, value in fields.items():
        setattr(evidence, name, value)
    evidence.version = expected_version + 1


def edit_evidence(*, evidence: Evidence, editor, expected_version: int, **fields) -> Evidence:
    before = audit.snapshot(evidence, fields)
    with transaction.atomic():
        corrections.ensure_editable(evidence.claim, article_id=evidence.claim.article_id)
        update_if_current(evidence, expected_version=expected_version, **fields)
        Event.objects.record(
            actor=editor,
            article_id=evidence.claim.article_id,
            claim_id=evidence.claim_id,
            obj=evidence,
            action="evidence.edit",
            before=before,
            after=audit.snapshot(evidence, fields),
        )
    return evidence


def remove_evidence(*, evidence: Evidence, editor, expected_version: int) -> Evidence:
    with transaction.atomic():
        corrections.ensure_editable(evidence.claim, article_id=evidence.claim.article_id)
        update_if_current(
            evidence,
            expected_version=expected_version,
            removed_at=timezone.now(),
            removed_by=editor,
        )
        Event.objects.record(
            actor=editor,
            article_id=evidence.claim.article_id,
            claim_id=evidence.claim_id,
            obj=evidence,
            action="evidence.remove",
            before=audit.snapshot(evidence, EVIDENCE_FIELDS),
        )
    return evidence


def copy_evidence(*, claim: Claim, other: Claim, editor) -> int:
    """Copy the other claim's current evidence, skipping items this claim already has."""
    current = Evidence.objects.current()
    have = {(e.source_id, e.url, e.excerpt, e.stance) for e in current.filter(claim=claim)}
    copied = 0
    with transaction.atomic():
        for item in current.filter(claim=other).select_related("source"):
            if (item.source_id, item.url, item.excerpt, item.stance) in have:
                continue
            add_evidence(
                claim=claim,
                editor=editor,
                source=item.source,
                url=item.url,
                excerpt=item.excerpt,
                stance=item.stance,
                accessed_on=item.accessed_on,
            )
            copied += 1
    return copied
