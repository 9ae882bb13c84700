"""Repair words that scraping glued together ("territoryassured" -> "territory assured").

Scrapers drop the space where an inline element (a link, a name in bold) ended, so the
last word of the element runs into the next one. A wrong repair corrupts a name, so we
prefer to miss one: a token is split only when

- it is absent from a large English frequency list (wordfreq) and from the lists of the
  other common languages of the news (a German or Portuguese word is not glue);
- both halves are known English words;
- and, when it starts with a capital (a name: "Hillicon", "Marybel", "SunExpress"), the
  second half is a very frequent function word ("Rexthe", "Gileswho", "Housea"), or the
  capital comes after a lower-case word that ended a sentence ("borderThe").

The frequency lists are a maintained corpus rather than hand-made dictionaries.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from wordfreq import get_frequency_dict, zipf_frequency

# Zipf scale: 7 is "the", 3 is a word seen once per million words, 0 is absent.
FUNCTION_WORD_ZIPF = 6.0  # "the", "and", "who", "a" and similar glue-prone words
CONTENT_WORD_ZIPF = 3.0  # both halves common enough to trust a split of two content words
RARE_NAME_ZIPF = 1.0  # a name such as "Kapustin" glued to a function word
SHORT_TAIL_LEFT_ZIPF = 3.5  # "House" + "a": a one- or two-letter tail needs a common head
GLUED_TYPO_MAX_ZIPF = 3.5  # web typos like "ofthe" are in the list, but rarely
GLUED_TYPO_PART_ZIPF = 6.0  # ... and are made of two very frequent words

PREFIXES = {
    "multi", "inter", "intra", "super", "micro", "macro", "hyper", "ultra", "under", "over",
    "counter", "cyber", "mega", "mini", "semi", "pseudo", "trans", "anti", "post", "pre",
    "non", "sub", "out", "self", "tele", "photo", "auto", "bio", "geo", "eco", "neo",
}  # fmt: skip
# Latin-script languages whose words turn up in imported pages; a word known in any of them
# is never split as English glue.
OTHER_LANGUAGES = ("de", "fr", "es", "pt", "it", "nl", "sv", "da", "nb", "pl", "cs", "ro", "tr")

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
    # Two content words: both long, and the first not a prefix ("multi planetary") nor the
    # pair a compound of the trade ("small caps"): a wrong split corrupts a quote.
    long_pair = min(len(left), len(right)) >= 5 and left.lower() not in PREFIXES
    if min(left_zipf, right_zipf) >= CONTENT_WORD_ZIPF and long_pair:
        return True
    if right_zipf >= FUNCTION_WORD_ZIPF and left_zipf >= RARE_NAME_ZIPF and len(left) >= 3:
        return True
    return left_zipf >= FUNCTION_WORD_ZIPF and right_zipf >= RARE_NAME_ZIPF and len(left) >= 2


@cache
def zipf_elsewhere(word: str) -> float:
    """The word's highest Zipf frequency in the other languages (0.0 when none knows it)."""
    lower = word.lower()
    return max(zipf_frequency(lower, language, wordlist="best") for language in OTHER_LANGUAGES)


def split_glued_word(word: str) -> tuple[str, str] | None:
    """Return the two words a glued token is made of, or None when it looks like one word."""
    if word.isupper():
        return None  # acronyms and shouting are never glue
    whole_zipf = zipf(word)
    if whole_zipf:
        return _split_frequent_typo(word, whole_zipf)
    if zipf_elsewhere(word):
        return None
    camel = _CAMEL.match(word)
    if camel:
        left, right = camel[1], camel[2]
        sentence_break = left[0].islower()  # "borderThe": a sentence end, then a new one
        known = zipf(left) and zipf(right) and len(left) >= 2
        if known and (sentence_break or zipf(right) >= FUNCTION_WORD_ZIPF):
            return left, right
        return None
    is_name = word[0].isupper()
    best: tuple[float, str, str] | None = None
    for cut in range(2, len(word)):
        left, right = word[:cut], word[cut:]
        if is_name and zipf(right) < FUNCTION_WORD_ZIPF:
            continue  # a capitalised unknown word is a name unless a function word follows
        if _is_plausible_split(left, right):
            score = zipf(left) + zipf(right)
            if best is None or score > best[0]:
                best = (score, left, right)
    return None if best is None else (best[1], best[2])


def _split_frequent_typo(word: str, whole_zipf: float) -> tuple[str, str] | None:
    """'ofthe' is in the web corpus as a typo; split only two very frequent words, and
    never a real word of another language ("dois", Portuguese for two, is not "do is")."""
    if whole_zipf >= GLUED_TYPO_MAX_ZIPF or zipf_elsewhere(word) >= GLUED_TYPO_MAX_ZIPF - 1:
        return None
    for cut in range(1, len(word)):
        left, right = word[:cut], word[cut:]
        if min(zipf(left), zipf(right)) >= GLUED_TYPO_PART_ZIPF and len(right) >= 2:
            return left, right
    return None


def find_glued_words(text: str, *, language: str = "en") -> list[GlueFix]:
    """Find glued tokens in `text` so an editor (or the importer) can approve the fixes.

    Only English text is searched (and text whose language is not known, ""): the word
    lists say what an English word is, and a Spanish or Ukrainian word is not glue."""
    if (language or "en").split("-")[0].lower() != "en":
        return []
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


def repair_text(text: str, *, language: str = "en") -> str:
    """Shortcut: the text with every glued word split."""
    return apply_fixes(text, find_glued_words(text, language=language))
