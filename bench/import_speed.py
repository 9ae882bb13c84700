"""Time a whole import of a ~10,000-word article: text in, claims proposed and stored.

    python -m bench.import_speed [--runs 5]

Pastes the article (as the import page does), stores it, applies every glue-word fix and
proposes its claims, on a throwaway SQLite database or on DATABASE_URL if set. Reports
the median of the warm runs (the first also loads the word list and the model), the
claims stored, and the review page's query count for that article against a 5-claim
one. Writes bench/results/import_speed.json. Target: under 1 second.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results" / "import_speed.json"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    scratch = tempfile.mkdtemp()
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{scratch}/import_bench.sqlite3")
    # Production settings minus the HTTPS redirect (the page is fetched with the test client).
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    from bench.detection_speed import synthetic_article
    from reviews import spans
    from reviews.ingest.detection import find_glued_words
    from reviews.ingest.importing import create_article, draft_from_text
    from reviews.models import Article
    from tests.factories import ClaimFactory, EditorFactory

    call_command("migrate", verbosity=0)
    setup_test_environment()
    text = synthetic_article()
    words = len(text.split())
    timings, claims = [], 0
    for run in range(args.runs + 1):
        Article.objects.all().delete()
        started = time.perf_counter()
        draft = draft_from_text(text, origin=Article.Origin.PASTE)
        article, _ = create_article(draft, user=None)
        spans.apply_repairs(article=article, editor=None, chosen=article.repairs)
        elapsed = time.perf_counter() - started
        claims = article.claims.count()
        if run:  # the first run also loads the word list and the model
            timings.append(elapsed)
        print(f"run {run}: {elapsed:.3f} s, {len(find_glued_words(text))} fixes, {claims} claims")

    editor = EditorFactory(username="bench-editor")
    small = ClaimFactory().article
    client = Client()
    client.force_login(editor)

    def queries(target) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(target.get_absolute_url()).status_code == 200
        return len(captured)

    result = {
        "words": words,
        "claims_proposed": claims,
        "median_seconds": round(statistics.median(timings), 3),
        "max_seconds": round(max(timings), 3),
        "target_seconds": 1.0,
        "review_page_queries": {"imported": queries(article), "five_claims": queries(small)},
        "database": connection.vendor,
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}",
    }
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
