"""The `--shots` flag of the commands that work on some of a film's shots (export, enhance, keyframes)."""

from __future__ import annotations

import argparse

from app.project.project import Project


def parse_shot_range(text: str, project: Project) -> list[str]:
    """Shot ids for '2-4', '1,3' or '2' (1-based timeline positions); ValueError otherwise."""
    count = len(project.shots)
    positions: set[int] = set()
    for part in text.split(","):
        first, dash, last = part.strip().partition("-")
        try:
            lo, hi = int(first), int(last) if dash else int(first)
        except ValueError:
            raise ValueError(f"--shots {text!r}: use positions like 2-4 or 1,3,5") from None
        if not 1 <= lo <= hi <= count:
            raise ValueError(f"--shots {text!r}: the project has shots 1 to {count}")
        positions.update(range(lo, hi + 1))
    return [project.shots[i - 1].id for i in sorted(positions)]


def add_shots_option(parser: argparse.ArgumentParser) -> None:
    """Add --shots (positions on the timeline)."""
    parser.add_argument("--shots", help="shots by position, e.g. 2-4 or 1,3,5 (default: all with a prompt)")


def chosen_shots(args: argparse.Namespace, project: Project) -> list[str]:
    """The ids of the shots --shots names (every shot when absent); ValueError for a bad range."""
    return parse_shot_range(args.shots, project) if args.shots else [s.id for s in project.shots]


def shot_by_reference(text: str, project: Project) -> str:
    """The id of the shot SHOT names: its id, or its 1-based position on the timeline; ValueError otherwise."""
    ids = [s.id for s in project.shots]
    if text in ids:
        return text
    if text.isdigit() and 1 <= int(text) <= len(ids):
        return ids[int(text) - 1]
    raise ValueError(f"SHOT {text!r}: give a shot id or a position from 1 to {len(ids)}")
