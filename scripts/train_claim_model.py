"""Rebuild reviews/ingest/detection/claim_model.json from CheckThat! 2024 Task 1 train.tsv.

    python -m scripts.train_claim_model (or: make train-claim-model) [--train PATH]
    python -m scripts.train_claim_model --language es   # claim_model.es.json (also nl, ar)
    python -m scripts.train_claim_model --cues-only     # claim_model.xx.json, other languages

Spanish, Dutch and Arabic models are trained on their CheckThat! 2024 train files with the
cues of their language (reviews.ingest.detection.cues_by_language). Languages without
labelled data (Russian, Ukrainian, …) are scored by the cues-only model: logistic
regression over the cues alone, trained on all four train files, each with its own cues.

Logistic regression over TF-IDF word 1-2-grams plus the hand-made cues of
reviews.ingest.detection.features. The regularisation strength, the weight of the cues and the
decision threshold are chosen by 5-fold cross-validation on train.tsv only (dev.tsv is kept
for reporting), and the result is written as JSON that the runtime scores without
scikit-learn. The data files are read from shared/, never copied into the repository.
"""

from __future__ import annotations

import argparse
import csv
import json
import time
from pathlib import Path

import numpy as np
from scipy.sparse import csr_matrix, hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import precision_recall_curve
from sklearn.model_selection import StratifiedKFold

from reviews.ingest.detection.features import FEATURE_NAMES, cue_values
from reviews.ingest.detection.scoring import MODEL_FORMAT, MODEL_PATH, ClaimScorer

REPO_ROOT = Path(__file__).resolve().parents[1]

DATA_DIR = Path(__file__).resolve().parents[2] / "shared" / "data" / "checkworthiness"
DEFAULT_TRAIN = DATA_DIR / "train.tsv"
MULTI_DIR = DATA_DIR.with_name("checkworthiness-multilingual")
LANGUAGE_FILES = {"es": "spanish", "nl": "dutch", "ar": "arabic"}
LANGUAGE_NAMES = {"en": "English", "es": "Spanish", "nl": "Dutch", "ar": "Arabic"}


def train_file(language: str) -> Path:
    if language == "en":
        return DEFAULT_TRAIN
    return MULTI_DIR / f"{LANGUAGE_FILES[language]}-train.tsv"


RANDOM_STATE = 20240501
MAX_CHARS = 2000  # a tweet is at most a few hundred characters
C_GRID = (2.0, 4.0, 8.0, 16.0)
CUE_WEIGHT_GRID = (0.5, 1.0)
# Spanish, Dutch and Arabic: a smaller grid (their CV F1 varied by under 0.01 across it).
OTHER_GRID = ((1.0, 1.0), (2.0, 1.0), (4.0, 1.0))
# Proposals favour recall: an editor rejects a weak proposal in one key press, but a missed
# claim is never seen. The proposal threshold maximises F-beta with beta = 2 instead of F1.
PROPOSAL_BETA = 2.0


def read_labelled(path: Path) -> tuple[list[str], np.ndarray]:
    """Sentences and labels (1 = Yes, check-worthy); the files use CSV-style quoting."""
    csv.field_size_limit(1 << 24)  # one Spanish train row holds a runaway quoted field
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    return [row["Text"][:MAX_CHARS] for row in rows], np.array(
        [row["class_label"] == "Yes" for row in rows]
    )


def make_vectorizer() -> TfidfVectorizer:
    return TfidfVectorizer(lowercase=True, ngram_range=(1, 2), sublinear_tf=True, min_df=2)


def best_threshold(
    labels: np.ndarray, scores: np.ndarray, beta: float = 1.0
) -> tuple[float, float, float, float]:
    """The threshold that maximises F-beta on these scores, with its F-beta, P and R."""
    precision, recall, thresholds = precision_recall_curve(labels, scores)
    weight = beta * beta
    f_beta = (1 + weight) * precision * recall / np.maximum(weight * precision + recall, 1e-12)
    best = int(np.argmax(f_beta[:-1]))
    return (
        float(thresholds[best]),
        float(f_beta[best]),
        float(precision[best]),
        float(recall[best]),
    )


