"""The seed article lives in ../shared beside the repo (as in CI); tests skip without it."""

from pathlib import Path

import pytest

SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "belgorod-raid.txt"


def read_seed() -> str:
    if not SEED.exists():
        pytest.skip(f"seed article not found at {SEED}")
    return SEED.read_text(encoding="utf-8")
