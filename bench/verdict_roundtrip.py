"""Verdict htmx round trip over HTTP: POST a verdict with HX-Request to gunicorn (the
container's command, one worker) and read the claim-card fragment; median, p95 and size,
against two anchors through the same server and session, interleaved: a bare read (a fixed
string) and a bare write (the same conditional UPDATE and one INSERT in one transaction,
bench/bare_urls.py), on other claims of the same article.

    python -m bench.verdict_roundtrip [--claims 300] [--rounds 200]
"""

import argparse
import sys
import time

from bench.common import bench_database_url, bench_env, make_article, summary, write_result
from scripts.prodenv import CLAIM_CARD, Server, WebClient, claims_on_page, prepare_database

VERDICTS = ["corroborated", "disputed", "unverified"]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--claims", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=200)
    parser.add_argument("--port", type=int, default=8711)
    args = parser.parse_args()

    env = bench_env(bench_database_url("verdict"))
    prepare_database(env)
    pk = make_article(env, args.claims)
    server = Server(args.port, env, workers=1).start()
    try:
        server.wait_healthy()
        client = WebClient(server.url)
        client.login("editor")
        claims = claims_on_page(client.get(f"/articles/{pk}/").text)
        pks = sorted(claims)[::2]  # the others take the bare writes
        written = {c: claims[c][1] for c in sorted(claims)[1::2]}
        saves, bare, bare_writes, sizes = [], [], [], []
        for n in range(args.rounds + 10):
            claim = pks[n % len(pks)]
            verdict, version = claims[claim]
            new = VERDICTS[(VERDICTS.index(verdict) + 1) % 3 if verdict in VERDICTS else 0]
            data = {"verdict": new, "note": f"round {n}", "version": version}
            data["confirm_no_evidence"] = "1"
            started = time.perf_counter()
            response = client.post(f"/claims/{claim}/review/", data, headers={"HX-Request": "true"})
            elapsed = (time.perf_counter() - started) * 1000
            assert response.status == 200, response.status
            card = CLAIM_CARD.search(response.text)
            claims[claim] = (card.group(2), int(card.group(3)))
            started = time.perf_counter()
            assert client.get("/bench/bare/").status == 200
            bare_elapsed = (time.perf_counter() - started) * 1000
            other = sorted(written)[n % len(written)]
            data = {"claim": other, "version": written[other], "verdict": new, "note": f"w {n}"}
            started = time.perf_counter()
            answer = client.post("/bench/bare-write/", data)
            write_elapsed = (time.perf_counter() - started) * 1000
            assert answer.status == 200 and answer.text.isdigit(), (answer.status, answer.text)
            written[other] = int(answer.text)
            if n >= 10:  # the first rounds warm up the worker
                saves.append(elapsed)
                bare.append(bare_elapsed)
                bare_writes.append(write_elapsed)
                sizes.append(len(response.body))
    finally:
        server.stop()
    verdict_stats, bare_stats, write_stats = summary(saves), summary(bare), summary(bare_writes)
    ratio = verdict_stats["median_ms"] / bare_stats["median_ms"]
    write_ratio = verdict_stats["median_ms"] / write_stats["median_ms"]
    write_result(
        "verdict_roundtrip",
        {
            "claims_in_article": args.claims,
            "how": "HTTP keep-alive to gunicorn (1 sync worker) + PostgreSQL on loopback",
            "verdict_post": verdict_stats | {"response_bytes_max": max(sizes)},
            "bare_view": bare_stats,
            "bare_write": write_stats,
            "verdict_vs_bare_median": round(ratio, 2),
            "verdict_vs_bare_write_median": round(write_ratio, 2),
            "targets": {
                "time<=2x_bare_write": write_ratio <= 2,
                "partial<=4KB": max(sizes) <= 4096,
            },
        },
    )


if __name__ == "__main__":
    sys.exit(main())
