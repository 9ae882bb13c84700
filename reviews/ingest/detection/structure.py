"""Tell the parts of a pasted news article apart: headline, body, captions, related links.

Claim proposals must come from the body only: photo captions repeat the body, "Keep reading"
blocks are other articles' headlines, and source lines credit agencies. Offsets index the
given text so that blocks can be highlighted in place.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Literal

from reviews.ingest.detection.furniture import furniture_kind

BlockKind = Literal["headline", "body", "caption", "related", "source_line", "furniture"]

HEADLINE_MAX_WORDS = 40
RELATED_ITEM_MAX_WORDS = 40
CAPTION_MAX_WORDS = 60
CAPTION_TITLE_MAX_WORDS = 15

_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")  # blank lines, also with \r\n or spaces
_LINE = re.compile(r"[^\n]+")
_AGENCIES = (
    r"Reuters|AFP|EFE|AP|AP Photo|dpa|DPA|EPA|EPA-EFE|ANSA|TASS|Xinhua|Getty Images|Getty"
    r"|Bloomberg|Anadolu|Europa Press|Shutterstock|Sputnik|RIA Novosti|Ukrinform|UNIAN"
)
# "(Reuters)", "(AP Photo/Jane Doe)", "(Photo: AFP)", "(Getty Images)" closing a line.
_CREDIT = re.compile(
    rf"\((?:(?:Photo|Foto|Image|Picture|Credit)s?\s*:\s*)?(?:{_AGENCIES})(?:\s*[/|,].{{0,60}})?\)"
    r"\s*$"
)
_SOURCE_LINE = re.compile(
    r"^\(?\s*(?:with (?:additional )?(?:information|reporting|reports|inputs?|agency reports?)"
    r"\s+(?:from|by)\b|(?:additional )?reporting by\b|information from\b|sources?:|"
    r"edited by\b|writing by\b)[^()\n]*\)?\s*$"
    rf"|^\(?\s*(?:{_AGENCIES})(?:\s*(?:and|,|/)\s*(?:{_AGENCIES}))*\s*\)?\s*$",
    re.IGNORECASE,
)
_RELATED_MARKER = re.compile(
    r"^(?:keep reading|read more|read also|also read|related(?: articles| stories| news)?"
    r"|see also|more on this(?: story)?|you may also like|recommended(?: articles)?|more"
    r"|don[’']?t miss|most (?:read|popular|viewed)|trending(?: now)?|top stories"
    r"|latest(?: news)?|editor[’']?s picks|more (?:from|stories|news)[^:]{0,30})\s*(:|$)",
    re.IGNORECASE,
)
_SENTENCE_END_INSIDE = re.compile(r"[.!?][”\"’)]?\s+[A-Z“\"]")


@dataclass(frozen=True, slots=True)
class Block:
    """A run of article text of one kind; text == article[start:end]."""

    kind: BlockKind
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class _Line:
    start: int
    end: int
    text: str
    paragraph: int


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans, cursor = [], 0
    for match in _PARAGRAPH_BREAK.finditer(text):
        spans.append((cursor, match.start()))
        cursor = match.end()
    spans.append((cursor, len(text)))
    return [(start, end) for start, end in spans if text[start:end].strip()]


def _stripped_span(text: str, start: int, end: int) -> tuple[int, int]:
    chunk = text[start:end]
    return start + len(chunk) - len(chunk.lstrip()), end - len(chunk) + len(chunk.rstrip())


def _lines(text: str, paragraphs: list[tuple[int, int]]) -> list[_Line]:
    lines = []
    for number, (para_start, para_end) in enumerate(paragraphs):
        for match in _LINE.finditer(text, para_start, para_end):
            start, end = _stripped_span(text, match.start(), match.end())
            if start < end:
                lines.append(_Line(start, end, text[start:end], number))
    return lines


def _word_count(text: str) -> int:
    return len(text.split())


def is_caption(line: str) -> bool:
    """A short line closed by a photo credit such as "(Reuters)"."""
    return bool(_CREDIT.search(line)) and _word_count(line) <= CAPTION_MAX_WORDS


def is_source_line(line: str) -> bool:
    """ "(With information from EFE and Reuters)" and bare agency credits."""
    return bool(_SOURCE_LINE.match(line.strip()))


def _looks_like_title(line: str) -> bool:
    """Short, no closing full stop: a caption title or a linked headline."""
    stripped = line.rstrip()
    return _word_count(stripped) <= CAPTION_TITLE_MAX_WORDS and not stripped.endswith((".", ":"))


def _classify_lines(lines: list[_Line], may_start_with_headline: bool) -> list[BlockKind]:
    kinds: list[BlockKind] = ["body"] * len(lines)
    title_counts = Counter(line.text for line in lines if _looks_like_title(line.text))
    in_list = False  # after a bare "Keep reading" marker, linked headlines follow
    for index, line in enumerate(lines):
        marker = _RELATED_MARKER.match(line.text)
        if marker:
            # "Read more: <headline>" is one link; a bare marker opens a list of them.
            kinds[index], in_list = "related", not line.text[marker.end() :].strip()
            continue
        if in_list and _is_linked_headline(line.text):
            kinds[index] = "related"
            continue
        in_list = False
        kinds[index] = _classify_single(line.text)
        if kinds[index] == "body" and _looks_like_title(line.text):
            followed_by_caption = index + 1 < len(lines) and is_caption(lines[index + 1].text)
            if followed_by_caption or title_counts[line.text] > 1:
                kinds[index] = "caption"
    _mark_bullet_link_lists(lines, kinds)
    first_is_headline = lines and lines[0].paragraph == 0 and _is_headline(lines[0])
    if may_start_with_headline and first_is_headline and kinds[0] in ("body", "furniture"):
        kinds[0] = "headline"
    return kinds


def _is_linked_headline(line: str) -> bool:
    """A headline in a list of links: short, one sentence at most, no closing full stop."""
    stripped = line.strip()
    return (
        _word_count(stripped) <= RELATED_ITEM_MAX_WORDS
        and not _SENTENCE_END_INSIDE.search(stripped)
        and not stripped.endswith(".")
    )


_BULLET = re.compile(r"^[-•*–]\s+")


def _mark_bullet_link_lists(lines: list[_Line], kinds: list[BlockKind]) -> None:
    """Two or more bulleted title-case lines in a row are links to other stories."""
    run: list[int] = []
    for index, line in enumerate([*lines, None]):
        if line is not None and kinds[index] == "body" and _is_bullet_link(line.text):
            run.append(index)
            continue
        if len(run) >= 2:
            for member in run:
                kinds[member] = "related"
        run = []


def _is_bullet_link(line: str) -> bool:
    if not _BULLET.match(line):
        return False
    title = _BULLET.sub("", line)
    words = [w for w in title.split() if w[:1].isalpha()]
    capitalised = sum(w[0].isupper() for w in words)
    return _is_linked_headline(title) and bool(words) and capitalised / len(words) >= 0.6


def _classify_single(line: str) -> BlockKind:
    if is_source_line(line):
        return "source_line"
    if is_caption(line):
        return "caption"
    return furniture_kind(line) or "body"


def _is_headline(first: _Line) -> bool:
    """Short and not a full prose sentence (a long line ending in a full stop is a lede)."""
    words = _word_count(first.text)
    ends_like_prose = first.text.endswith(".") and words > 15
    return words <= HEADLINE_MAX_WORDS and not ends_like_prose


def structure_text(text: str, *, may_start_with_headline: bool = True) -> list[Block]:
    """Split an article into blocks so that only body text is searched for claims.

    Consecutive body lines of one paragraph form one block; every caption, source and
    headline line is its own block; the related-links block spans its paragraphs.
    A stored article body has its headline apart (Article.title): pass
    may_start_with_headline=False so a short first paragraph stays body text.
    """
    paragraphs = _paragraphs(text)
    lines = _lines(text, paragraphs)
    kinds = _classify_lines(lines, may_start_with_headline)
    blocks: list[Block] = []
    previous: tuple[str, int] | None = None
    for line, kind in zip(lines, kinds, strict=True):
        mergeable = kind == "related" or (kind == "body" and previous == (kind, line.paragraph))
        if blocks and mergeable and blocks[-1].kind == kind:
            last = blocks[-1]
            blocks[-1] = Block(kind, last.start, line.end, text[last.start : line.end])
        else:
            blocks.append(Block(kind, line.start, line.end, line.text))
        previous = (kind, line.paragraph)
    return blocks
