"""The ledger's work in the task queue (django.tasks, the django-tasks-db backend)."""

from __future__ import annotations

from django.tasks import task

from reviews.ledger.snapshots import Visit, take_snapshot
from reviews.models import Evidence

UNEXPECTED = "Something went wrong on our side while archiving ({name}); try Archive again."


@task()
def snapshot_evidence(evidence_id: int, url: str, excerpt: str) -> int | None:
    """Snapshot the page an evidence item cites; the snapshot's id, or None when the item
    was removed or its link or excerpt changed since (the newer save queued its own)."""
    evidence = Evidence.objects.current().filter(pk=evidence_id).first()
    if evidence is None or evidence.url != url or evidence.excerpt != excerpt:
        return None
    try:
        return take_snapshot(evidence).pk
    except Exception as error:
        # Said on the card instead of "archiving…" for ever; the task's own result keeps
        # the traceback for an administrator.
        take_snapshot(evidence, Visit(url=url, error=UNEXPECTED.format(name=type(error).__name__)))
        raise
