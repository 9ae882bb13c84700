"""The lock files pin every dependency pyproject.toml names, with hashes.

The Docker image installs requirements.lock, `make test` and CI requirements-dev.lock, the
benchmarks requirements-bench.lock (all with --require-hashes); `make lock` rewrites them.
A dependency added to or tightened in pyproject.toml without `make lock` fails here.
"""

import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[2]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
EXTRAS = PYPROJECT["project"]["optional-dependencies"]
# What each lock must hold: the project's dependencies, its extras, and the build backend
# (the project is installed with --no-build-isolation, so nothing unhashed is downloaded).
LOCKS = {
    "requirements.lock": ["runtime", "build"],
    "requirements-dev.lock": ["runtime", "build", "dev"],
    "requirements-bench.lock": ["runtime", "build", "dev", "bench"],
}
GROUPS = {
    "runtime": PYPROJECT["project"]["dependencies"],
    "build": PYPROJECT["build-system"]["requires"],
    "dev": EXTRAS["dev"],
    "bench": EXTRAS["bench"],
}
# The lock's target: the Docker image (python:3.12-slim) and CI, both Linux x86_64.
TARGET = {"python_version": "3.12", "sys_platform": "linux", "platform_machine": "x86_64"}
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+)")


def entries(lock: str) -> list[str]:
    """The lock's entries as pip reads them: a `name==version` line and what it continues to."""
    text = (ROOT / lock).read_text(encoding="utf-8").replace("\\\n", " ")
    return [line for line in text.splitlines() if PIN.match(line)]


def pins(lock: str) -> dict[str, Version]:
    return {
        canonicalize_name(match[1]): Version(match[2])
        for match in (PIN.match(entry) for entry in entries(lock))
    }


@pytest.mark.parametrize(("lock", "groups"), LOCKS.items())
def test_every_dependency_in_pyproject_is_pinned_in_the_lock(lock, groups):
    locked = pins(lock)
    wanted = [Requirement(line) for group in groups for line in GROUPS[group]]
    wanted = [r for r in wanted if r.marker is None or r.marker.evaluate(TARGET)]
    missing = [str(r) for r in wanted if canonicalize_name(r.name) not in locked]
    assert not missing, f"{lock} does not pin {missing}: run `make lock`"
    outside = [
        f"{r} (locked {locked[canonicalize_name(r.name)]})"
        for r in wanted
        if not r.specifier.contains(locked[canonicalize_name(r.name)], prereleases=True)
    ]
    assert not outside, f"{lock} pins versions pyproject.toml rules out: {outside}"


@pytest.mark.parametrize("lock", LOCKS)
def test_every_locked_package_has_a_hash(lock):
    found = entries(lock)
    assert len(found) > 10
    unhashed = [entry.split()[0] for entry in found if "--hash=sha256:" not in entry]
    assert not unhashed, f"{lock}: no hash for {unhashed} (pip --require-hashes refuses)"


def test_the_image_ships_the_versions_the_tests_ran_on():
    runtime, dev, bench = (pins(lock) for lock in LOCKS)
    assert {name: dev[name] for name in runtime if name in dev} == runtime
    assert {name: bench[name] for name in dev if name in bench} == dev


def test_docker_and_make_install_the_locks_and_nothing_else():
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    assert "pip install --no-cache-dir --require-hashes -r requirements.lock" in dockerfile
    assert "--no-deps --no-build-isolation -e ." in dockerfile
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "$(STAMP): pyproject.toml requirements.lock requirements-dev.lock" in makefile
    assert "--require-hashes -r requirements-dev.lock" in makefile
    assert "--require-hashes -r requirements-bench.lock" in makefile
