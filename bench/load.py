"""Load: 20 simulated editors (locust) for 60 s on two gunicorn instances sharing one
PostgreSQL, every request alternating between the two ports, setting verdicts and notes on a
shared set of claims. Afterwards every accepted save must be a history row (no lost update).

    python -m bench.load [--users 20] [--seconds 60] [--claims 30]
"""

from __future__ import annotations

import argparse
import itertools
import random
import sys
import time
from collections import Counter
from pathlib import Path

import gevent  # noqa: I001  (locust has already patched the standard library)
import psycopg
from locust import HttpUser, between, task
from locust.env import Environment

from bench.common import bench_database_url, bench_env, make_article, write_result
from scripts.prodenv import CLAIM_CARD, Server, WebClient, claims_on_page, prepare_database

VERDICTS = ["corroborated", "disputed", "unverified"]
state = {"hosts": [], "article": 0, "claims": []}
tally = {"accepted": 0, "conflicts": 0, "server_errors": 0, "bare": 0, "unknown": 0, "other": 0}
accepted_notes: set[str] = set()
said_nothing_saved: set[str] = set()  # notes of saves answered "Nothing was saved"
bare_kinds: Counter[str] = Counter()  # what the bare errors were, for the report


def server_error(response, note: str = "") -> None:
    """Count a 5xx: the 503 that says what happened, or a bare error page."""
    tally["server_errors"] += 1
    body = response.text or ""
    if response.status_code != 503 or "database" not in body:
        tally["bare"] += 1
        bare_kinds[f"{response.status_code} {' '.join(body.split())[:80]}"] += 1
    elif "Nothing was saved" in body and note:
        said_nothing_saved.add(note)
    elif "not known whether" in body:
        tally["unknown"] += 1
    response.failure(f"{response.status_code}")


serial = itertools.count()


class Editor(HttpUser):
    wait_time = between(0.05, 0.25)  # editors at machine speed: this is a stress test

    def on_start(self) -> None:
        # Log in once through a WebClient (Secure cookies over plain loopback), then send
        # the session cookie by hand: the same session works on both app servers.
        login = WebClient(state["hosts"][0])
        login.login(random.choice(["editor", "editor2"]))
        self.cookie = "; ".join(f"{k}={v}" for k, v in login.cookies.items())
        self.csrf = login.cookies["csrftoken"]
        self.hosts = itertools.cycle(state["hosts"])
        self.known = {}
        self.refresh()

    def headers(self, **extra: str) -> dict[str, str]:
        return {"Cookie": self.cookie, "X-Forwarded-Proto": "https", **extra}

    def refresh(self) -> None:
        url = f"{next(self.hosts)}/articles/{state['article']}/"
        with self.client.get(
            url, headers=self.headers(), name="review page", catch_response=True
        ) as response:
            if response.status_code >= 500:
                server_error(response)
                return
            self.known = claims_on_page(response.text)

    @task(10)
    def set_verdict(self) -> None:
        if not self.known:
            return self.refresh()
        claim = random.choice(state["claims"])
        verdict, version = self.known.get(claim, ("unreviewed", 1))
        note = f"load {next(serial)}"  # unique: every accepted save is a real change
        data = {
            "verdict": random.choice(VERDICTS),
            "note": note,
            "version": version,
            "confirm_no_evidence": "1",
        }
        host = next(self.hosts)
        with self.client.post(
            f"{host}/claims/{claim}/review/",
            data=data,
            headers=self.headers(
                **{"HX-Request": "true", "X-CSRFToken": self.csrf, "Origin": "https://127.0.0.1"}
            ),
            name="verdict post",
            catch_response=True,
        ) as response:
            card = CLAIM_CARD.search(response.text or "")
            if response.status_code == 200:
                tally["accepted"] += 1
                accepted_notes.add(note)
            elif response.status_code == 409:
                tally["conflicts"] += 1
                response.success()  # a refused stale save is the app working
            elif response.status_code >= 500:
                server_error(response, note)
            else:
                tally["other"] += 1
                response.failure(f"{response.status_code}")
            if card:
                self.known[claim] = (card.group(2), int(card.group(3)))

    @task(1)
    def poll(self) -> None:
        self.refresh()


