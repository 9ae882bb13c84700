"""Link checks over the whole ledger (`manage.py check_links`, for cron).

Every archived evidence item's page is visited again and compared with its snapshot (a new
LinkCheck row; the snapshot never changes); an item whose page could not be archived, or
whose snapshot a stopped worker left queued, is tried again (a new snapshot). A page cited by
several items is fetched once per run.
"""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

from django.db.models import F, Q
from django.utils import timezone

from reviews.ledger.models import Archive
from reviews.ledger.snapshots import Visit, check_link, take_snapshot, visit

# A snapshot still queued after this long lost its worker: the next check takes it.
QUEUED_STALE = timedelta(hours=1)


def due(older_than: timedelta | None = None):
    """Archive entries of current evidence with a link: archived ones whose link is still the
    one archived, failed ones, and queued ones a stopped worker left behind."""
    now = timezone.now()
    archived = Q(state=Archive.State.ARCHIVED, snapshot__url=F("evidence__url"))
    retry = Q(state=Archive.State.FAILED) | Q(
        state=Archive.State.QUEUED, updated_at__lt=now - QUEUED_STALE
    )
    entries = Archive.objects.filter(archived | retry, evidence__removed_at__isnull=True).exclude(
        evidence__url=""
    )
    if older_than is not None:
        cutoff = now - older_than
        entries = entries.filter(Q(last_check__isnull=True) | Q(last_check__checked_at__lt=cutoff))
    return entries.select_related("evidence", "snapshot").order_by("updated_at", "pk")


def check_links(older_than: timedelta | None = None, limit: int | None = None) -> Counter:
    counts: Counter = Counter()
    visits: dict[str, Visit] = {}
    entries = due(older_than)
    for archive in entries[:limit] if limit else entries:
        url = archive.evidence.url
        if url not in visits:
            visits[url] = visit(url)
        page = visits[url]
        if archive.state != Archive.State.ARCHIVED:
            snapshot = take_snapshot(archive.evidence, page)
            counts["archived now" if snapshot.ok else "still not archived"] += 1
            continue
        check = check_link(archive, page)
        counts["checked"] += 1
        for flag in ("gone", "moved", "changed", "excerpt_lost"):
            counts[flag] += getattr(check, flag)
        counts["needs a look" if check.needs_look else "unchanged"] += 1
    return counts
