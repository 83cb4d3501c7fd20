"""`main.py titles add | list | remove`: the film's title track (cards, lower thirds, the end card)."""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from pathlib import Path

from app.cli.command import Command
from app.cli.error_boundary import UsageError, flags_checked
from app.cli.exit_codes import ExitCode


def add_arguments(p: argparse.ArgumentParser) -> None:
    """The add, list and remove actions."""
    from engine.film.title_elements import ALIGNS, BACKGROUNDS, KINDS, MOTIONS

    actions = p.add_subparsers(dest="titles_command", metavar="ACTION", parser_class=type(p))
    q = actions.add_parser("add", help="put a title card, lower third, end card or caption on the film")
    q.add_argument("project", type=Path, help="the .reel file")
    q.add_argument("text", help="the words (at most 2,000 characters)")
    q.add_argument("--kind", choices=KINDS, default="card", help="default card")
    q.add_argument("--start", type=float, default=0.0, help="seconds into the film (default 0)")
    q.add_argument("--duration", type=float, default=3.0, help="seconds on screen (default 3)")
    q.add_argument("--motion", choices=MOTIONS, default="fade", help="in and out (default fade)")
    q.add_argument("--align", choices=ALIGNS, default="center", help="default center")
    q.add_argument(
        "--background", choices=BACKGROUNDS, default="color", help="a card's backdrop (default color)"
    )
    q.add_argument("--color", default="#ffffff", help="the text's colour (default #ffffff)")
    q.add_argument("--tagline", default="", help="the end card's line under the logo")
    q.add_argument("--url", default="", help="the end card's address")
    q = actions.add_parser("list", help="the title track, by start")
    q.add_argument("project", type=Path, help="the .reel file")
    q.add_argument("--json", action="store_true", help="print the list as JSON")
    q = actions.add_parser("remove", help="take an element off the title track")
    q.add_argument("project", type=Path, help="the .reel file")
    q.add_argument("number", type=int, help="its number in `titles list` (from 1)")


def run(args: argparse.Namespace) -> int:
    """Run a `titles` subcommand."""
    from app.cli.film_editing import edited_film
    from engine.film.title_elements import TitleElement, check_element

    if args.titles_command is None:
        raise UsageError("name an action: titles add | list | remove")
    if args.titles_command == "list":
        return _list(args)
    with edited_film(args.project, "titles") as project:
        titles = list(project.titles)
        if args.titles_command == "add":
            with flags_checked():
                element = check_element(
                    TitleElement(
                        args.kind,
                        args.text,
                        args.start,
                        args.duration,
                        motion=args.motion,
                        align=args.align,
                        color=args.color,
                        background=args.background,
                        tagline=args.tagline,
                        url=args.url,
                    )
                )
            project.set_titles(sorted([*titles, element], key=lambda e: e.start))
            print(f"Added a {element.kind} from {element.start:g} s to {element.end:g} s.")
        else:
            if not 1 <= args.number <= len(titles):
                raise UsageError(f"the title track has elements 1 to {len(titles)}, not {args.number}")
            gone = titles.pop(args.number - 1)
            project.set_titles(titles)
            print(f"Removed the {gone.kind} at {gone.start:g} s.")
    return ExitCode.OK


def _list(args: argparse.Namespace) -> int:
    from app.project.reel_file import load_project

    rows = [dataclasses.asdict(element) for element in load_project(args.project).titles]
    if args.json:
        json.dump(rows, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return ExitCode.OK
    for number, row in enumerate(rows, start=1):
        print(f"{number}. {row['kind']} {row['start']:g}–{row['start'] + row['duration']:g} s: {row['text']}")
    if not rows:
        print(f"No titles. Add one with: main.py titles add {args.project} TEXT")
    return ExitCode.OK


COMMAND = Command(
    "titles", "add, list and remove the film's title cards, lower thirds and end card", add_arguments, run
)
