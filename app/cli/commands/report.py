"""`main.py report FILM.reel -o REPORT.html`: the review report for the client, one self-contained file."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.cli.command import Command
from app.cli.error_boundary import UsageError
from app.cli.exit_codes import ExitCode


def add_arguments(p: argparse.ArgumentParser) -> None:
    """The film and the HTML file to write."""
    p.add_argument("project", type=Path)
    p.add_argument("-o", "--output", type=Path, required=True, help="the HTML file to write")


def run(args: argparse.Namespace) -> int:
    """Write the report atomically; 2 if the film cannot be read."""
    from app.project.reel_file import load_project
    from app.review.review_report import write_report
    from app.settings.review_settings import load_review_settings
    from app.settings.user_settings import load_settings

    if not args.project.is_file():
        raise UsageError(f"{args.project}: no such film")
    project = load_project(args.project)
    write_report(project, args.output.resolve(), load_review_settings(load_settings()))
    print(args.output)
    return ExitCode.OK


COMMAND = Command("report", "write the review report (HTML) for the client", add_arguments, run)
