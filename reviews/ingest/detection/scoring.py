"""Check-worthiness score of one sentence, from a small linear model stored as JSON.

The model is logistic regression over TF-IDF word n-grams plus the cues in features.py,
trained by bench/train_claim_model.py on CLEF CheckThat! 2024 Task 1 (English) train data.
Scoring it here needs only the standard library: no scikit-learn or pickle at run time, and
the artefact stays readable and loadable across library versions.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from reviews.ingest.detection.features import FEATURE_NAMES, cue_values

MODEL_PATH = Path(__file__).with_name("claim_model.json")
MODEL_FORMAT = "factcheck-claim-scorer/1"
_TOKEN = re.compile(r"(?u)\b\w\w+\b")  # scikit-learn's default token_pattern


@dataclass(frozen=True)
class ClaimScorer:
    """A logistic model: sigmoid(tfidf . text_weights + scaled cues . cue_weights + bias)."""

    vocabulary: dict[str, tuple[float, float]]  # term -> (idf, weight)
    max_ngram: int
    sublinear_tf: bool
    cue_mean: tuple[float, ...]
    cue_scale: tuple[float, ...]
    cue_weights: tuple[float, ...]
    intercept: float
    threshold: float  # best F1 in cross-validation: for measuring against benchmarks
    proposal_threshold: float  # best F2 in cross-validation: recall first, for editors
    language: str = "en"  # the cues' language; "xx" for the cues-only model of the others

    @classmethod
    def from_json(cls, data: dict) -> ClaimScorer:
        if data.get("format") != MODEL_FORMAT:
            raise ValueError(f"unknown claim model format {data.get('format')!r}")
        if tuple(data["cues"]["names"]) != FEATURE_NAMES:
            raise ValueError("claim model was trained with other cues; rebuild it")
        return cls(
            vocabulary={term: (idf, w) for term, (idf, w) in data["tfidf"]["vocabulary"].items()},
            max_ngram=data["tfidf"]["max_ngram"],
            sublinear_tf=data["tfidf"]["sublinear_tf"],
            cue_mean=tuple(data["cues"]["mean"]),
            cue_scale=tuple(data["cues"]["scale"]),
            cue_weights=tuple(data["cues"]["weights"]),
            intercept=data["intercept"],
            threshold=data["threshold"],
            proposal_threshold=data["proposal_threshold"],
            language=data.get("language", "en"),
        )

    def _ngrams(self, sentence: str) -> Counter[str]:
        tokens = _TOKEN.findall(sentence.lower())
        grams = Counter(tokens)
        for size in range(2, self.max_ngram + 1):
            grams.update(" ".join(tokens[i : i + size]) for i in range(len(tokens) - size + 1))
        return grams

    def text_logit(self, sentence: str) -> float:
        """The TF-IDF part: l2-normalised tf-idf vector dotted with the weights."""
        dot = norm = 0.0
        for term, count in self._ngrams(sentence).items():
            entry = self.vocabulary.get(term)
            if entry is None:
                continue
            tf = 1.0 + math.log(count) if self.sublinear_tf else float(count)
            value = tf * entry[0]
            dot += value * entry[1]
            norm += value * value
        return dot / math.sqrt(norm) if norm else 0.0

    def cue_logit(self, cues: list[float]) -> float:
        return sum(
            (value - mean) / scale * weight
            for value, mean, scale, weight in zip(
                cues, self.cue_mean, self.cue_scale, self.cue_weights, strict=True
            )
        )

    def score(self, sentence: str, *, cues: list[float] | None = None) -> float:
        """Probability-like check-worthiness in 0..1."""
        if cues is None:
            cues = cue_values(sentence, language=self.language)
        logit = self.text_logit(sentence) + self.cue_logit(cues) + self.intercept
        return 1.0 / (1.0 + math.exp(-max(min(logit, 40.0), -40.0)))


@cache
def load_scorer(path: Path = MODEL_PATH) -> ClaimScorer:
    """The shipped model, read once per process."""
    return ClaimScorer.from_json(json.loads(path.read_text(encoding="utf-8")))


def model_path(language: str) -> Path:
    """claim_model.json for English (and unknown), claim_model.<lang>.json where labelled
    data trained one (es, nl, ar), else the cues-only model claim_model.xx.json."""
    base = (language or "en").split("-")[0].lower()
    if base == "en":
        return MODEL_PATH
    own = MODEL_PATH.with_name(f"claim_model.{base}.json")
    return own if own.exists() else MODEL_PATH.with_name("claim_model.xx.json")


def scorer_for(language: str) -> ClaimScorer:
    return load_scorer(model_path(language))


def score_sentence(sentence: str) -> float:
    """Check-worthiness of one sentence with the shipped model."""
    return load_scorer().score(sentence)
