"""docs/cli.md is the parser's own help: a change to a flag without `make docs` fails here."""

from __future__ import annotations

from pathlib import Path

from app.cli.cli_reference import cli_reference, write_cli_reference
from app.cli.registry import registry

ROOT = Path(__file__).resolve().parents[3]


def test_docs_cli_md_is_up_to_date():
    written = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    assert written == cli_reference(), "docs/cli.md is stale: run `make docs` and commit it"


def test_the_reference_names_every_command_and_action(tmp_path, monkeypatch):
    monkeypatch.setenv("COLUMNS", "40")  # a narrow terminal changes nothing in the page
    text = cli_reference()
    for command in registry():
        assert f"## `main.py {command.name}`\n" in text
    for action in ("farm start", "preset import", "endpoint scale-to-zero"):
        assert f"### `main.py {action}`\n" in text
    assert "--memory-profile" in text and "exit" in text
    write_cli_reference(tmp_path / "cli.md")
    assert (tmp_path / "cli.md").read_text(encoding="utf-8") == text
