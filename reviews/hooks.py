"""Where leaves plug into the core's queries without the core importing them (what the core
announces to leaves is in reviews/signals.py).

`shown_evidence` lets a leaf add joins to the query that loads evidence for claim cards and
exports (the ledger adds its archive entry), so a card costs the same number of queries.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db.models import Q, QuerySet

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
