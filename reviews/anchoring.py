"""Where a claim's words are in a new version of its article: quote-plus-context matching.

Pure functions (no database): `reanchor(old, new, anchors)` places each anchor of the old
text in the new one and says how sure it is:

- unchanged: the same words at the same offsets;
- moved: the same words elsewhere (text inserted or deleted before them, paragraphs
  reordered);
- changed: the words were edited; the passage that replaced them is anchored, with a word
  diff, and the claim must be reviewed again;
- not found: no passage can be told to be the claim's, so it stays on the old revision.

A claim inside a paragraph that is in both texts word for word, once, goes where the
paragraph went. Otherwise exact matching comes first. A quote that occurs more than once
is placed only where its context (the characters around it) tells it from the text's
other occurrences. The fuzzy
step aligns the quote's words with each paragraph of the new text (difflib, which ships
with Python and needs no model) and keeps the best passage only when it is clearly better
than the next one and similar enough, or its surrounding words agree. The rule that
matters most: a claim is never moved onto the wrong words, so whenever the evidence is
thin the answer is "not found".
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from reviews.textdiff import word_diff

UNCHANGED = "unchanged"
MOVED = "moved"
CHANGED = "changed"
NOT_FOUND = "not_found"
OUTCOMES = (UNCHANGED, MOVED, CHANGED, NOT_FOUND)

CONTEXT_CHARS = 40  # context kept on each side of an exact quote
MIN_CONTEXT = 8  # characters of context that must single out a repeated quote
CONTEXT_WORDS = 6  # words of context compared around a fuzzy passage
MIN_FUZZY_WORDS = 4  # shorter quotes are placed only when found exactly
ACCEPT_RATIO = 0.8  # a fuzzy passage this similar is taken on its words alone
CONTEXT_RATIO = 0.6  # down to this one, only when its context agrees
MARGIN = 0.15  # the best passage must beat the next best by this much

TOKEN = re.compile(r"\w+|[^\w\s]")
PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")


@dataclass(frozen=True)
class Anchor:
    key: object  # the caller's id for the claim
    start: int
    end: int


@dataclass
class Placement:
    key: object
    outcome: str
    old_start: int
    old_end: int
    start: int | None = None  # in the new text; None when not found
    end: int | None = None
    score: float = 0.0  # similarity of the words, 1.0 for an exact match
    reason: str = ""  # why not found (ambiguous, rewritten, too short…)
    diff: list[tuple[str, str]] = field(default_factory=list)  # word diff when changed


@dataclass(frozen=True)
class Token:
    text: str
    start: int
    end: int


def tokens(text: str, offset: int = 0) -> list[Token]:
    return [
        Token(m.group().lower(), m.start() + offset, m.end() + offset) for m in TOKEN.finditer(text)
    ]


def common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def context_score(old: str, start: int, end: int, new: str, at: int, length: int) -> int:
    """Characters of context shared before and after: the old quote's vs a candidate's."""
    before = common_prefix(
        old[max(0, start - CONTEXT_CHARS) : start][::-1], new[max(0, at - CONTEXT_CHARS) : at][::-1]
    )
    after = common_prefix(
        old[end : end + CONTEXT_CHARS], new[at + length : at + length + CONTEXT_CHARS]
    )
    return before + after


def occurrences(text: str, quote: str) -> list[int]:
    found, at = [], text.find(quote)
    while at != -1:
        found.append(at)
        at = text.find(quote, at + 1)
    return found


def place_exact(old: str, new: str, anchor: Anchor) -> Placement | None:
    """The quote found as it was; None when it is not in the new text (try fuzzy).

    A quote that occurs once in both texts is the claim's. Otherwise a candidate is taken
    only when, of all the old occurrences, its context best fits the claim's own, by a
    clear margin; a repeated quote with no telling context is not found.
    """
    quote = old[anchor.start : anchor.end]
    found = occurrences(new, quote)
    if not found:
        return None
    length = len(quote)
    olds = occurrences(old, quote)
    if len(found) == 1 and len(olds) == 1:
        return exact(anchor, found[0], length)
    best, best_score = None, -1
    for at in found:
        mine = context_score(old, anchor.start, anchor.end, new, at, length)
        others = [
            context_score(old, o, o + length, new, at, length) for o in olds if o != anchor.start
        ]
        if mine >= MIN_CONTEXT and all(mine > other for other in others) and mine > best_score:
            best, best_score = at, mine
    if best is None:
        return Placement(
            anchor.key,
            NOT_FOUND,
            anchor.start,
            anchor.end,
            reason="repeated words, no telling context",
        )
    # Another candidate with the same context fit is as likely: refuse rather than guess.
    rivals = [
        at
        for at in found
        if at != best
        and context_score(old, anchor.start, anchor.end, new, at, length) >= best_score
    ]
    if rivals:
        return Placement(
            anchor.key,
            NOT_FOUND,
            anchor.start,
            anchor.end,
            reason="repeated words, no telling context",
        )
    return exact(anchor, best, length)


def exact(anchor: Anchor, at: int, length: int) -> Placement:
    outcome = UNCHANGED if at == anchor.start else MOVED
    return Placement(anchor.key, outcome, anchor.start, anchor.end, at, at + length, 1.0)


def paragraphs(text: str) -> list[tuple[int, int]]:
    spans, position = [], 0
    for match in PARAGRAPH_BREAK.finditer(text):
        if match.start() > position:
            spans.append((position, match.start()))
        position = match.end()
    if position < len(text):
        spans.append((position, len(text)))
    return spans


@dataclass
class Passage:
    start: int  # token indexes into the paragraph's tokens
    end: int
    ratio: float


def best_passage(quote: list[str], words: list[str]) -> Passage | None:
    """The stretch of `words` that the quote's words align with, or None."""
    matcher = SequenceMatcher(None, quote, words, autojunk=False)
    blocks = [b for b in matcher.get_matching_blocks() if b.size]
    if sum(b.size for b in blocks) < len(quote) / 2:
        return None
    # Drop stray short matches at either end (a "the" three sentences away).
    while (
        len(blocks) > 1
        and blocks[0].size <= 2
        and (
            blocks[1].b - blocks[0].b - blocks[0].size
            > blocks[1].a - blocks[0].a - blocks[0].size + 3
        )
    ):
        blocks.pop(0)
    while (
        len(blocks) > 1
        and blocks[-1].size <= 2
        and (
            blocks[-1].b - blocks[-2].b - blocks[-2].size
            > blocks[-1].a - blocks[-2].a - blocks[-2].size + 3
        )
    ):
        blocks.pop()
    first, last = blocks[0], blocks[-1]
    # Words replaced at the quote's edges are part of the passage too.
    start = max(0, first.b - first.a)
    end = min(len(words), last.b + last.size + (len(quote) - last.a - last.size))
    ratio = SequenceMatcher(None, quote, words[start:end], autojunk=False).ratio()
    return Passage(start, end, ratio)


