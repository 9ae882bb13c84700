"""Where an evidence's quoted excerpt is in a page's text: exactly, about, or not at all.

Words are compared, not characters, so quotes, dashes, case and line breaks do not count
("The 'bridge' cost" finds “the bridge cost”). Exact: the excerpt's words in a row. About:
the best window of about as many words, found by counting the excerpt's words in a sliding
window (one pass over the page), then scored with difflib on the few best windows; at
least FUZZY_RATIO of the words in order, a word's first STEM letters standing for it, and
every figure of the excerpt among them (12.4 for 13.4 is not a small difference).
The passage returned is the page's own words.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

WORD = re.compile(r"[^\W_]+")  # apostrophes split words alike in the excerpt and the page
FUZZY_RATIO = 0.8
STEM = 6
MIN_WORDS = 3  # fewer words are found anywhere; only an exact match counts then
ELLIPSIS = re.compile(r"\.\.\.|…|\[\s*\.\.\.\s*\]")


@dataclass
class Match:
    kind: str  # "exact", "fuzzy" or "missing"
    start: int | None = None
    end: int | None = None
    ratio: float = 0.0


def words(text: str) -> list[tuple[str, int, int]]:
    return [(m.group().casefold(), m.start(), m.end()) for m in WORD.finditer(text)]


def locate(excerpt: str, text: str) -> Match:
    wanted = [w for w, _, _ in words(excerpt)]
    page = words(text)
    if not wanted or not page:
        return Match("missing")
    tokens = [w for w, _, _ in page]
    exact = find_run(wanted, tokens)
    if exact is not None:
        return Match("exact", page[exact][1], page[exact + len(wanted) - 1][2], 1.0)
    if ELLIPSIS.search(excerpt):  # "A … B": both parts, in order, count as found
        parts = [p for p in ELLIPSIS.split(excerpt) if words(p)]
        found = [locate(part, text) for part in parts]
        if found and all(m.kind == "exact" for m in found) and ordered(found):
            return Match("fuzzy", found[0].start, found[-1].end, 0.9)
    if len(wanted) < MIN_WORDS:
        return Match("missing")
    # About: words compared by their first letters, so inflections differ little.
    return fuzzy([stem(w) for w in wanted], page, [stem(t) for t in tokens])


def stem(word: str) -> str:
    return word[:STEM]


def ordered(found: list[Match]) -> bool:
    return all(a.end <= b.start for a, b in zip(found, found[1:], strict=False))


def find_run(wanted: list[str], tokens: list[str]) -> int | None:
    """Index of the first token where `wanted` occurs as a run, or None."""
    first, size = wanted[0], len(wanted)
    for index, token in enumerate(tokens):
        if token == first and tokens[index : index + size] == wanted:
            return index
    return None


def fuzzy(wanted: list[str], page: list[tuple[str, int, int]], tokens: list[str]) -> Match:
    size, vocabulary = len(wanted), set(wanted)
    hits = [1 if token in vocabulary else 0 for token in tokens]
    window = sum(hits[:size])
    scores = [(window, 0)]
    for start in range(1, max(len(tokens) - size + 1, 1)):
        window += hits[start + size - 1] - hits[start - 1]
        scores.append((window, start))
    best = Match("missing")
    numbers = {w for w in wanted if any(c.isdigit() for c in w)}
    matcher = difflib.SequenceMatcher(autojunk=False)
    matcher.set_seq2(wanted)
    for count, start in sorted(scores, reverse=True)[:5]:
        if count < size * FUZZY_RATIO * 0.75:
            break
        slack = min(max(2, size // 10), 6)
        for begin in range(max(start - slack, 0), start + slack + 1):
            for length in range(max(size - slack, 1), size + slack + 1):
                piece = tokens[begin : begin + length]
                if not piece or not numbers <= set(piece):
                    continue  # a changed figure is another statement, not a small difference
                matcher.set_seq1(piece)
                ratio = matcher.ratio()
                if ratio > best.ratio:
                    last = min(begin + length, len(page)) - 1
                    best = Match("fuzzy", page[begin][1], page[last][2], ratio)
    if best.ratio < FUZZY_RATIO:
        return Match("missing", ratio=best.ratio)
    return best
