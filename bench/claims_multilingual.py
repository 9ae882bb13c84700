"""Check-worthiness and attribution beyond English, measured.

    python -m bench.claims_multilingual [--data DIR]

1. Spanish, Dutch and Arabic (CLEF CheckThat! 2024 Task 1 tweets, read from
   ../shared/data/checkworthiness-multilingual/, never copied here): dev F1 and average
   precision (AP) of the Yes class for the shipped per-language model
   (claim_model.<lang>.json), for the cues-only model used for languages without labelled
   data (claim_model.xx.json), and for the reference, TF-IDF word 1-2-grams + logistic
   regression trained on the same language's train file, thresholded at 0.5.
2. Russian and Ukrainian (bench/corpus/ru_uk.jsonl, 92 news sentences labelled by hand):
   AP and F1 of the detector the app uses for them, and attribution: precision (a named
   speaker is the labelled one, or contains it, or is contained in it) and coverage (share
   of labelled speakers found). The Russian and Ukrainian speaker patterns were written
   with these sentences in view, so their attribution figures are optimistic; three in
   four of the sentences are check-worthy, so compare AP with always-Yes.

Writes bench/results/claims_multilingual.json.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np

from bench.claims_eval import tfidf_baseline_scores, yes_class_metrics
from bench.common import write_result
from reviews.ingest.detection.features import cue_values
from reviews.ingest.detection.scoring import load_scorer, model_path
from reviews.speakers import find_attribution
from scripts.train_claim_model import LANGUAGE_FILES, MULTI_DIR, REPO_ROOT, read_labelled

RU_UK = REPO_ROOT / "bench" / "corpus" / "ru_uk.jsonl"
REFERENCE_PUBLISHED = {"es": (0.566, 0.653), "nl": (0.583, 0.618), "ar": (0.370, 0.452)}


def scores_with(path: Path, texts: list[str], language: str) -> np.ndarray:
    scorer = load_scorer(path)
    return np.array([scorer.score(t, cues=cue_values(t, language=language)) for t in texts])


def tweets(data: Path, language: str) -> dict:
    name = LANGUAGE_FILES[language]
    train, dev = data / f"{name}-train.tsv", data / f"{name}-dev.tsv"
    texts, labels = read_labelled(dev)
    own = model_path(language)
    cues_only = own.with_name("claim_model.xx.json")
    ours = scores_with(own, texts, language)
    result = {
        "dev_rows": len(texts),
        "dev_yes": int(labels.sum()),
        "always_yes_average_precision": round(float(labels.mean()), 4),
        "ours": yes_class_metrics(labels, ours, load_scorer(own).threshold) | {"model": own.name},
        "cues_only": yes_class_metrics(
            labels, scores_with(cues_only, texts, language), load_scorer(cues_only).threshold
        ),
        "reference_tfidf_lr": yes_class_metrics(labels, tfidf_baseline_scores(train, texts), 0.5),
    }
    published_f1, published_ap = REFERENCE_PUBLISHED[language]
    result["reference_published"] = {"f1": published_f1, "average_precision": published_ap}
    return result


def ru_uk() -> dict:
    rows = [json.loads(line) for line in RU_UK.read_text(encoding="utf-8").splitlines() if line]
    result = {}
    for language in ("ru", "uk", "all"):
        subset = [r for r in rows if language in ("all", r["language"])]
        labels = np.array([r["checkworthy"] for r in subset])
        path = model_path(subset[0]["language"] if language != "all" else "ru")
        scorer = load_scorer(path)
        scores = np.array(
            [
                scorer.score(r["text"], cues=cue_values(r["text"], language=r["language"]))
                for r in subset
            ]
        )
        named = right = 0
        for r in subset:
            found = find_attribution(r["text"], language=r["language"])
            if found:
                named += 1
                gold = (r["speaker"] or "").lower()
                right += bool(gold) and (gold in found.lower() or found.lower() in gold)
        speakers = sum(1 for r in subset if r["speaker"])
        result[language] = {
            "sentences": len(subset),
            "checkworthy": int(labels.sum()),
            "always_yes_average_precision": round(float(labels.mean()), 4),
            "model": path.name,
            "at_threshold": yes_class_metrics(labels, scores, scorer.threshold),
            "at_proposal_threshold": yes_class_metrics(labels, scores, scorer.proposal_threshold),
            "attribution": {
                "labelled_speakers": speakers,
                "named": named,
                "right": right,
                "precision": round(right / named, 4) if named else None,
                "coverage": round(right / speakers, 4) if speakers else None,
            },
        }
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=MULTI_DIR)
    args = parser.parse_args()
    data = {"source": "CLEF CheckThat! 2024 Task 1 (es, nl, ar dev); bench/corpus/ru_uk.jsonl"}
    if args.data.exists():
        data["tweets_dev"] = {language: tweets(args.data, language) for language in LANGUAGE_FILES}
    else:
        data["tweets_dev"] = f"skipped: {args.data} not found"
    data["ru_uk_news"] = ru_uk()
    write_result("claims_multilingual", data)


if __name__ == "__main__":
    main()
