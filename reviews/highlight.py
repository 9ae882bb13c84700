"""Split an article body into paragraphs of highlight segments.

Claims may overlap or nest, so each paragraph is cut at every claim boundary inside it;
each piece knows which claims cover it and the innermost one decides its colour.
Paragraph boundaries never move (the body is immutable once claims exist), so a
paragraph's id is stable and a change to one claim re-renders just its paragraphs.
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
    def claim(self):
        """The innermost covering claim, which decides the colour."""
        return min(self.claims, key=lambda c: (c.end - c.start, c.start)) if self.claims else None

    @property
    def ends_claims(self) -> list:
        """Claims that end with this piece: their number badge goes right after it."""
        return [c for c in self.claims if c.end == self.end]


@dataclass
class Paragraph:
    start: int
    end: int
    kind: str = "body"
    segments: list[Segment] = field(default_factory=list)

    @property
    def dom_id(self) -> str:
        return f"para-{self.start}"


def paragraph_spans(body: str) -> list[tuple[int, int]]:
    spans, position = [], 0
    for match in PARAGRAPH_BREAK.finditer(body):
        if match.start() > position:
            spans.append((position, match.start()))
        position = match.end()
    if position < len(body):
        spans.append((position, len(body)))
    return spans


def block_kind_at(blocks: list[dict], position: int) -> str:
    """The structure kind (body, caption, related...) of the block holding a position."""
    for block in blocks:
        if block["start"] <= position < block["end"]:
            return block["kind"]
    return "body"


def highlight_paragraphs(
    body: str,
    claims: list[Span],
    blocks: list[dict] | None = None,
    spans: list[tuple[int, int]] | None = None,
) -> list[Paragraph]:
    """Paragraphs (all, or the given spans) with their segments."""
    paragraphs, active, following = [], [], 0
    ordered = sorted(claims, key=lambda c: (c.start, c.end))
    for p_start, p_end in paragraph_spans(body) if spans is None else spans:
        # One sweep over the claims in reading order: the ones still open plus those starting
        # before this paragraph's end, so a 2 MB article costs O(paragraphs + claims).
        while following < len(ordered) and ordered[following].start < p_end:
            active.append(ordered[following])
            following += 1
        inside = active = [c for c in active if c.end > p_start]
        cuts = {p_start, p_end}
        for claim in inside:
            cuts.update(b for b in (claim.start, claim.end) if p_start < b < p_end)
        segments = [
            Segment(a, b, body[a:b], [c for c in inside if c.start <= a and c.end >= b])
            for a, b in pairwise(sorted(cuts))
        ]
        kind = block_kind_at(blocks or [], p_start)
        paragraphs.append(Paragraph(p_start, p_end, kind, segments))
    return paragraphs


def paragraphs_of_claims(
    body: str, claims: list[Span], targets: list[Span], blocks: list[dict] | None = None
) -> list[Paragraph]:
    """The paragraphs touched by any target claim: what a change to those claims redraws."""
    spans = [
        (start, end)
        for start, end in paragraph_spans(body)
        if any(start < t.end and end > t.start for t in targets)
    ]
    return highlight_paragraphs(body, claims, blocks, spans) if spans else []


def paragraph_window(
    body: str, claims: list[Span], blocks: list[dict] | None, start: int, size: int
) -> tuple[list[Paragraph], int | None]:
    """The paragraphs from offset `start` until about `size` characters, highlighted, and
    where the next window starts (None at the end): a long article's text comes in parts."""
    taken, total, following = [], 0, None
    for p_start, p_end in paragraph_spans(body):
        if p_start < start:
            continue
        if taken and total >= size:
            following = p_start
            break
        taken.append((p_start, p_end))
        total += p_end - p_start
    if not taken:
        return [], None
    low, high = taken[0][0], taken[-1][1]
    inside = [c for c in claims if c.start < high and c.end > low]
    return highlight_paragraphs(body, inside, blocks, taken), following
