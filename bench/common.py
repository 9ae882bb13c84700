"""Shared by the bench scripts: the production-like app servers, data and result files."""

from __future__ import annotations

import json
import os
import platform
import statistics
import subprocess
import time
from pathlib import Path

from scripts.prodenv import PYTHON, production_env

ROOT = Path(__file__).resolve().parent.parent

RESULTS = ROOT / "bench" / "results"


def bench_database_url(name: str) -> str:
    base = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
    prefix = os.environ.get("BENCH_DB_PREFIX", "factcheck_prod_bench_")
    return f"{base}/{prefix}{name}"


def bench_env(database_url: str, **extra: str) -> dict[str, str]:
    return production_env(
        database_url,
        DJANGO_SETTINGS_MODULE="bench.settings",
        PYTHONPATH=str(ROOT),
        LOG_LEVEL="WARNING",
        **extra,
    )


def make_article(env: dict[str, str], claims: int) -> int:
    """An article with `claims` claims, half of them reviewed; returns its pk."""
    out = subprocess.run(
        [PYTHON, "-m", "bench.make_article", str(claims)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return int(out.stdout.strip().splitlines()[-1])


def machine() -> dict:
    cpu = "unknown"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    mem_kb = 0
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        mem_kb = int(meminfo.read_text().split()[1])
    pg = subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-Atc", "SHOW server_version"],
        capture_output=True,
        text=True,
    ).stdout.strip()
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gb": round(mem_kb / 1024 / 1024),
        "os": platform.platform(),
        "python": platform.python_version(),
        "postgresql": pg,
    }


def summary(samples_ms: list[float]) -> dict:
    ordered = sorted(samples_ms)
    return {
        "n": len(ordered),
        "median_ms": round(statistics.median(ordered), 2),
        "p95_ms": round(ordered[max(0, int(len(ordered) * 0.95) - 1)], 2),
        "min_ms": round(ordered[0], 2),
    }


def write_result(name: str, data: dict) -> Path:
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"{name}.json"
    payload = {"benchmark": name, "taken_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"), **data}
    payload["machine"] = machine()
    path.write_text(json.dumps(payload, indent=2) + "\n")
    print(json.dumps(payload, indent=2))
    print(f"written to {path.relative_to(ROOT)}")
    return path
