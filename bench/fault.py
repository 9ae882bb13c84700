"""Fault: restart PostgreSQL in the middle of a load run (locust, as bench/load.py) without
touching gunicorn. Measures how long the app takes to answer /healthz again on both servers
once the database is back, counts the errors during the outage (bare 5xx pages, and
"Nothing was saved" answers for saves that were in fact committed), and checks that no
accepted save is missing. Then kills the gunicorn worker in the middle of a bulk verdict on
990 claims: either all of them change or none. WARNING: restarts the local PostgreSQL
cluster for a second or two.

    python -m bench.fault [--users 20] [--seconds 40] [--restart-at 15]
"""

import argparse
import http.client
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.parse

import gevent  # noqa: I001
import psycopg

from bench import load
from bench.common import make_article, write_result
from scripts.prodenv import Server, WebClient, claims_on_page

timeline: dict[str, float] = {}


def restart_postgres(at: float, servers) -> None:
    gevent.sleep(at)
    cluster = subprocess.run(
        ["pg_lsclusters", "--no-header"], capture_output=True, text=True, check=True
    ).stdout.split()[:2]
    timeline["restart_started"] = time.monotonic()
    subprocess.run(
        ["pg_ctlcluster", "--skip-systemctl-redirect", *cluster, "restart", "-m", "fast"],
        check=True,
    )
    while subprocess.run(["pg_isready", "-q", "-h", "127.0.0.1"]).returncode:
        gevent.sleep(0.05)
    timeline["database_back"] = time.monotonic()
    for server in servers:
        probe = WebClient(server.url)
        while True:
            try:
                if probe.get("/healthz").status == 200:
                    break
            except OSError:
                pass
            gevent.sleep(0.05)
        timeline[f"app_back_{server.port}"] = time.monotonic()


def children(pid: int) -> list[int]:
    found = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout
    return [int(p) for p in found.split()]


def workers(pid: int) -> list[int]:
    """The gunicorn workers under the server's process: the processes with no children."""
    below = children(pid)
    return [w for child in below for w in workers(child)] if below else [pid]


def bulk_kill(env: dict[str, str], claims: int = 990) -> dict:
    """Kill the only worker while it applies one verdict to `claims` claims in one request."""
    article = make_article(env, claims)
    server = Server(8733, env, workers=1).start()
    try:
        server.wait_healthy()
        client = WebClient(server.url)
        client.login("editor")
        shown = claims_on_page(client.get(f"/articles/{article}/").text)
        would_change = sum(1 for verdict, _ in shown.values() if verdict != "corroborated")
        data = [("verdict", "corroborated")] + [
            ("claims", f"{pk}:{version}") for pk, (_, version) in shown.items()
        ]
        with psycopg.connect(env["DATABASE_URL"], autocommit=True) as conn:
            before = versions(conn, article)
            answer: dict = {}
            poster = threading.Thread(target=post_bulk, args=(client, article, data, answer))
            poster.start()
            waited = wait_for_open_transaction(conn)  # the bulk's transaction, 50 ms in
            killed = workers(server.process.pid)
            for worker in killed:
                os.kill(worker, signal.SIGKILL)
            poster.join(60)
            server.wait_healthy()  # the master starts a new worker
            after = versions(conn, article)
        changed = sum(1 for pk, version in after.items() if version != before[pk])
    finally:
        server.stop()
    return {
        "bulk_claims_sent": len(shown),
        "bulk_claims_that_would_change": would_change,
        "bulk_claims_changed_after_kill": changed,
        "bulk_answer": answer.get("status", "connection dropped"),
        "bulk_all_or_none": changed in (0, would_change),
        "bulk_killed": {"pids": killed, "transaction_seen_after_s": waited},
    }


def versions(conn, article: int) -> dict[int, int]:
    rows = conn.execute("SELECT id, version FROM reviews_claim WHERE article_id = %s", [article])
    return dict(rows.fetchall())


def wait_for_open_transaction(conn, timeout: float = 30) -> float:
    """Until some other session of this database is inside a transaction (the bulk's);
    returns how long that took."""
    started = time.monotonic()
    deadline = started + timeout
    while time.monotonic() < deadline:
        busy = conn.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
            " AND pid <> pg_backend_pid() AND xact_start IS NOT NULL"
            " AND now() - xact_start > interval '50 milliseconds'"
        ).fetchone()[0]
        if busy:
            return round(time.monotonic() - started, 2)
        time.sleep(0.01)
    raise TimeoutError("the bulk verdict never opened a transaction")


def post_bulk(client, article: int, data: list, answer: dict) -> None:
    """One attempt, on its own connection (WebClient would resend it after a drop)."""
    connection = http.client.HTTPConnection(client.host, client.port, timeout=60)
    headers = {
        "Host": client.host,
        "X-Forwarded-Proto": "https",
        "Origin": f"https://{client.host}",
        "X-CSRFToken": client.cookies.get("csrftoken", ""),
        "Cookie": "; ".join(f"{k}={v}" for k, v in client.cookies.items()),
        "Content-Type": "application/x-www-form-urlencoded",
        "HX-Request": "true",
    }
    try:
        body = urllib.parse.urlencode(data)
        connection.request("POST", f"/articles/{article}/bulk/", body=body, headers=headers)
        answer["status"] = connection.getresponse().status
    except (OSError, http.client.HTTPException) as error:
        answer["status"] = f"connection dropped ({type(error).__name__})"
    finally:
        connection.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=40)
    parser.add_argument("--restart-at", type=float, default=15)
    parser.add_argument("--claims", type=int, default=30)
    args = parser.parse_args()
    env, servers = load.prepare("fault", args.claims, (8731, 8732), workers=2)
    masters = [server.process.pid for server in servers]
    try:
        figures = load.run(
            args.users, args.seconds, during=lambda: restart_postgres(args.restart_at, servers)
        )
        alive = [server.process.poll() is None for server in servers]
    finally:
        for server in servers:
            server.stop()
    books = load.audit(env["DATABASE_URL"])
    bulk = bulk_kill(env)
    back = timeline["database_back"]
    recovery = {
        f"app_answers_after_db_back_s_{s.port}": round(timeline[f"app_back_{s.port}"] - back, 2)
        for s in servers
    }
    write_result(
        "fault",
        {
            "how": f"as bench/load.py ({args.users} editors, {args.seconds:.0f} s); "
            f"PostgreSQL restarted (-m fast) at {args.restart_at:.0f} s",
            "database_down_s": round(back - timeline["restart_started"], 2),
            **recovery,
            "gunicorn_masters_kept": all(alive),
            "gunicorn_master_pids": masters,
            **figures,
            **books,
            **bulk,
            "targets": {
                "no_bare_5xx": books["bare_5xx_without_the_503_message"] == 0,
                "no_nothing_saved_for_a_committed_save": books[
                    "answered_nothing_saved_but_committed"
                ]
                == 0,
                "bulk_kill_all_or_none": bulk["bulk_all_or_none"],
                "answers_within_5s": max(recovery.values()) <= 5,
                "gunicorn_not_restarted": all(alive),
                "no_accepted_save_missing": books["accepted_missing_from_history"] == 0,
            },
        },
    )


if __name__ == "__main__":
    sys.exit(main())
