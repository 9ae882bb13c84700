"""Sentence spans with exact offsets, so a proposed claim can be highlighted in place.

pysbd handles quotes ("... good. Very good." He left.) and abbreviations (Dr., U.S., p.m.)
but its run time grows faster than linearly with input length, so we segment one paragraph
at a time, and long paragraphs (text pasted without blank lines) in overlapping windows.
Each segment is mapped back onto the original text (pysbd may normalise whitespace).

pysbd has rules for 23 languages (es, ru, nl, ar among them); a language it lacks is split
with the rules of a close one that shares its script and abbreviations (Ukrainian with
Russian, Portuguese with Spanish), and anything else with the English rules, which break
only at . ! ? followed by a space and so suit any alphabetic script.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pysbd
from pysbd.languages import LANGUAGE_CODES

_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")  # blank lines, also with \r\n or spaces
WINDOW_CHARS = 3000  # pysbd is quick up to a few thousand characters
CLOSE_LANGUAGE = {"uk": "ru", "be": "ru", "pt": "es", "ca": "es", "gl": "es", "sv": "da"}
CLOSE_LANGUAGE |= {"nb": "da", "no": "da", "cs": "sk", "sr": "bg", "mk": "bg", "af": "nl"}


def segmenter_language(language: str) -> str:
    """The pysbd rules used for a BCP 47 code: its own, a close language's, or English."""
    base = (language or "en").split("-")[0].lower()
    if base in LANGUAGE_CODES:
        return base
    return CLOSE_LANGUAGE.get(base, "en")


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


def _segment(paragraph: str, language: str) -> list[tuple[int, int]]:
    segmenter = pysbd.Segmenter(language=language, clean=False)  # cheap; not thread-safe to share
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
        if spans and language != "en" and _continues(paragraph, spans[-1], located):
            spans[-1] = (spans[-1][0], located[1])  # "Sr. | García", "т.е. | всё": one sentence
        else:
            spans.append(located)
        cursor = located[1]
    return spans


# Titles and abbreviations that pysbd's rules for these languages end sentences at.
_TITLE_BEFORE_NAME = re.compile(
    r"(?:^|\s)(?:Sr|Sra|Srta|Dr|Dra|Lic|Ing|Gral|Sres|Dña|Dª|г-н|г-жа|тов|проф|акад|ген"
    r"|м|г|ул|вул|пан|пані|св)\.$",
    re.IGNORECASE,
)


def _continues(paragraph: str, previous: tuple[int, int], current: tuple[int, int]) -> bool:
    """The segment carries on the previous one: it starts in lower case, or the previous
    one ended at a title or an abbreviation that stands before a name."""
    first = paragraph[current[0] : current[0] + 1]
    return first.islower() or bool(_TITLE_BEFORE_NAME.search(paragraph[previous[0] : previous[1]]))


def _split_paragraph(paragraph: str, language: str) -> list[tuple[int, int]]:
    """Segment in windows; the last sentence of a window is redone at the next window's start,
    so every boundary pysbd keeps was decided with the full sentence in view."""
    spans: list[tuple[int, int]] = []
    base = 0
    while base < len(paragraph):
        window_end = base + WINDOW_CHARS
        if window_end >= len(paragraph):
            return spans + [
                (base + start, base + end) for start, end in _segment(paragraph[base:], language)
            ]
        next_space = re.compile(r"\s").search(paragraph, window_end)
        window_end = next_space.start() if next_space else len(paragraph)
        window = _segment(paragraph[base:window_end], language)
        if not window:
            base = window_end
            continue
        complete = window[:-1] or window  # a single overlong sentence is cut at the window
        spans += [(base + start, base + end) for start, end in complete]
        base += complete[-1][1] if len(window) == 1 else window[-1][0]
    return spans


def split_sentences(text: str, *, offset: int = 0, language: str = "en") -> list[Span]:
    """Sentences of `text`; add `offset` when `text` is a block cut from a longer article."""
    rules = segmenter_language(language)
    spans, cursor = [], 0
    for match in [*_PARAGRAPH_BREAK.finditer(text), None]:
        para_end = match.start() if match else len(text)
        paragraph = text[cursor:para_end]
        if paragraph.strip():
            for start, end in _split_paragraph(paragraph, rules):
                spans.append(
                    Span(offset + cursor + start, offset + cursor + end, paragraph[start:end])
                )
        cursor = match.end() if match else len(text)
    return spans
