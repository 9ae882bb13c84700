"""Sentence spans with exact offsets, so a proposed claim can be highlighted in place.

pysbd handles quotes ("... good. Very good." He left.) and abbreviations (Dr., U.S., p.m.)
but its run time grows faster than linearly with input length, so we segment one paragraph
at a time, and long paragraphs (text pasted without blank lines) in overlapping windows.
Each segment is mapped back onto the original text (pysbd may normalise whitespace).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pysbd

_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")  # blank lines, also with \r\n or spaces
WINDOW_CHARS = 3000  # pysbd is quick up to a few thousand characters


@dataclass(frozen=True, slots=True)
class Span:
    """A stripped sentence; text == source[start:end]."""

    start: int
    end: int
    text: str


def _locate(paragraph: str, segment: str, cursor: int) -> tuple[int, int] | None:
    """Where `segment` (already stripped) sits in `paragraph` at or after `cursor`."""
    found = paragraph.find(segment, cursor)
    if found >= 0:
        return found, found + len(segment)
    # pysbd rewrote whitespace: match the same non-space characters with any spacing.
    pattern = r"\s*".join(re.escape(char) for char in segment if not char.isspace())
    match = re.compile(pattern).search(paragraph, cursor)
    return match.span() if match else None


def _segment(paragraph: str) -> list[tuple[int, int]]:
    segmenter = pysbd.Segmenter(language="en", clean=False)  # cheap; not thread-safe to share
    spans, cursor = [], 0
    for segment in segmenter.segment(paragraph):
        stripped = segment.strip()
        if not stripped:
            continue
        located = _locate(paragraph, stripped, cursor)
        if located is None:  # never seen; keep the rest as one sentence rather than lose it
            rest = paragraph[cursor:]
            lead = len(rest) - len(rest.lstrip())
            return [*spans, (cursor + lead, cursor + len(rest.rstrip()))]
        spans.append(located)
        cursor = located[1]
    return spans


def _split_paragraph(paragraph: str) -> list[tuple[int, int]]:
    """Segment in windows; the last sentence of a window is redone at the next window's start,
    so every boundary pysbd keeps was decided with the full sentence in view."""
    spans: list[tuple[int, int]] = []
    base = 0
    while base < len(paragraph):
        window_end = base + WINDOW_CHARS
        if window_end >= len(paragraph):
            return spans + [(base + start, base + end) for start, end in _segment(paragraph[base:])]
        next_space = re.compile(r"\s").search(paragraph, window_end)
        window_end = next_space.start() if next_space else len(paragraph)
        window = _segment(paragraph[base:window_end])
        if not window:
            base = window_end
            continue
        complete = window[:-1] or window  # a single overlong sentence is cut at the window
        spans += [(base + start, base + end) for start, end in complete]
        base += complete[-1][1] if len(window) == 1 else window[-1][0]
    return spans


def split_sentences(text: str, *, offset: int = 0) -> list[Span]:
    """Sentences of `text`; add `offset` when `text` is a block cut from a longer article."""
    spans, cursor = [], 0
    for match in [*_PARAGRAPH_BREAK.finditer(text), None]:
        para_end = match.start() if match else len(text)
        paragraph = text[cursor:para_end]
        if paragraph.strip():
            for start, end in _split_paragraph(paragraph):
                spans.append(
                    Span(offset + cursor + start, offset + cursor + end, paragraph[start:end])
                )
        cursor = match.end() if match else len(text)
    return spans
