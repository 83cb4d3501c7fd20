"""Storyreel: open the window, or run a command (`python main.py --help`)."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    """Run a CLI command when one is named, else open the window (with any .reel files given)."""
    argv = sys.argv[1:] if argv is None else argv
    from app.cli import COMMANDS, run_cli

    if argv and (argv[0] in COMMANDS or argv[0].startswith("-")):
        return run_cli(argv)
    from ui.app_main import run

    return run(argv)


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:  # output piped into `head` and the like
        sys.exit(0)
