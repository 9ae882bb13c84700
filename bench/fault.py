"""Fault: restart PostgreSQL in the middle of a load run (locust, as bench/load.py) without
touching gunicorn. Measures how long the app takes to answer /healthz again on both servers
once the database is back, counts the errors during the outage, and checks that no accepted
save is missing. WARNING: restarts the local PostgreSQL cluster for a second or two.

    python -m bench.fault [--users 20] [--seconds 40] [--restart-at 15]
"""

import argparse
import subprocess
import sys
import time

import gevent  # noqa: I001

from bench import load
from bench.common import write_result
from scripts.prodenv import WebClient

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
            "targets": {
                "answers_within_5s": max(recovery.values()) <= 5,
                "gunicorn_not_restarted": all(alive),
                "no_accepted_save_missing": books["accepted_missing_from_history"] == 0,
            },
        },
    )


if __name__ == "__main__":
    sys.exit(main())
