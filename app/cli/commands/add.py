"""`main.py add FILM CLIP...`: video files as new shots at the end, as dropping them on the timeline does."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from app.cli.command import Command
from app.cli.error_boundary import UsageError
from app.cli.exit_codes import ExitCode
from app.cli.output import EventPrinter

if TYPE_CHECKING:
    from app.project.shot import Shot


def add_arguments(p: argparse.ArgumentParser) -> None:
    """The film and the clips."""
    p.add_argument("project", type=Path, help="the .reel file")
    p.add_argument("clips", type=Path, nargs="+", help="video files (MP4, MOV, WebM, MKV...)")
    p.add_argument("--json", action="store_true", help="one JSON event per line on stdout")


def run(args: argparse.Namespace) -> int:
    """Copy each clip into the film's media and add it as a shot; nothing is added if one cannot be read."""
    from app.cli.film_editing import edited_film
    from app.project.take_import import shots_from_videos

    printer = EventPrinter(json_lines=args.json)
    with edited_film(args.project, "add") as project:
        shots, errors = shots_from_videos(project.media_dir, list(args.clips))
        if errors:
            _remove_copies(project.media_dir, shots)
            raise UsageError("; ".join(errors) + ". No shot was added.")
        for shot in shots:
            project.add_shot(shot)
            printer({"event": "added", "shot": shot.id, "title": shot.title, "frames": shot.takes[0].frames})
    return ExitCode.OK


def _remove_copies(media: Path | None, shots: list[Shot]) -> None:
    """The clips already copied for an add that was refused: the media folder keeps no orphan."""
    for shot in shots:
        if media is not None and shot.active is not None:
            (media / shot.active.path).unlink(missing_ok=True)


COMMAND = Command("add", "add video files as new shots at the end of the timeline", add_arguments, run)
