"""Hand-made check-worthiness cues, shared by the runtime scorer and the training script.

Fact-checkers look for things that can be verified: numbers and quantities, comparisons,
named people and places, dates, attributed statements and quotes. Opinions, promises,
questions and small talk are rarely worth checking. Each cue is one number so a linear
model can weigh it; FEATURE_NAMES fixes the order stored in the model artefact.
"""

from __future__ import annotations

import math
import re

from reviews.ingest.detection.cues_by_language import cues_for
from reviews.speakers import VERBS as SPEECH_VERBS
from reviews.speakers import find_attribution, find_attributions

NUMBER_WORDS = (
    "dozen|dozens|hundred|hundreds|thousand|thousands|million|millions|billion|billions"
    "|trillion|trillions|percent|half|third|quarter|twice|double|doubled|triple|tripled"
    "|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
)
SMALL_NUMBERS = "one|two|three|four|five|six|seven|eight|nine"
UNITS = (
    r"kilometers?|kilometres?|km|miles?|meters?|metres?|percent|per cent|%|dollars?|euros?"
    r"|pounds?|tons?|tonnes?|people|troops|soldiers|jobs|years?|months?|weeks?|days?|hours?"
    r"|votes?|times|barrels?|acres?|workers|children|deaths|cases|towns|villages|cities"
)

_DIGIT_NUMBER = re.compile(r"(?<![\w.])[$€£]?\d[\d,.]*(?:\s?(?:%|percent|per cent))?")
# "the two formations" refers back to things already introduced; "two formations" counts.
_REFERENCE_NUMBER = re.compile(rf"\b(?:the|these|those|both|its|their)\s+(?:{SMALL_NUMBERS})\b")
_QUANTITY = re.compile(
    rf"(?:(?<![\w.])[$€£]?\d[\d,.]*|\b(?:{NUMBER_WORDS}|several|many|few|more than|less than"
    rf"|fewer than|{SMALL_NUMBERS}))\s*(?:{UNITS})\b"
    rf"|\b(?:{NUMBER_WORDS})\b|[$€£]\s?\d|\d\s?%",
    re.IGNORECASE,
)
_COMPARISON = re.compile(
    r"\b(?:more|less|fewer|higher|lower|larger|smaller|bigger|greater|most|least|than"
    r"|largest|biggest|highest|lowest|best|worst|record|increase[ds]?|decrease[ds]?|rose|fell"
    r"|risen|fallen|grew|grown|cut|doubled|tripled|only|first|last|never|ever)\b",
    re.IGNORECASE,
)
_YEAR_OR_DATE = re.compile(
    r"\b(?:1[89]\d\d|20\d\d)\b|\b(?:January|February|March|April|May|June|July|August"
    r"|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday"
    r"|Saturday|Sunday|yesterday|today|last year|this year)\b"
)
_QUOTE = re.compile(r"[“”\"]|(?<!\w)[‘’']\w[^‘’']{8,}[’']")
_CAPITALISED = re.compile(r"(?<=[\s(“\"‘-])[A-Z][a-z]+|\b[A-Z]{2,}\b")
_OPINION = re.compile(
    r"\b(?:i think|i believe|i feel|i hope|i want|i'm going to|i will|we will|we're going to"
    r"|we need|we must|we should|we have to|let's|let me|should|must|ought|would|could|might"
    r"|maybe|perhaps|probably|wonderful|great|terrible|disgrace|frankly|believe me)\b",
    re.IGNORECASE,
)
_FIRST_OR_SECOND_PERSON = re.compile(r"\b(?:i|i'm|i've|we|we're|you|you're|my|our|your)\b", re.I)
_SPEECH_VERB = re.compile(rf"\b(?:{SPEECH_VERBS})\b", re.IGNORECASE)
_PAST_TENSE = re.compile(r"\b(?:was|were|had|did|\w{3,}ed)\b", re.IGNORECASE)
_COPULA_FACT = re.compile(r"\b(?:is|are|was|were|has|have|had)\b", re.IGNORECASE)
_WORD = re.compile(r"\w+")

FEATURE_NAMES = (
    "digit_number",
    "quantity",
    "comparison",
    "year_or_date",
    "quote",
    "attribution",
    "speech_verb",
    "capitalised_words",
    "opinion_or_promise",
    "first_or_second_person",
    "question",
    "exclamation",
    "past_tense",
    "copula",
    "log_words",
    "very_short",
)


