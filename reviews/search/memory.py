"""Evidence from the desk's memory: what was cited for similar claims ("checked before?"),
offered on a claim's card to be copied in one click (with its archived copy)."""

from __future__ import annotations

from dataclasses import dataclass

from reviews.models import Claim, Evidence
from reviews.search.matching import similar_claims

SHOWN = 6


@dataclass
class Suggestion:
    evidence: Evidence
    claim: Claim  # the similar claim it was cited for
    percent: int


def suggestions(claim: Claim, limit: int = SHOWN) -> list[Suggestion]:
    """Evidence on similar claims, best match first, one per link and excerpt, leaving out
    what this claim already cites."""
    have = {
        (url, excerpt)
        for url, excerpt in Evidence.objects.current()
        .filter(claim=claim)
        .values_list("url", "excerpt")
    }
    found: list[Suggestion] = []
    for match in similar_claims(claim):
        for item in match.claim.current_evidence:
            key = (item.url, item.excerpt)
            if key in have:
                continue
            have.add(key)
            found.append(Suggestion(item, match.claim, match.percent))
            if len(found) == limit:
                return found
    return found