class CueScaler:
    """Standardise cues, then multiply by a weight so their pull can be tuned against TF-IDF."""

    def __init__(self, cues: np.ndarray, weight: float) -> None:
        self.mean = cues.mean(axis=0)
        self.scale = np.where(cues.std(axis=0) > 0, cues.std(axis=0), 1.0) / weight

    def transform(self, cues: np.ndarray) -> csr_matrix:
        return csr_matrix((cues - self.mean) / self.scale)


def fit(texts, cues, labels, *, c: float, cue_weight: float):
    vectorizer = make_vectorizer()
    text_matrix = vectorizer.fit_transform(texts)
    scaler = CueScaler(cues, cue_weight)
    model = LogisticRegression(C=c, class_weight="balanced", max_iter=2000)
    model.fit(hstack([text_matrix, scaler.transform(cues)]).tocsr(), labels)
    return vectorizer, scaler, model


def predict(fitted, texts, cues) -> np.ndarray:
    vectorizer, scaler, model = fitted
    matrix = hstack([vectorizer.transform(texts), scaler.transform(cues)]).tocsr()
    return model.predict_proba(matrix)[:, 1]


def out_of_fold_scores(texts, cues, labels, folds, *, c: float, cue_weight: float) -> np.ndarray:
    """Each sentence scored by a model that never saw it."""
    scores = np.zeros(len(texts))
    for train_idx, test_idx in folds:
        train_texts = [texts[i] for i in train_idx]
        fitted = fit(train_texts, cues[train_idx], labels[train_idx], c=c, cue_weight=cue_weight)
        scores[test_idx] = predict(fitted, [texts[i] for i in test_idx], cues[test_idx])
    return scores


def cross_validate(texts: list[str], cues: np.ndarray, labels: np.ndarray, grid=None) -> list[dict]:
    folds = list(StratifiedKFold(5, shuffle=True, random_state=RANDOM_STATE).split(texts, labels))
    results = []
    for c, cue_weight in grid or [(c, w) for c in C_GRID for w in CUE_WEIGHT_GRID]:
        scores = out_of_fold_scores(texts, cues, labels, folds, c=c, cue_weight=cue_weight)
        threshold, f1, _, _ = best_threshold(labels, scores)
        proposal_threshold, _, precision, recall = best_threshold(labels, scores, PROPOSAL_BETA)
        results.append(
            {
                "C": c,
                "cue_weight": cue_weight,
                "threshold": threshold,
                "cv_f1": f1,
                "proposal_threshold": proposal_threshold,
                "cv_precision_at_proposal_threshold": precision,
                "cv_recall_at_proposal_threshold": recall,
            }
        )
        print(
            f"C={c:<4} cue_weight={cue_weight:<4} cv F1={f1:.4f} at {threshold:.3f}; "
            f"proposals at {proposal_threshold:.3f}: P={precision:.3f} R={recall:.3f}"
        )
    return results


