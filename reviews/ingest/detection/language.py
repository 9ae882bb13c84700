"""The language of an article, as a BCP 47 code ("es", "ru", "uk"; "" when unsure).

py3langid (a maintained fork of langid.py; its model ships inside the wheel, nothing is
downloaded) scores each paragraph; the article's language is the one that holds most of
the body's letters, so a quote or a paragraph in another language does not decide it.
The model is read once per process (about a second) on first use.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
_LETTER = re.compile(r"[^\W\d_]")
_URL = re.compile(r"\S*(?:://|www\.|@)\S*")
MIN_LETTERS = 20  # shorter texts ("OK", a name) say too little to name a language
MIN_CONFIDENCE = 0.5  # per paragraph, normalised probability of the best language
MAX_PARAGRAPHS = 60  # the first paragraphs are enough for a long article


@cache
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def _classify(text: str) -> tuple[str, float]:
    language, confidence = _identifier().classify(text)
    return str(language), float(confidence)


def detect_language(text: str) -> str:
    """The majority language of `text` by letters, or "" when no paragraph is clear."""
    votes: Counter[str] = Counter()
    paragraphs = [p for p in _PARAGRAPH_BREAK.split(text or "") if p.strip()]
    for paragraph in paragraphs[:MAX_PARAGRAPHS]:
        clean = _URL.sub(" ", paragraph)
        letters = len(_LETTER.findall(clean))
        if letters < MIN_LETTERS:
            continue
        language, confidence = _classify(clean)
        if confidence >= MIN_CONFIDENCE:
            votes[language] += letters
    if not votes:
        clean = _URL.sub(" ", text or "")
        if len(_LETTER.findall(clean)) < MIN_LETTERS:
            return ""
        language, confidence = _classify(clean)
        return language if confidence >= MIN_CONFIDENCE else ""
    return votes.most_common(1)[0][0]


def base_language(code: str) -> str:
    """The primary subtag, lower case: "pt" for "pt-BR"."""
    return (code or "").split("-")[0].lower()
