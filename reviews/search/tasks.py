"""The search leaf's task: claim embeddings, computed in the worker (django.tasks).

Queued after the transaction that creates claims or changes their wording commits
(reviews.signals.claim_texts_changed); the task embeds whatever is still missing or out of
date, so a task queued twice, or for a wording changed again since, does no harm.
"""

from __future__ import annotations

from django.db import transaction
from django.tasks import task

from reviews.search import embeddings, vectors

BATCH = 64


@task()
def embed_claims(claim_ids: list[int]) -> int:
    return vectors.embed_claims(claim_ids)


def queue_embeddings(sender=None, *, claim_ids, **kwargs) -> None:
    """Receiver of claim_texts_changed: one task per batch of claims, once committed."""
    if not embeddings.available():
        return
    ids = list(claim_ids)

    def enqueue() -> None:
        for start in range(0, len(ids), BATCH):
            embed_claims.enqueue(ids[start : start + BATCH])

    transaction.on_commit(enqueue)
