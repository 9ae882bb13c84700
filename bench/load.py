"""Load: 20 simulated editors (locust) for 60 s on two gunicorn instances sharing one
PostgreSQL, every request alternating between the two ports, triaging one article of 2,000
claims (verdicts and notes, conditional updates), while pasted texts are imported through
the task queue by one db_worker process on the same database. Afterwards every accepted save
must be a history row (no lost update), and every import done once (one worker attempt, one
article).

    python -m bench.load [--users 20] [--seconds 60] [--claims 2000] [--ports 8721 8722]
"""

from __future__ import annotations

import argparse
import itertools
import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import gevent  # noqa: I001  (locust has already patched the standard library)
import psycopg
from locust import HttpUser, between, task
from locust.env import Environment

from bench.common import bench_database_url, bench_env, make_article, write_result
from scripts.prodenv import (
    CLAIM_CARD,
    PYTHON,
    ROOT,
    Server,
    WebClient,
    claims_on_page,
    prepare_database,
)

VERDICTS = ["corroborated", "disputed", "unverified"]
state = {"hosts": [], "article": 0, "claims": [], "sessions": []}
tally = {"accepted": 0, "conflicts": 0, "server_errors": 0, "bare": 0, "unknown": 0, "other": 0}
accepted_notes: set[str] = set()
said_nothing_saved: set[str] = set()  # notes of saves answered "Nothing was saved"
bare_kinds: Counter[str] = Counter()  # what the bare errors were, for the report
imports = {"posted": 0, "queued": 0, "server_errors": 0, "other": Counter()}
IMPORT_ABOVE_CHARS = 2000  # the servers send pastes over this many characters to the worker


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
        cookies = random.choice(state["sessions"])  # logged in before the run (see prepare)
        self.cookie = "; ".join(f"{k}={v}" for k, v in cookies.items())
        self.csrf = cookies["csrftoken"]
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
    env = bench_env(bench_database_url(name), IMPORT_IN_WORKER_ABOVE_CHARS=str(IMPORT_ABOVE_CHARS))
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
    # Sign in once per editor account, one after the other: twenty password hashes at the
    # same moment would only measure the login.
    sessions = []
    for username in ("editor", "editor2"):
        login = WebClient(servers[0].url)
        login.login(username)
        sessions.append(dict(login.cookies))
    state.update(hosts=[s.url for s in servers], article=article, claims=pks, sessions=sessions)
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


def start_worker(env: dict[str, str]) -> subprocess.Popen:
    """One db_worker, as the container's worker service starts it (scripts/worker.sh)."""
    log = open("/tmp/bench-load-worker.log", "w")  # noqa: SIM115
    return subprocess.Popen(
        ["sh", "scripts/worker.sh"],
        cwd=ROOT,
        env=env | {"PYTHON": PYTHON},
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def importer(every: float = 3.0) -> None:
    """An editor pasting articles while the others triage: each a new text, over the
    in-worker threshold, so it becomes an ImportJob and a task for the worker."""
    client = WebClient(state["hosts"][1], cookies=dict(state["sessions"][1]))
    while True:
        n = next(serial)
        sentences = [
            f"Officials in district {n} said {n * 7 + i} homes lost power on day {i}, "
            f"and the mayor promised {i + 3} new generators by the end of the month."
            for i in range(30)
        ]
        text = " ".join(sentences)
        data = {"method": "paste", "paste-title": f"Load import {n}", "paste-text": text}
        imports["posted"] += 1
        try:
            response = client.post("/articles/new/", data)
        except OSError as error:
            imports["other"][type(error).__name__] += 1
        else:
            if response.status == 302 and "/imports/" in response.headers.get("location", ""):
                imports["queued"] += 1
            elif response.status >= 500:
                imports["server_errors"] += 1
            else:
                imports["other"][str(response.status)] += 1
        gevent.sleep(every)


def import_audit(database_url: str, wait: float = 180) -> dict:
    """Wait for the worker to finish what was queued, then: each job done once (one
    attempt), one article per job, no article twice."""
    deadline = time.monotonic() + wait
    with psycopg.connect(database_url, autocommit=True) as conn:
        while time.monotonic() < deadline:
            left = conn.execute(
                "SELECT count(*) FROM ingest_importjob WHERE status IN ('queued', 'running')"
            ).fetchone()[0]
            if not left:
                break
            time.sleep(1)
        rows = conn.execute("SELECT status, attempts, article_id FROM ingest_importjob").fetchall()
        titles = conn.execute(
            "SELECT count(*), count(DISTINCT title) FROM reviews_article"
            " WHERE title LIKE 'Load import %%'"
        ).fetchone()
    statuses = Counter(status for status, _, _ in rows)
    linked = [article for _, _, article in rows if article]
    return {
        "imports_posted": imports["posted"],
        "imports_queued": imports["queued"],
        "import_server_errors_5xx": imports["server_errors"],
        "import_other_answers": dict(imports["other"]),
        "jobs": len(rows),
        "jobs_by_status": dict(statuses),
        "jobs_run_more_than_once": sum(1 for _, attempts, _ in rows if attempts > 1),
        "imported_articles": titles[0],
        "imported_articles_distinct": titles[1],
        "jobs_sharing_an_article": len(linked) - len(set(linked)),
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
    parser.add_argument("--claims", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers per server")
    parser.add_argument("--ports", type=int, nargs=2, default=(8721, 8722))
    args = parser.parse_args()
    env, servers = prepare("load", args.claims, tuple(args.ports), args.workers)
    worker = start_worker(env)
    try:
        figures = run(args.users, args.seconds, during=importer)
        jobs = import_audit(env["DATABASE_URL"])
    finally:
        for server in servers:
            server.stop()
        os.killpg(worker.pid, signal.SIGTERM)
        worker.wait(timeout=30)
    books = audit(env["DATABASE_URL"])
    write_result(
        "load",
        {
            "how": f"locust, {args.users} editors, {args.seconds:.0f} s, two gunicorn instances "
            f"({args.workers} sync workers each) alternating, one PostgreSQL, "
            f"an article of {args.claims} claims, one db_worker importing pasted texts",
            **figures,
            **books,
            **jobs,
            "targets": {
                "imports_all_done": jobs["jobs_by_status"].get("done", 0) == jobs["jobs"] > 0,
                "no_task_run_twice": jobs["jobs_run_more_than_once"] == 0
                and jobs["jobs_sharing_an_article"] == 0
                and jobs["imported_articles"] == jobs["imported_articles_distinct"],
                "no_server_errors": books["server_errors_5xx"] == 0
                and jobs["import_server_errors_5xx"] == 0,
                "no_lost_update": books["accepted_saves"]
                == books["history_rows"]
                == books["claim_versions_advanced"]
                and books["accepted_missing_from_history"] == 0,
            },
        },
    )


if __name__ == "__main__":
    sys.exit(main())
