"""Signals the core sends for the leaves to follow, so the core never imports them.

`claim_texts_changed(claim_ids=[...])` is sent inside the writing transaction whenever
claims are created (added, split off, proposed) or their wording changes; a receiver that
queues work should do it with transaction.on_commit, so a rolled-back write queues nothing.
"""

from django.dispatch import Signal

claim_texts_changed = Signal()


def texts_changed(claim_ids) -> None:
    ids = [pk for pk in claim_ids if pk is not None]
    if ids:
        claim_texts_changed.send(sender=None, claim_ids=ids)
