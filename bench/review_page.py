"""Review page of an article with 300 claims: SQL queries, HTML size and median time, against
Django admin's change page for the same article (claim inlines) and a bare view (a fixed
string).

In-process (Django test client, no HTTP) on PostgreSQL, production settings, interleaved
requests so all three see the same machine noise.

    python -m bench.review_page [--claims 300] [--rounds 40]
"""

import argparse
import os
import sys
import time

from bench.common import ROOT, bench_database_url, bench_env, make_article, write_result
from scripts.prodenv import manage, recreate_database


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--claims", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=40)
    args = parser.parse_args()

    env = bench_env(bench_database_url("review"), ALLOWED_HOSTS="testserver")
    recreate_database(env["DATABASE_URL"])
    manage(env, "migrate", "--noinput")
    manage(env, "load_demo")
    manage(env, "collectstatic", "--noinput")
    pk = make_article(env, args.claims)

    os.environ.update(env)
    os.chdir(ROOT)
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    users = get_user_model().objects
    editor, admin = Client(), Client()
    editor.force_login(users.get(username="editor"))
    admin.force_login(users.get(username="admin"))
    # Staff pass a second factor first: the session names the device, as after a right code.
    device = TOTPDevice.objects.create(user=users.get(username="admin"), confirmed=True)
    session = admin.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    pages = {
        "review_page": (editor, f"/articles/{pk}/"),
        "admin_change_page": (admin, f"/admin/reviews/article/{pk}/change/"),
        "bare_view": (editor, "/bench/bare/"),
    }
    results = {}
    for name, (client, url) in pages.items():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url, headers={"X-Forwarded-Proto": "https"})
        assert response.status_code == 200, (name, response.status_code)
        results[name] = {"url": url, "queries": len(queries), "bytes": len(response.content)}
    assert results["review_page"]["bytes"] > 0
    samples = {name: [] for name in pages}
    for _ in range(3):  # warm up templates and connections
        for client, url in pages.values():
            client.get(url, headers={"X-Forwarded-Proto": "https"})
    for _ in range(args.rounds):
        for name, (client, url) in pages.items():
            started = time.perf_counter()
            client.get(url, headers={"X-Forwarded-Proto": "https"})
            samples[name].append((time.perf_counter() - started) * 1000)

    from bench.common import summary

    for name in pages:
        results[name] |= summary(samples[name])
    review, admin_page = results["review_page"], results["admin_change_page"]
    ratio = review["median_ms"] / admin_page["median_ms"]
    write_result(
        "review_page",
        {
            "claims": args.claims,
            "how": "in-process Django test client, PostgreSQL on loopback, DEBUG off",
            "pages": results,
            "review_vs_admin_time": round(ratio, 3),
            "review_vs_bare_time": round(
                review["median_ms"] / results["bare_view"]["median_ms"], 1
            ),
            "targets": {
                "queries<=10": review["queries"] <= 10,
                "html<=150KB": review["bytes"] <= 150_000,
                "time<=0.15x_admin": ratio <= 0.15,
            },
        },
    )


if __name__ == "__main__":
    sys.exit(main())
