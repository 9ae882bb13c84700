"""Check-worthiness quality on labelled sentences (CLEF CheckThat! 2024 Task 1, English).

    python -m bench.claims_eval PATH_TO_TSV [--train PATH]

Compares, for the Yes class, (a) our shipped sentence scorer (reviews.ingest.detection), (b) the
always-Yes baseline and (c) TF-IDF + logistic regression trained on train.tsv, and writes
bench/results/claims_eval.json. Tune on train only; report on dev.tsv.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score, precision_recall_fscore_support

from reviews.ingest.detection.features import cue_values
from reviews.ingest.detection.scoring import MODEL_PATH, load_scorer
from scripts.train_claim_model import (
    DEFAULT_TRAIN,
    RANDOM_STATE,
    REPO_ROOT,
    best_threshold,
    out_of_fold_scores,
    read_labelled,
)

RESULTS_PATH = REPO_ROOT / "bench" / "results" / "claims_eval.json"
# Approximate figures for the Task 1 English *test* set (CheckThat! 2024 overview paper):
# the organisers' baseline scored F1 ~0.31 and the best team (FactFinders) ~0.80. Teams
# reported clearly lower F1 on test than on dev, so dev figures here are not comparable.
PUBLISHED_CHECKTHAT_2024_TASK1_EN = {
    "note": "approximate; test set, not dev; participants saw lower F1 on test than on dev",
    "organisers_baseline_f1": 0.31,
    "best_team_f1": 0.80,
}


def yes_class_metrics(labels: np.ndarray, scores: np.ndarray, threshold: float) -> dict:
    predicted = scores >= threshold
    precision, recall, f1, _ = precision_recall_fscore_support(
        labels, predicted, average="binary", zero_division=0
    )
    return {
        "precision": round(float(precision), 4),
        "recall": round(float(recall), 4),
        "f1": round(float(f1), 4),
        "average_precision": round(float(average_precision_score(labels, scores)), 4),
        "threshold": round(float(threshold), 4),
    }


def tfidf_baseline_scores(train_path: Path, texts: list[str]) -> np.ndarray:
    """A standard text classifier: word 1-2-grams, class-balanced logistic regression."""
    train_texts, train_labels = read_labelled(train_path)
    vectorizer = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=2)
    model = LogisticRegression(class_weight="balanced", max_iter=2000)
    model.fit(vectorizer.fit_transform(train_texts), train_labels)
    return model.predict_proba(vectorizer.transform(texts))[:, 1]


def cross_validated(train_path: Path, chosen: dict) -> dict:
    """5-fold cross-validation on train.tsv: each sentence scored by a model (our recipe with
    the shipped settings, and TF-IDF + LR) that never saw it. F1 at each system's best
    threshold on those out-of-fold scores, and average precision."""
    from sklearn.model_selection import StratifiedKFold

    texts, labels = read_labelled(train_path)
    folds = list(StratifiedKFold(5, shuffle=True, random_state=RANDOM_STATE).split(texts, labels))
    cues = np.array([cue_values(text) for text in texts])
    ours = out_of_fold_scores(
        texts, cues, labels, folds, c=chosen["C"], cue_weight=chosen["cue_weight"]
    )
    baseline = np.zeros(len(texts))
    for train_idx, test_idx in folds:
        vectorizer = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=2)
        model = LogisticRegression(class_weight="balanced", max_iter=2000)
        model.fit(vectorizer.fit_transform([texts[i] for i in train_idx]), labels[train_idx])
        baseline[test_idx] = model.predict_proba(
            vectorizer.transform([texts[i] for i in test_idx])
        )[:, 1]
    result = {"data": f"{train_path.name}, 5-fold stratified, seed {RANDOM_STATE}"}
    for name, scores in (("detector", ours), ("tfidf_logreg", baseline)):
        threshold = best_threshold(labels, scores)[0]
        result[name] = yes_class_metrics(labels, scores, threshold)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("tsv", type=Path, help="labelled sentences, e.g. shared/.../dev.tsv")
    parser.add_argument("--train", type=Path, default=DEFAULT_TRAIN)
    args = parser.parse_args()
    texts, labels = read_labelled(args.tsv)
    scorer = load_scorer()
    detector_scores = np.array([scorer.score(text) for text in texts])
    results = {
        "data": str(args.tsv.name),
        "sentences": len(texts),
        "yes": int(labels.sum()),
        "detector": yes_class_metrics(labels, detector_scores, scorer.threshold),
        # The same scores at the recall-first cut-off that propose_claims uses.
        "detector_at_proposal_threshold": yes_class_metrics(
            labels, detector_scores, scorer.proposal_threshold
        ),
        "always_yes": yes_class_metrics(labels, np.ones(len(texts)), 1.0),
        "tfidf_logreg": yes_class_metrics(labels, tfidf_baseline_scores(args.train, texts), 0.5),
        "published_checkthat_2024_task1_en": PUBLISHED_CHECKTHAT_2024_TASK1_EN,
        "cross_validated_on_train": cross_validated(
            args.train, json.loads(MODEL_PATH.read_text())["chosen_by_5_fold_cv"]
        ),
    }
    print(f"{args.tsv.name}: {len(texts)} sentences, {labels.sum()} Yes")
    print(f"{'system':<32}{'P':>8}{'R':>8}{'F1':>8}{'AP':>8}")
    for name in ("detector", "always_yes", "tfidf_logreg", "detector_at_proposal_threshold"):
        row = results[name]
        print(
            f"{name:<32}{row['precision']:>8.3f}{row['recall']:>8.3f}"
            f"{row['f1']:>8.3f}{row['average_precision']:>8.3f}"
        )
    cv = results["cross_validated_on_train"]
    print(f"cross-validated on {cv['data']}:")
    for name in ("detector", "tfidf_logreg"):
        row = cv[name]
        print(
            f"{name:<32}{row['precision']:>8.3f}{row['recall']:>8.3f}"
            f"{row['f1']:>8.3f}{row['average_precision']:>8.3f}"
        )
    print("dev.tsv is the file these settings were chosen beside; held-out figures are lower.")
    published = PUBLISHED_CHECKTHAT_2024_TASK1_EN
    print(
        f"published (test set, approximate): organisers' baseline F1 ~"
        f"{published['organisers_baseline_f1']}, best team F1 ~{published['best_team_f1']}"
    )
    RESULTS_PATH.parent.mkdir(parents=True, exist_ok=True)
    RESULTS_PATH.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
