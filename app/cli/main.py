"""The headless command line: the parser and the dispatch, both derived from the command registry."""

from __future__ import annotations

import argparse
import difflib
import sys
from typing import NoReturn

from app.cli.error_boundary import run_command
from app.cli.exit_codes import ExitCode
from app.cli.output import fail
from app.cli.registry import command_names, find_command, registry


class _Parser(argparse.ArgumentParser):
    """argparse that exits with our bad-input code (2, as argparse already does) and a hint."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(ExitCode.BAD_INPUT, f"storyreel: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for every command in the registry."""
    from app import __version__

    parser = _Parser(prog="main.py", description="Storyreel: AI film-making with Wan 2.2.")
    parser.add_argument("--version", action="version", version=f"storyreel {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for command in registry():
        command.add_arguments(sub.add_parser(command.name, help=command.help))
    return parser


def unknown_command(name: str) -> str | None:
    """The message for a first argument that names no command (None when it names one or is a flag)."""
    if name.startswith("-") or find_command(name):
        return None
    close = difflib.get_close_matches(name, command_names(), n=1)
    hint = f" — did you mean '{close[0]}'?" if close else f"; the commands are {', '.join(command_names())}"
    return f"unknown command '{name}'{hint}"


def run_cli(argv: list[str]) -> int:
    """Parse and run one command; returns the exit code."""
    from app.diagnostics.log_file import setup_logging

    setup_logging()  # failed jobs and exports are logged with their tracebacks
    if argv and (message := unknown_command(argv[0])):
        return fail(message, ExitCode.BAD_INPUT)
    args = build_parser().parse_args(argv)
    args.argv = list(argv)  # --gpus relaunches the same command under torchrun
    command = find_command(args.command) if args.command else None
    if command is None:
        build_parser().print_help()
        return ExitCode.BAD_INPUT
    return run_command(command, args)


def main() -> int:
    """Console entry point (storyreel-cli)."""
    from app.diagnostics.log_file import log_faults

    log_faults()  # segfaults and aborts leave their stacks in the log too
    return run_cli(sys.argv[1:])