def export(fitted, *, chosen: dict, train_path: Path, language: str = "en") -> dict:
    vectorizer, scaler, model = fitted
    weights = model.coef_[0]
    n_terms = len(vectorizer.vocabulary_)
    vocabulary = {
        term: [round(float(vectorizer.idf_[index]), 4), round(float(weights[index]), 4)]
        for term, index in sorted(vectorizer.vocabulary_.items())
    }
    return {
        "format": MODEL_FORMAT,
        "about": "Check-worthiness scorer; rebuild with make train-claim-model",
        "trained_on": f"CLEF CheckThat! 2024 Task 1 {LANGUAGE_NAMES[language]}, {train_path.name}",
        "language": language,
        "chosen_by_5_fold_cv": chosen,
        "intercept": round(float(model.intercept_[0]), 6),
        "threshold": round(chosen["threshold"], 4),
        "proposal_threshold": round(chosen["proposal_threshold"], 4),
        "tfidf": {"max_ngram": 2, "sublinear_tf": True, "vocabulary": vocabulary},
        "cues": {
            "names": list(FEATURE_NAMES),
            "mean": [round(float(v), 6) for v in scaler.mean],
            "scale": [round(float(v), 6) for v in scaler.scale],
            "weights": [round(float(v), 6) for v in weights[n_terms:]],
        },
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--train", type=Path, default=DEFAULT_TRAIN)
    parser.add_argument("--output", type=Path)
    parser.add_argument("--language", default="en", choices=sorted(LANGUAGE_NAMES))
    parser.add_argument("--cues-only", action="store_true")
    args = parser.parse_args()
    started = time.perf_counter()
    if args.cues_only:
        return train_cues_only(args.output or MODEL_PATH.with_name("claim_model.xx.json"))
    language = args.language
    if args.output is None:
        suffix = "" if language == "en" else f".{language}"
        args.output = MODEL_PATH.with_name(f"claim_model{suffix}.json")
    if language != "en" and args.train == DEFAULT_TRAIN:
        args.train = train_file(language)
    texts, labels = read_labelled(args.train)
    cues = np.array([cue_values(text, language=language) for text in texts])
    results = cross_validate(texts, cues, labels, None if language == "en" else OTHER_GRID)
    chosen = max(results, key=lambda result: result["cv_f1"])
    fitted = fit(texts, cues, labels, c=chosen["C"], cue_weight=chosen["cue_weight"])
    artefact = export(fitted, chosen=chosen, train_path=args.train, language=language)
    args.output.write_text(json.dumps(artefact, separators=(",", ":")), encoding="utf-8")
    check_parity(artefact, fitted, texts[:500], cues[:500])
    size_kb = args.output.stat().st_size / 1024
    print(f"chosen {chosen}; wrote {args.output} ({size_kb:.0f} KiB)")
    print(f"took {time.perf_counter() - started:.0f} s")


def check_parity(artefact: dict, fitted, texts: list[str], cues: np.ndarray) -> None:
    """The JSON scorer must agree with scikit-learn, or the artefact is not the model."""
    scorer = ClaimScorer.from_json(artefact)
    ours = np.array(
        [scorer.score(text, cues=list(row)) for text, row in zip(texts, cues, strict=True)]
    )
    gap = float(np.abs(ours - predict(fitted, texts, cues)).max())
    print(f"largest score difference JSON scorer vs scikit-learn: {gap:.5f}")
    if gap > 0.01:
        raise SystemExit("JSON scorer disagrees with the trained model")


def train_cues_only(output: Path) -> None:
    """The cues alone, on every language's train file with that language's cues."""
    all_cues, all_labels = [], []
    for language in LANGUAGE_NAMES:
        texts, labels = read_labelled(train_file(language))
        all_cues += [cue_values(text, language=language) for text in texts]
        all_labels.append(labels)
    cues, labels = np.array(all_cues), np.concatenate(all_labels)
    scaler = CueScaler(cues, 1.0)
    folds = StratifiedKFold(5, shuffle=True, random_state=RANDOM_STATE).split(cues, labels)
    scores = np.zeros(len(labels))
    for train_idx, test_idx in folds:
        model = LogisticRegression(class_weight="balanced", max_iter=2000)
        model.fit(scaler.transform(cues[train_idx]), labels[train_idx])
        scores[test_idx] = model.predict_proba(scaler.transform(cues[test_idx]))[:, 1]
    threshold, f1, _, _ = best_threshold(labels, scores)
    proposal_threshold, _, precision, recall = best_threshold(labels, scores, PROPOSAL_BETA)
    model = LogisticRegression(class_weight="balanced", max_iter=2000)
    model.fit(scaler.transform(cues), labels)
    chosen = {"cv_f1": f1, "threshold": threshold, "proposal_threshold": proposal_threshold}
    chosen |= {"cv_precision_at_proposal_threshold": precision}
    chosen |= {"cv_recall_at_proposal_threshold": recall}
    artefact = {
        "format": MODEL_FORMAT,
        "about": "Cues-only check-worthiness scorer for languages without their own model; "
        "rebuild with make train-claim-model",
        "trained_on": "CLEF CheckThat! 2024 Task 1 English, Spanish, Dutch and Arabic train",
        "language": "xx",
        "chosen_by_5_fold_cv": chosen,
        "intercept": round(float(model.intercept_[0]), 6),
        "threshold": round(threshold, 4),
        "proposal_threshold": round(proposal_threshold, 4),
        "tfidf": {"max_ngram": 1, "sublinear_tf": True, "vocabulary": {}},
        "cues": {
            "names": list(FEATURE_NAMES),
            "mean": [round(float(v), 6) for v in scaler.mean],
            "scale": [round(float(v), 6) for v in scaler.scale],
            "weights": [round(float(v), 6) for v in model.coef_[0]],
        },
    }
    output.write_text(json.dumps(artefact, separators=(",", ":")), encoding="utf-8")
    print(f"cues only: cv F1={f1:.4f}; wrote {output}")


if __name__ == "__main__":
    main()
