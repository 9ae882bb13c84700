"""Benchmark settings: production settings plus the bare view (bench/bare_urls.py).

Served over plain HTTP on loopback (the benches send X-Forwarded-Proto: https like a proxy).
"""

from factcheck.settings import *  # noqa: F403

ROOT_URLCONF = "bench.bare_urls"
