"""The source registry: merging duplicate sources without losing what cites them."""

from __future__ import annotations

from django.db import transaction
from django.db.models import F

from reviews.models import Event, Evidence, Source


@transaction.atomic
def merge_sources(*, keep: Source, others: list[Source], actor) -> int:
    """Move every evidence item (removed ones too) of `others` to `keep`, then delete `others`.

    One audit event per moved item, with the source ids before and after; the evidence
    version is bumped so an edit form opened before the merge is refused as stale.
    Blank registry fields of `keep` are filled from the duplicates. Returns the items moved.
    """
    others = [other for other in others if other.pk != keep.pk]
    moved = 0
    items = (
        Evidence.objects.select_for_update()
        .filter(source__in=others)
        .select_related("claim")
        .order_by("pk")
    )
    for item in items:
        before = item.source_id
        Evidence.objects.filter(pk=item.pk).update(source=keep, version=F("version") + 1)
        Event.objects.record(
            actor=actor,
            article_id=item.claim.article_id,
            claim_id=item.claim_id,
            obj=item,
            action="evidence.source_merged",
            before={"source": before},
            after={"source": keep.pk},
        )
        moved += 1
    for other in others:
        for name in ("url", "domain", "country"):
            if not getattr(keep, name) and getattr(other, name):
                setattr(keep, name, getattr(other, name))
        if keep.reliability == Source.Reliability.UNKNOWN:
            keep.reliability = other.reliability
        keep.confirmed = keep.confirmed or other.confirmed
        merged_note = f"Merged from “{other.name}”" + (f": {other.notes}" if other.notes else ".")
        keep.notes = f"{keep.notes}\n\n{merged_note}".strip()
    keep.save()
    Source.objects.filter(pk__in=[other.pk for other in others]).delete()
    return moved
