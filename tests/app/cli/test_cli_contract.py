"""The import contract that keeps app.cli an entry point covers every other app sub-package."""

from __future__ import annotations

from pathlib import Path

import pytest

tomllib = pytest.importorskip("tomllib")  # Python 3.11+

ROOT = Path(__file__).resolve().parents[3]


def _contract(name: str) -> dict:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return next(c for c in config["tool"]["importlinter"]["contracts"] if c["name"] == name)


def test_every_app_sub_package_but_cli_is_forbidden_to_import_it():
    contract = _contract("Only main and app.cli import app.cli")
    packages = {f"app.{p.parent.name}" for p in (ROOT / "app").glob("*/__init__.py")}
    assert "app.cli" in packages and len(packages) > 5
    assert set(contract["source_modules"]) == (packages - {"app.cli"}) | {"engine", "ui"}
    assert contract["forbidden_modules"] == ["app.cli"]
