"""Repair words that scraping glued together ("territoryassured" -> "territory assured").

Scrapers drop the space where an inline element (a link, a name in bold) ended, so the
last word of the element runs into the next one. We only split a token when the glued form
is absent from a large English frequency list (wordfreq) and both halves are known words, so
ordinary rare words and names ("Belgorod", "counteroffensive") are left alone. The frequency
list is a maintained corpus rather than a hand-made dictionary, so coverage grows with it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from wordfreq import get_frequency_dict

# Zipf scale: 7 is "the", 3 is a word seen once per million words, 0 is absent.
FUNCTION_WORD_ZIPF = 5.5  # "the", "and", "who", "a" and similar glue-prone words
CONTENT_WORD_ZIPF = 3.0  # both halves common enough to trust a split of two content words
RARE_NAME_ZIPF = 1.0  # a name such as "Kapustin" glued to a function word
SHORT_TAIL_LEFT_ZIPF = 3.5  # "House" + "a": a one- or two-letter tail needs a common head
GLUED_TYPO_MAX_ZIPF = 3.5  # web typos like "ofthe" are in the list, but rarely
GLUED_TYPO_PART_ZIPF = 6.0  # ... and are made of two very frequent words

_WORD = re.compile(r"(?<![\w'’-])[^\W\d_]{4,}(?![\w'’-])")
_URL_OR_EMAIL = re.compile(r"\S*(?:://|www\.|@)\S*")
_CAMEL = re.compile(r"^([^\W\d_]?[a-z]+)([A-Z][a-z]+)$")


@dataclass(frozen=True, slots=True)
class GlueFix:
    """One glued token and the spaced form we propose; offsets index the scanned text."""

    start: int
    end: int
    original: str
    replacement: str


@cache
def _zipf_table() -> dict[str, float]:
    """Zipf frequency per lower-cased word; loaded once (about 0.3 s) and kept."""
    import math

    return {word: math.log10(freq) + 9 for word, freq in get_frequency_dict("en", "large").items()}


def zipf(word: str) -> float:
    """Zipf frequency of a word (0.0 when the word is unknown)."""
    return _zipf_table().get(word.lower(), 0.0)


def _is_plausible_split(left: str, right: str) -> bool:
    left_zipf, right_zipf = zipf(left), zipf(right)
    if not left_zipf or not right_zipf or len(left) < 2:
        return False
    if len(right) <= 2:
        return right_zipf >= FUNCTION_WORD_ZIPF and left_zipf >= SHORT_TAIL_LEFT_ZIPF
    if min(left_zipf, right_zipf) >= CONTENT_WORD_ZIPF and len(left) >= 3:
        return True
    if right_zipf >= FUNCTION_WORD_ZIPF and left_zipf >= RARE_NAME_ZIPF and len(left) >= 3:
        return True
    return left_zipf >= FUNCTION_WORD_ZIPF and right_zipf >= RARE_NAME_ZIPF and len(left) >= 2


def split_glued_word(word: str) -> tuple[str, str] | None:
    """Return the two words a glued token is made of, or None when it looks like one word."""
    if word.isupper():
        return None  # acronyms and shouting are never glue
    camel = _CAMEL.match(word)
    if camel and not zipf(word) and zipf(camel[1]) and zipf(camel[2]) and len(camel[1]) >= 2:
        return camel[1], camel[2]
    whole_zipf = zipf(word)
    if whole_zipf:
        return _split_frequent_typo(word, whole_zipf)
    best: tuple[float, str, str] | None = None
    for cut in range(2, len(word)):
        left, right = word[:cut], word[cut:]
        if _is_plausible_split(left, right):
            score = zipf(left) + zipf(right)
            if best is None or score > best[0]:
                best = (score, left, right)
    return None if best is None else (best[1], best[2])


def _split_frequent_typo(word: str, whole_zipf: float) -> tuple[str, str] | None:
    """'ofthe' is in the web corpus as a typo; split only two very frequent words."""
    if whole_zipf >= GLUED_TYPO_MAX_ZIPF:
        return None
    for cut in range(1, len(word)):
        left, right = word[:cut], word[cut:]
        if min(zipf(left), zipf(right)) >= GLUED_TYPO_PART_ZIPF and len(right) >= 2:
            return left, right
    return None


def find_glued_words(text: str) -> list[GlueFix]:
    """Find glued tokens in `text` so an editor (or the importer) can approve the fixes."""
    skipped = [match.span() for match in _URL_OR_EMAIL.finditer(text)]
    fixes = []
    for match in _WORD.finditer(text):
        if any(start <= match.start() < end for start, end in skipped):
            continue
        parts = split_glued_word(match[0])
        if parts:
            fixes.append(GlueFix(match.start(), match.end(), match[0], " ".join(parts)))
    return fixes


def apply_fixes(text: str, fixes: list[GlueFix]) -> str:
    """Return `text` with the fixes applied; fixes must not overlap (as found)."""
    pieces, cursor = [], 0
    for fix in sorted(fixes, key=lambda fix: fix.start):
        if text[fix.start : fix.end] != fix.original:
            raise ValueError(f"fix {fix.original!r} does not match the text at {fix.start}")
        pieces += [text[cursor : fix.start], fix.replacement]
        cursor = fix.end
    pieces.append(text[cursor:])
    return "".join(pieces)


def repair_text(text: str) -> str:
    """Shortcut: the text with every glued word split."""
    return apply_fixes(text, find_glued_words(text))
