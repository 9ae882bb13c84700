"""Benchmark: 'checked before?' lookup and the search page on 100,000 claims in PostgreSQL.

    python -m bench.similar_claims            # loads once, then measures
    python -m bench.similar_claims --reload   # drop the loaded rows and load again

DATABASE_URL defaults to postgres://postgres@127.0.0.1:5432/factcheck_search_bench (created
if missing, migrated, kept between runs so the load is paid once). Claims are generated from
templates with a wide vocabulary (made-up places, people, figures) so that the common words
match thousands of rows, as real claims about one war or one election do; the hand-labelled
pairs of tests/matching_pairs.py are planted among them. Results: bench/results/similar_claims.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/factcheck_search_bench"
os.environ.setdefault("DATABASE_URL", DEFAULT_URL)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
RESULTS = ROOT / "bench" / "results" / "similar_claims.json"

SYLLABLES = [
    "ka",
    "lo",
    "vi",
    "mer",
    "sha",
    "dor",
    "ny",
    "pol",
    "tra",
    "gen",
    "bel",
    "vos",
    "kir",
    "ost",
    "za",
    "ruk",
    "mi",
    "lan",
    "dre",
    "pet",
]
ACTORS = [
    "the governor",
    "the defence ministry",
    "the Russian army",
    "the leader of the volunteer corps",
    "analysts",
    "the mayor",
    "police",
    "the health ministry",
    "the company",
    "officials",
    "the opposition",
    "residents",
]
TEMPLATES = [
    "{Subj} advanced {n} kilometres into {place} on {day}.",
    "{Subj} shelled {place}, killing {n} people and wounding {m}.",
    "{Subj} shot down {n} drones over {place} overnight.",
    "The {thing} in {place} cost {n} million euros.",
    "{n} people were evacuated from {place} after the {event}.",
    "Unemployment in {place} rose to {x} percent in {month}.",
    "{Subj} captured the village of {place} on {day}.",
    "About {n} {units} were destroyed in {place} during the {event}.",
    "Turnout in {place} was {x} percent, the electoral commission said.",
    "The {thing} in {place} will open in {year}.",
    "{n} protesters were detained outside the {thing} in {place}.",
    "Prices in {place} went up by {x} percent since {month}.",
]
SUBJECTS = ["Russian troops", "Ukrainian forces", "The volunteers", "Rebels", "The army", "Police"]
THINGS = ["bridge", "hospital", "school", "stadium", "power plant", "tunnel", "library", "dam"]
EVENTS = ["flood", "fire", "attack", "explosion", "storm", "shelling"]
UNITS = ["homes", "tanks", "cars", "buildings", "bridges", "warehouses"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
]


def setup_django() -> None:
    import django
    import psycopg

    url = os.environ["DATABASE_URL"]
    name = url.rsplit("/", 1)[1]
    admin_url = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')
    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def sentence(rng: random.Random, places: list[str]) -> str:
    return rng.choice(TEMPLATES).format(
        Subj=rng.choice(SUBJECTS),
        n=rng.randint(2, 5000),
        m=rng.randint(2, 300),
        x=round(rng.uniform(1, 80), 1),
        place=rng.choice(places),
        thing=rng.choice(THINGS),
        event=rng.choice(EVENTS),
        units=rng.choice(UNITS),
        day=rng.choice(DAYS),
        month=rng.choice(MONTHS),
        year=rng.randint(2020, 2035),
    )


def load(total: int, per_article: int = 10) -> None:
    from django.db import connection, transaction

    from reviews.models import Article, Claim, Verdict
    from tests.search.matching_pairs import CASES

    rng = random.Random(7)
    places = sorted({"".join(rng.sample(SYLLABLES, 3)).capitalize() for _ in range(3000)})
    planted = [text for case in CASES for text in (case.claim, case.same, case.near_miss)]
    verdicts = [v for v in Verdict.values if v != Verdict.UNREVIEWED]
    started = time.perf_counter()
    made = 0
    while made < total:
        with transaction.atomic():
            articles, bodies = [], []
            for _ in range(200):
                texts = [sentence(rng, places) for _ in range(per_article)]
                if planted and rng.random() < 0.05:  # one per article: never its own match
                    texts[rng.randrange(per_article)] = planted.pop()
                bodies.append(texts)
                body = "\n\n".join(texts)
                articles.append(
                    Article(title=f"{texts[0][:60]}", outlet=rng.choice(ACTORS), body=body)
                )
            Article.objects.bulk_create(articles)
            claims = []
            for article, texts in zip(articles, bodies, strict=True):
                offset = 0
                for text in texts:
                    claims.append(
                        Claim(
                            article=article,
                            text=text,
                            start=offset,
                            end=offset + len(text),
                            attribution=rng.choice(ACTORS),
                            verdict=rng.choice(verdicts) if rng.random() < 0.4 else "unreviewed",
                        )
                    )
                    offset += len(text) + 2
            Claim.objects.bulk_create(claims)
            made += len(claims)
        print(f"\r{made:,} claims loaded", end="", file=sys.stderr)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE reviews_claim")
        cursor.execute("ANALYZE reviews_article")
    print(f"\nloaded in {time.perf_counter() - started:.0f} s", file=sys.stderr)


def timings(fn, items) -> dict:
    fn(items[0])  # warm caches
    samples = []
    for item in items:
        started = time.perf_counter()
        fn(item)
        samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    return {
        "runs": len(samples),
        "median_ms": round(statistics.median(samples), 1),
        "p95_ms": round(samples[int(len(samples) * 0.95) - 1], 1),
        "max_ms": round(samples[-1], 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--lookups", type=int, default=300)
    parser.add_argument("--reload", action="store_true")
    args = parser.parse_args()
    setup_django()

    from django.db import connection
    from django.test import Client

    from reviews.models import Article, Claim
    from reviews.search import matching
    from tests.factories import EditorFactory
    from tests.search.matching_pairs import CASES

    if connection.vendor != "postgresql":
        sys.exit("This benchmark needs PostgreSQL (DATABASE_URL=postgres://...).")
    if args.reload:
        Article.objects.all().delete()
    if Claim.objects.count() < args.claims:
        Article.objects.all().delete()
        load(args.claims)
    count = Claim.objects.count()
    rng = random.Random(11)
    ids = list(Claim.objects.values_list("pk", flat=True))
    sample = list(Claim.objects.filter(pk__in=rng.sample(ids, args.lookups)))
    planted = list(Claim.objects.filter(text__in=[c.claim for c in CASES]))

    def lookup(claim):
        return matching.similar_claims(claim)

    found = {c.text: [m.claim.text for m in lookup(c)] for c in planted}
    recall = sum(1 for case in CASES if found.get(case.claim) and found[case.claim][0] == case.same)
    similar = timings(lookup, sample + planted)

    editor = EditorFactory(username=f"bench-{time.time_ns()}")
    client = Client()
    client.force_login(editor)
    queries = [
        "advanced kilometres",
        "drones overnight",
        "power plant million euros",
        "unemployment percent March",
        "Kozinka",
        "evacuated flood",
        '"shot down" drones',
        "protesters detained",
    ]

    def page(q, htmx=False):
        headers = {"HX-Request": "true"} if htmx else {}
        response = client.get("/search/", {"q": q}, headers=headers)
        assert response.status_code == 200

    search_full = timings(page, queries * 5)
    search_htmx = timings(lambda q: page(q, htmx=True), queries * 5)
    search_filtered = timings(
        lambda q: client.get("/search/", {"q": q, "verdict": "disputed", "kind": "articles"}),
        queries * 5,
    )
    # The article tables at 10,000 articles: the first page and a deep one.
    article_list = timings(lambda n: client.get("/", {"page": n}), [1, 50, 100, 150] * 5)
    dashboard = timings(
        lambda n: client.get("/dashboard/", {"status": "all", "sort": "-added", "page": n}),
        [1, 50, 100, 150] * 5,
    )
    editor.delete()

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        pg_version = cursor.fetchone()[0]
    result = {
        "benchmark": "bench/similar_claims.py",
        "claims": count,
        "articles": Article.objects.count(),
        "similar_claim_lookup": similar,
        "similar_claim_target_p95_ms": 100,
        "search_target_median_ms": 50,
        "planted_pairs_found_first": f"{recall}/{len(CASES)}",
        "search_page_full": search_full,
        "search_page_htmx_partial": search_htmx,
        "search_page_articles_filtered": search_filtered,
        "article_list_page": article_list,
        "dashboard_page": dashboard,
        "load_average_at_end": os.getloadavg()[0],
        "postgresql": pg_version,
        "python": platform.python_version(),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores",
        "note": "Wall-clock in-process timings (Django test client, no network).",
    }
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
