"""docs/cli.md, written from the parser itself (`make docs`), so the manual and the flags never differ."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator
from pathlib import Path

WIDTH = 100  # columns argparse wraps the help to: the same text on every terminal

HEADER = """# The command line

`python main.py COMMAND ...` (or `storyreel-cli COMMAND ...` once installed) runs Storyreel
without a window. `python main.py` alone, or with one `.reel` file, opens the window.

Exit codes: 0 done, 1 the work failed (the message says why), 2 bad input (the message says what to
fix), 130 stopped by Ctrl+C. Failures are logged with their tracebacks in `storyreel.log`.

This page is generated from the parser by `make docs`; a test fails when it is out of date.
"""


def _subcommands(parser: argparse.ArgumentParser) -> Iterator[tuple[str, argparse.ArgumentParser]]:
    """(help, parser) of each subcommand a parser has, in the order of its help."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            helps = {a.dest: a.help or "" for a in action._choices_actions}
            for name, sub in action.choices.items():
                yield helps.get(name, ""), sub


def _sections(parser: argparse.ArgumentParser, level: int) -> Iterator[str]:
    for summary, sub in _subcommands(parser):
        yield f"{'#' * level} `{sub.prog}`\n\n{summary[:1].upper() + summary[1:]}.\n"
        yield f"```text\n{sub.format_help().rstrip()}\n```\n"
        yield from _sections(sub, level + 1)


def cli_reference() -> str:
    """The Markdown for every command and action, with argparse's own help text."""
    from app.cli.main import build_parser

    previous = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = str(WIDTH + 2)  # argparse wraps to the terminal's width less 2
    try:
        parser = build_parser()
        parts = [HEADER, f"```text\n{parser.format_help().rstrip()}\n```\n", *_sections(parser, 2)]
    finally:
        if previous is None:
            del os.environ["COLUMNS"]
        else:
            os.environ["COLUMNS"] = previous
    return "\n".join(parts)


def write_cli_reference(path: Path) -> None:
    """Write the reference to path, whole or not at all."""
    from engine.storage.atomic_file import write_bytes_atomic

    write_bytes_atomic(path, cli_reference().encode("utf-8"))


if __name__ == "__main__":
    write_cli_reference(Path(sys.argv[1]))
