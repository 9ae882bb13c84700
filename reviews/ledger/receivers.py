"""How the ledger follows evidence writes (reviews.hooks), inside their transaction."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from reviews.ledger import tasks
from reviews.ledger.models import Archive, Snapshot
from reviews.ledger.snapshots import copy_snapshot
from reviews.models import Event, Evidence


def evidence_saved(
    sender, *, evidence: Evidence, created: bool, changed: set, copied_from=None, **kwargs
) -> None:
    """A new link, or a new excerpt for a link, gets a snapshot: copied from the original
    when the evidence is a copy of archived evidence, otherwise fetched by the worker."""
    if not created and not changed & {"url", "excerpt"}:
        return
    if not evidence.url:
        Archive.objects.filter(evidence=evidence).delete()  # the link was taken out
        return
    if copied_from is not None:
        original = Snapshot.objects.filter(evidence=copied_from, url=evidence.url).first()
        if original is not None:
            copy_snapshot(evidence, original)
            return
    queue(evidence)


def queue(evidence: Evidence) -> None:
    Archive.objects.update_or_create(
        evidence=evidence,
        defaults={"state": Archive.State.QUEUED, "updated_at": timezone.now()},
    )
    tasks.snapshot_evidence.enqueue(evidence.pk, evidence.url, evidence.excerpt)


def with_archive(queryset: QuerySet) -> QuerySet:
    """Cards and exports read the evidence's archive entry, its snapshot and latest check in
    the evidence's own query (joins); the archived text itself is left for the archive page."""
    return queryset.select_related("archive", "archive__snapshot", "archive__last_check").defer(
        "archive__snapshot__text"
    )


def archive_again(*, evidence: Evidence, editor) -> None:
    """An editor asks for a fresh snapshot (the page changed and the change is understood, or
    the first fetch failed): queued like a new citation, audited on the claim."""
    with transaction.atomic():
        queue(evidence)
        Event.objects.record(
            actor=editor,
            article_id=evidence.claim.article_id,
            claim_id=evidence.claim_id,
            obj=evidence,
            action="evidence.archive",
            after={"url": evidence.url},
        )


def needs_look() -> Q:
    """Claims (a condition on Claim) with current evidence whose last link check found the
    page gone, moved, changed or without the excerpt."""
    return Q(evidence__removed_at__isnull=True, evidence__archive__needs_look=True)
