"""The layout's rules (docs/architecture.md) hold: the import-linter contracts in
pyproject.toml are kept, and no module in reviews/ is over 400 lines."""

import tomllib
from pathlib import Path

from importlinter.cli import EXIT_STATUS_SUCCESS, lint_imports

ROOT = Path(__file__).resolve().parents[2]


def test_import_contracts_are_kept():
    """No cycle, no core module importing a leaf, no view imported but by URL modules."""
    config = str(ROOT / "pyproject.toml")
    assert lint_imports(config_filename=config, no_cache=True) == EXIT_STATUS_SUCCESS


def test_the_layout_rules_are_all_there():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    types = {c["type"] for c in config["tool"]["importlinter"]["contracts"]}
    assert types == {"forbidden", "independence", "protected", "acyclic_siblings"}


def test_no_module_in_reviews_is_over_400_lines():
    long = {
        str(path.relative_to(ROOT)): n
        for path in (ROOT / "reviews").rglob("*.py")
        if "migrations" not in path.parts
        and (n := len(path.read_text(encoding="utf-8").splitlines())) > 400
    }
    assert long == {}