def context_agrees(old: str, anchor: Anchor, new: str, start: int, end: int) -> bool:
    """The words just before or just after the passage are mostly the old quote's."""
    old_before = [t.text for t in tokens(old[: anchor.start])][-CONTEXT_WORDS:]
    old_after = [t.text for t in tokens(old[anchor.end :])][:CONTEXT_WORDS]
    new_before = [t.text for t in tokens(new[:start])][-CONTEXT_WORDS:]
    new_after = [t.text for t in tokens(new[end:])][:CONTEXT_WORDS]

    def similar(a: list[str], b: list[str]) -> bool:
        return len(a) >= 2 and SequenceMatcher(None, a, b, autojunk=False).ratio() >= 0.5

    return similar(old_before, new_before) or similar(old_after, new_after)


def place_fuzzy(old: str, new: str, anchor: Anchor, regions: list[tuple[int, int]]) -> Placement:
    quote_tokens = tokens(old[anchor.start : anchor.end])
    quote = [t.text for t in quote_tokens]
    missing = Placement(anchor.key, NOT_FOUND, anchor.start, anchor.end)
    if len([w for w in quote if w[0].isalnum()]) < MIN_FUZZY_WORDS:
        missing.reason = "too short to find once edited"
        return missing
    if "\n\n" in old[anchor.start : anchor.end]:
        regions = [(0, len(new))]
    scored = []
    for region_start, region_end in regions:
        region_tokens = tokens(new[region_start:region_end], region_start)
        passage = best_passage(quote, [t.text for t in region_tokens])
        if passage and passage.end > passage.start:
            scored.append(
                (
                    passage.ratio,
                    region_tokens[passage.start].start,
                    region_tokens[passage.end - 1].end,
                )
            )
    scored.sort(reverse=True)
    if not scored or scored[0][0] < CONTEXT_RATIO:
        missing.reason = "no similar passage"
        return missing
    ratio, start, end = scored[0]
    if len(scored) > 1 and scored[1][0] > ratio - MARGIN:
        missing.reason = "several similar passages"
        return missing
    if ratio < ACCEPT_RATIO and not context_agrees(old, anchor, new, start, end):
        missing.reason = "similar passage in another context"
        return missing
    if explained_elsewhere(old, anchor, new[start:end], ratio):
        missing.reason = "the similar passage was already in the old text"
        return missing
    new_words = [t.text for t in tokens(new[start:end])]
    outcome = CHANGED
    if new_words == quote:  # only white space differs: the same words
        outcome = UNCHANGED if (start, end) == (anchor.start, anchor.end) else MOVED
    return Placement(
        anchor.key,
        outcome,
        anchor.start,
        anchor.end,
        start,
        end,
        round(ratio, 3),
        diff=word_diff(old[anchor.start : anchor.end], new[start:end])
        if outcome == CHANGED
        else [],
    )


