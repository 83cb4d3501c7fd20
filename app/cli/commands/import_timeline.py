"""`main.py import-timeline FILM EDIT.otio`: an editor's changes to order and trims brought back."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.cli.command import Command
from app.cli.exit_codes import ExitCode
from app.cli.output import EventPrinter


def add_arguments(p: argparse.ArgumentParser) -> None:
    """The film and the edited timeline."""
    p.add_argument("project", type=Path, help="the .reel file")
    p.add_argument(
        "timeline", type=Path, help="an .otio exported from this film (export -o FILM.otio), edited"
    )
    p.add_argument("--json", action="store_true", help="one JSON event per line on stdout")


def run(args: argparse.Namespace) -> int:
    """Apply the edit's order and trims to the shots it knows; 2 and nothing changed if it cannot."""
    from app.cli.film_editing import edited_film
    from app.film.interchange.timeline_import import import_timeline

    printer = EventPrinter(json_lines=args.json)
    with edited_film(args.project, "import-timeline") as project:
        edit = import_timeline(project, args.timeline)
    printer(edit.summary())
    return ExitCode.OK


COMMAND = Command("import-timeline", "bring back the order and trims of an edited .otio", add_arguments, run)