def has_quantity(sentence: str) -> bool:
    """Numbers and quantities that can be checked ("42 kilometers", "a hundred journalists")."""
    without_references = _REFERENCE_NUMBER.sub(" ", sentence)
    return bool(_DIGIT_NUMBER.search(without_references) or _QUANTITY.search(without_references))


def has_quote(sentence: str) -> bool:
    return bool(_QUOTE.search(sentence))


def has_comparison(sentence: str) -> bool:
    return bool(_COMPARISON.search(sentence))


def capitalised_word_count(sentence: str) -> int:
    """Capitalised words after the first: a cheap stand-in for named entities."""
    return len(_CAPITALISED.findall(sentence))


# Names in any alphabet: a capital after a space, a quote or a bracket ("Киев", "Álvarez").
_CAPITALISED_ANY = re.compile(r"(?<=[\s(“\"‘«-])[^\W\d_a-z](?:[^\W\d_])+")
_DIGIT_ANY = re.compile(r"(?<![\w.])[$€£₴₽]?\d[\d,. ]*(?:\s?%)?")


def cue_values(
    sentence: str, *, attribution: str | None = None, language: str = "en"
) -> list[float]:
    """Feature vector in FEATURE_NAMES order; pass `attribution` if already computed.

    English uses the lists above; other languages the same slots filled from
    cues_by_language (or only the language-neutral cues where it has no lists)."""
    if (language or "en").split("-")[0].lower() != "en":
        return _cue_values_other(sentence, attribution=attribution, language=language)
    if attribution is None:
        attribution = "; ".join(find_attributions(sentence))
    words = len(_WORD.findall(sentence))
    without_references = _REFERENCE_NUMBER.sub(" ", sentence)
    return [
        float(bool(_DIGIT_NUMBER.search(without_references))),
        float(has_quantity(sentence)),
        min(len(_COMPARISON.findall(sentence)), 3) / 3,
        float(bool(_YEAR_OR_DATE.search(sentence))),
        float(has_quote(sentence)),
        float(bool(attribution)),
        float(bool(_SPEECH_VERB.search(sentence))),
        min(capitalised_word_count(sentence), 5) / 5,
        min(len(_OPINION.findall(sentence)), 3) / 3,
        min(len(_FIRST_OR_SECOND_PERSON.findall(sentence)), 3) / 3,
        float(sentence.rstrip().endswith("?")),
        float("!" in sentence),
        min(len(_PAST_TENSE.findall(sentence)), 3) / 3,
        float(bool(_COPULA_FACT.search(sentence))),
        math.log1p(words),
        float(words < 6),
    ]


def _cue_values_other(sentence: str, *, attribution: str | None, language: str) -> list[float]:
    cues = cues_for(language)
    if attribution is None:
        attribution = find_attribution(sentence, language=language)
    words = len(_WORD.findall(sentence))
    digits = bool(_DIGIT_ANY.search(sentence))
    capitalised = [w for w in _CAPITALISED_ANY.findall(sentence) if not w.isupper() or len(w) > 1]
    return [
        float(digits),
        float(digits or bool(cues.quantity.search(sentence))),
        min(len(cues.comparison.findall(sentence)), 3) / 3,
        float(bool(cues.date.search(sentence))),
        float(bool(re.search(r"[“”\"«»„]", sentence))),
        float(bool(attribution)),
        float(bool(cues.speech.search(sentence))),
        min(len(capitalised), 5) / 5,
        min(len(cues.opinion.findall(sentence)), 3) / 3,
        min(len(cues.person.findall(sentence)), 3) / 3,
        float(sentence.rstrip().endswith(("?", "؟"))),
        float("!" in sentence),
        min(len(cues.past.findall(sentence)), 3) / 3,
        float(bool(cues.copula.search(sentence))),
        math.log1p(words),
        float(words < 6),
    ]


def cue_reasons(values: list[float]) -> list[str]:
    """Short labels an editor reads next to a proposal ("number", "quote", ...)."""
    named = dict(zip(FEATURE_NAMES, values, strict=True))
    reasons = []
    if named["digit_number"] or named["quantity"]:
        reasons.append("number")
    if named["comparison"]:
        reasons.append("comparison")
    if named["year_or_date"]:
        reasons.append("date")
    if named["quote"]:
        reasons.append("quote")
    if named["attribution"]:
        reasons.append("attributed statement")
    if named["capitalised_words"] >= 0.4:
        reasons.append("named entities")
    if named["opinion_or_promise"]:
        reasons.append("opinion wording")
    return reasons