def prepare(name: str, claims: int, ports: tuple[int, int], workers: int):
    env = bench_env(bench_database_url(name))
    prepare_database(env)
    article = make_article(env, claims)
    servers = [
        Server(port, env, workers=workers, log_path=Path(f"/tmp/bench-{name}-{port}.log")).start()
        for port in ports
    ]
    for server in servers:
        server.wait_healthy()
    with psycopg.connect(env["DATABASE_URL"]) as conn:
        pks = [
            r[0]
            for r in conn.execute("SELECT id FROM reviews_claim WHERE article_id = %s", [article])
        ]
    state.update(hosts=[s.url for s in servers], article=article, claims=pks)
    return env, servers


def run(users: int, seconds: float, during=None) -> dict:
    # stop_timeout: at the end users finish the request in flight, so every save is counted.
    env = Environment(user_classes=[Editor], host=state["hosts"][0], stop_timeout=30)
    runner = env.create_local_runner()
    runner.start(users, spawn_rate=users)
    started = time.monotonic()
    if during:
        gevent.spawn(during)
    gevent.sleep(seconds)
    runner.stop()
    runner.quit()
    elapsed = time.monotonic() - started
    total = env.stats.total
    return {
        "requests": total.num_requests,
        "throughput_rps": round(total.num_requests / elapsed, 1),
        "median_ms": total.get_response_time_percentile(0.5),
        "p95_ms": total.get_response_time_percentile(0.95),
        "by_request": {
            name: {
                "requests": entry.num_requests,
                "median_ms": entry.get_response_time_percentile(0.5),
                "p95_ms": entry.get_response_time_percentile(0.95),
            }
            for (name, _method), entry in env.stats.entries.items()
        },
    }


def audit(database_url: str) -> dict:
    """History rows against accepted saves: same count, and every accepted note is stored."""
    with psycopg.connect(database_url) as conn:
        notes = {
            r[0]
            for r in conn.execute(
                "SELECT note FROM reviews_verdictrecord WHERE claim_id = ANY(%s)",
                [state["claims"]],
            )
        }
        saves = conn.execute(
            "SELECT sum(version - 1) FROM reviews_claim WHERE id = ANY(%s)", [state["claims"]]
        ).fetchone()[0]
    return {
        "accepted_saves": tally["accepted"],
        "conflicts_409": tally["conflicts"],
        "server_errors_5xx": tally["server_errors"],
        "bare_5xx_without_the_503_message": tally["bare"],
        "bare_5xx_kinds": dict(bare_kinds.most_common(5)),
        "answered_outcome_unknown": tally["unknown"],
        "answered_nothing_saved": len(said_nothing_saved),
        "answered_nothing_saved_but_committed": len(said_nothing_saved & notes),
        "other_errors": tally["other"],
        "history_rows": len(notes),
        "claim_versions_advanced": int(saves or 0),
        "accepted_missing_from_history": len(accepted_notes - notes),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--claims", type=int, default=30)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers per server")
    args = parser.parse_args()
    env, servers = prepare("load", args.claims, (8721, 8722), args.workers)
    try:
        figures = run(args.users, args.seconds)
    finally:
        for server in servers:
            server.stop()
    books = audit(env["DATABASE_URL"])
    write_result(
        "load",
        {
            "how": f"locust, {args.users} editors, {args.seconds:.0f} s, two gunicorn instances "
            f"({args.workers} sync workers each) alternating, one PostgreSQL, "
            f"{args.claims} shared claims",
            **figures,
            **books,
            "targets": {
                "no_server_errors": books["server_errors_5xx"] == 0,
                "no_lost_update": books["accepted_saves"]
                == books["history_rows"]
                == books["claim_versions_advanced"]
                and books["accepted_missing_from_history"] == 0,
            },
        },
    )


if __name__ == "__main__":
    sys.exit(main())