def explained_elsewhere(old: str, anchor: Anchor, passage: str, ratio: float) -> bool:
    """The new passage is as like another passage of the old text as it is like the quote:
    it is that other passage (an article often says a thing twice), not the edited claim."""
    words = [t.text for t in tokens(passage)]
    for region_start, region_end in paragraphs(old):
        region_tokens = tokens(old[region_start:region_end], region_start)
        found = best_passage(words, [t.text for t in region_tokens])
        if not found or found.end <= found.start:
            continue
        start, end = region_tokens[found.start].start, region_tokens[found.end - 1].end
        if end > anchor.start and start < anchor.end:
            continue  # the claim's own words
        if found.ratio >= ratio - 0.05:
            return True
    return False


class KeptParagraphs:
    """Paragraphs found once, word for word, in both texts: a claim inside one is where the
    paragraph went, with no search (a long article's claims are mostly in these)."""

    def __init__(self, old: str, new: str, new_paragraphs: list[tuple[int, int]]):
        self.old_paragraphs = paragraphs(old)
        self.starts = [start for start, _ in self.old_paragraphs]
        old_count = Counter(old[s:e] for s, e in self.old_paragraphs)
        new_starts: dict[str, list[int]] = {}
        for start, end in new_paragraphs:
            new_starts.setdefault(new[start:end], []).append(start)
        self.moved_to = {
            text: found[0]
            for text, found in new_starts.items()
            if len(found) == 1 and old_count[text] == 1
        }
        self.old = old

    def place(self, anchor: Anchor) -> Placement | None:
        i = bisect_right(self.starts, anchor.start) - 1
        if i < 0:
            return None
        start, end = self.old_paragraphs[i]
        if anchor.end > end:
            return None
        new_start = self.moved_to.get(self.old[start:end])
        if new_start is None:
            return None
        return exact(anchor, anchor.start - start + new_start, anchor.end - anchor.start)


def reanchor(old: str, new: str, anchors: list[Anchor]) -> list[Placement]:
    """Each anchor of `old` placed in `new` (same order as given)."""
    regions = paragraphs(new)
    kept = KeptParagraphs(old, new, regions)
    placed = []
    for anchor in anchors:
        if not 0 <= anchor.start < anchor.end <= len(old):
            placed.append(
                Placement(
                    anchor.key, NOT_FOUND, anchor.start, anchor.end, reason="outside the old text"
                )
            )
            continue
        placed.append(
            kept.place(anchor)
            or place_exact(old, new, anchor)
            or place_fuzzy(old, new, anchor, regions)
        )
    return placed


def summary(placements: list[Placement]) -> dict[str, int]:
    counts = dict.fromkeys(OUTCOMES, 0)
    for placement in placements:
        counts[placement.outcome] += 1
    return counts
