"""Where leaves plug into the core without the core importing them.

`evidence_saved` is sent inside the transaction that adds, edits or copies evidence, so what a
receiver writes (the evidence ledger queues a snapshot of the cited page) lands with the
evidence or not at all. Arguments: `evidence`, `created` (a new item), `changed` (the fields
an edit changed) and `copied_from` (the item it was copied from, or None).

`shown_evidence` lets a leaf add joins to the query that loads evidence for claim cards and
exports (the ledger adds its archive entry), so a card costs the same number of queries.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db.models import Q, QuerySet
from django.dispatch import Signal

evidence_saved = Signal()

_evidence_joins: list[Callable[[QuerySet], QuerySet]] = []


def join_to_shown_evidence(extend: Callable[[QuerySet], QuerySet]) -> None:
    """Register a leaf's addition to the evidence query (called from its AppConfig.ready)."""
    if extend not in _evidence_joins:
        _evidence_joins.append(extend)


def shown_evidence(queryset: QuerySet) -> QuerySet:
    for extend in _evidence_joins:
        queryset = extend(queryset)
    return queryset


# Filters a leaf adds to the dashboard's lists of work: key -> (label, the claims it lists,
# as a condition on Claim). The ledger adds "look": claims whose cited pages changed.
_claim_filters: dict[str, tuple[str, Callable[[], Q]]] = {}


def add_claim_filter(key: str, label: str, condition: Callable[[], Q]) -> None:
    _claim_filters[key] = (label, condition)


def claim_filters() -> dict[str, tuple[str, Callable[[], Q]]]:
    return dict(_claim_filters)
