"""The review page of a 2,000,000-character article (one claim per sentence, about 23,000):
the first response's size, queries and server time, and the cost of a full card and of the
list's next window.

In-process (Django test client, no HTTP) on PostgreSQL, production settings.

    python -m bench.big_article_page [--chars 2000000] [--rounds 5]
"""

import argparse
import os
import sys
import time

from bench.common import ROOT, bench_database_url, bench_env, make_article, summary, write_result
from scripts.prodenv import manage, recreate_database

SENTENCE_CHARS = 86  # bench/make_article.py's sentences, with the space between them


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--chars", type=int, default=2_000_000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()

    env = bench_env(bench_database_url("big"), ALLOWED_HOSTS="testserver")
    recreate_database(env["DATABASE_URL"])
    manage(env, "migrate", "--noinput")
    manage(env, "load_demo")
    pk = make_article(env, args.chars // SENTENCE_CHARS)

    os.environ.update(env)
    os.chdir(ROOT)
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from reviews.models import Article

    article = Article.objects.get(pk=pk)
    claim = article.claims.order_by("start").last()
    editor = Client()
    editor.force_login(get_user_model().objects.get(username="editor"))
    htmx = {"X-Forwarded-Proto": "https", "HX-Request": "true"}
    urls = {
        "review_page": (f"/articles/{pk}/", {"X-Forwarded-Proto": "https"}),
        "full_card": (f"/claims/{claim.pk}/card/", htmx),
        "next_window": (f"/articles/{pk}/claims/?from=30", htmx),
    }
    results = {}
    for name, (url, headers) in urls.items():
        samples = []
        for _ in range(args.rounds):
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                response = editor.get(url, headers=headers)
                samples.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, (name, response.status_code)
        results[name] = {
            "url": url,
            "queries": len(queries),
            "bytes": len(response.content),
        } | summary(samples)
    page = results["review_page"]
    write_result(
        "big_article_page",
        {
            "chars": len(article.body),
            "claims": article.claims.count(),
            "how": "in-process Django test client, PostgreSQL on loopback, DEBUG off",
            "pages": results,
            "targets": {
                "first_response<=300KB": page["bytes"] <= 300_000,
                "server_time<=1s": page["median_ms"] <= 1000,
            },
        },
    )


if __name__ == "__main__":
    sys.exit(main())
