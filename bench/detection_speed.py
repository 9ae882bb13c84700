"""Time structure + glue repair + claim proposals on a ~10,000-word article.

    python -m bench.detection_speed [--runs 5]

The article repeats the seed's body paragraphs (with their glued words and captions). The
first, cold run also loads the word-frequency list and the model; the median of the warm
runs is what an editor waits for on import. Writes bench/results/detection_speed.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import time
from pathlib import Path

from reviews.ingest.detection import (
    apply_fixes,
    candidates,
    find_glued_words,
    structure_text,
)

REPO_ROOT = Path(__file__).resolve().parents[1]

SEED = REPO_ROOT.parent / "shared" / "seed" / "belgorod-raid.txt"
RESULTS_PATH = REPO_ROOT / "bench" / "results" / "detection_speed.json"
TARGET_WORDS = 10_000
TARGET_SECONDS = 1.0
TARGET_MS_PER_SENTENCE = 10.0


def synthetic_article(words: int = TARGET_WORDS) -> str:
    """Headline, then the seed's body paragraphs and captions repeated, then its tail."""
    paragraphs = SEED.read_text(encoding="utf-8").split("\n\n")
    headline, body, tail = paragraphs[0], paragraphs[1:-3], paragraphs[-3:]
    repeated: list[str] = []
    while sum(len(paragraph.split()) for paragraph in repeated) < words:
        repeated += body
    return "\n\n".join([headline, *repeated, *tail])


def run_once(text: str) -> dict[str, float]:
    timings = {}
    started = time.perf_counter()
    structure_text(text)
    timings["structure"] = time.perf_counter() - started
    started = time.perf_counter()
    repaired = apply_fixes(text, find_glued_words(text))
    timings["repair"] = time.perf_counter() - started
    started = time.perf_counter()
    proposals, sentences = candidates(repaired)
    timings["propose_claims"] = time.perf_counter() - started
    timings["total"] = sum(timings.values())
    timings["proposals"] = len(proposals)
    # Each body sentence is split, attributed, given its cues and scored: the per-sentence
    # cost a detector must keep under 10 ms.
    timings["ms_per_sentence"] = 1000 * timings["propose_claims"] / max(sentences, 1)
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    text = synthetic_article()
    cold = run_once(text)
    warm = [run_once(text) for _ in range(args.runs)]
    median = {key: statistics.median(run[key] for run in warm) for key in warm[0]}
    per_sentence = median.pop("ms_per_sentence")
    result = {
        "words": len(text.split()),
        "characters": len(text),
        "runs": args.runs,
        "cold_first_run_seconds": round(cold["total"], 3),
        "median_seconds": {key: round(value, 3) for key, value in median.items()},
        "target_seconds": TARGET_SECONDS,
        "median_ms_per_body_sentence": round(per_sentence, 3),
        "target_ms_per_sentence": TARGET_MS_PER_SENTENCE,
        # The machine is shared: a load average over its cores inflates every timing above.
        "load_average_1min": round(os.getloadavg()[0], 2),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores",
        "python": platform.python_version(),
    }
    print(f"{result['words']} words, {int(median['proposals'])} proposals")
    for step in ("structure", "repair", "propose_claims", "total"):
        print(f"{step:<16} median {median[step]:.3f} s")
    print(f"per body sentence {per_sentence:.2f} ms (target {TARGET_MS_PER_SENTENCE:.0f} ms)")
    print(f"cold first run   {cold['total']:.3f} s (loads word list and model)")
    print("OK" if median["total"] < TARGET_SECONDS else "SLOWER THAN TARGET")
    RESULTS_PATH.parent.mkdir(parents=True, exist_ok=True)
    RESULTS_PATH.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
