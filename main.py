"""Storyreel: open the window, or run a command (`python main.py --help`)."""

from __future__ import annotations

import sys


def opens_window(argv: list[str]) -> bool:
    """Whether these arguments open the window: none, or one project file (as a file manager passes it)."""
    return not argv or (len(argv) == 1 and argv[0].lower().endswith(".reel") and not argv[0].startswith("-"))


def main(argv: list[str] | None = None) -> int:
    """Open the window for no arguments or one .reel file; run a command (or say what is wrong) otherwise."""
    from app.diagnostics.log_file import log_faults, setup_logging

    log_file = setup_logging()
    if argv is None:  # the process's own command line: an entry point, so fatal errors are logged too
        log_faults(log_file)
    argv = sys.argv[1:] if argv is None else argv
    if not opens_window(argv):
        from app.cli.exit_codes import ExitCode
        from app.cli.main import run_cli

        try:
            return run_cli(argv)
        except Exception as exc:  # a bug, not bad input: full details to the log, one line to the person
            import logging

            logging.getLogger("app.cli").exception("unexpected error in %s", argv[0])
            first = (str(exc).strip() or type(exc).__name__).splitlines()[0]
            print(f"storyreel: unexpected error: {first} (details in {log_file})", file=sys.stderr)
            return ExitCode.FAILED
    from ui.shell.app_main import run

    return run(argv)


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:  # output piped into `head` and the like
        sys.exit(0)
