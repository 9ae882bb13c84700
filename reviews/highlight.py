"""Split an article body into paragraphs of highlight segments.

Claims may overlap or nest, so the body is cut at every claim boundary (and at
paragraph breaks); each piece knows which claims cover it. The innermost claim
decides the piece's colour, and each piece has a stable id so a verdict change
can re-render just the pieces of one claim.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Protocol

PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")


class Span(Protocol):
    start: int
    end: int


@dataclass
class Segment:
    start: int
    end: int
    text: str
    claims: list = field(default_factory=list)

    @property
    def dom_id(self) -> str:
        return f"seg-{self.start}-{self.end}"

    @property
    def claim(self):
        """The innermost covering claim, which decides the colour."""
        return min(self.claims, key=lambda c: (c.end - c.start, c.start)) if self.claims else None

    @property
    def ends_claims(self) -> list:
        """Claims that end with this piece: their number badge goes right after it."""
        return [c for c in self.claims if c.end == self.end]


def paragraph_spans(body: str) -> list[tuple[int, int]]:
    spans, position = [], 0
    for match in PARAGRAPH_BREAK.finditer(body):
        if match.start() > position:
            spans.append((position, match.start()))
        position = match.end()
    if position < len(body):
        spans.append((position, len(body)))
    return spans


def highlight_paragraphs(body: str, claims: list[Span]) -> list[list[Segment]]:
    """Paragraphs as lists of segments; claims are visited once per boundary."""
    bounds = {0, len(body)}
    for claim in claims:
        bounds.update((claim.start, claim.end))
    paragraphs = []
    ordered = sorted(claims, key=lambda c: c.start)
    for p_start, p_end in paragraph_spans(body):
        cuts = sorted({p_start, p_end} | {b for b in bounds if p_start < b < p_end})
        segments = []
        for a, b in pairwise(cuts):
            covering = [c for c in ordered if c.start <= a and c.end >= b]
            segments.append(Segment(a, b, body[a:b], covering))
        paragraphs.append(segments)
    return paragraphs


def segments_of_claims(body: str, claims: list[Span], targets: list[Span]) -> list[Segment]:
    """The segments covered by any of the target claims: what a verdict change recolours."""
    return [
        segment
        for paragraph in highlight_paragraphs(body, claims)
        for segment in paragraph
        if any(segment.start < t.end and segment.end > t.start for t in targets)
    ]
