"""`main.py info FILM.reel`: print a project as JSON."""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from pathlib import Path
from typing import Any

from app.cli.command import Command
from app.cli.exit_codes import ExitCode
from app.project.project import Project


def project_summary(project: Project) -> dict[str, Any]:
    """The project as `info` prints it."""
    from app.generation.shot_requests import resolved_settings, shot_status
    from app.project.cast_mentions import mentioned_members
    from app.project.shot import ShotState
    from engine.generation.frames import snap_frames

    shots = []
    for index, shot in enumerate(project.shots):
        eff = resolved_settings(project, shot)
        active = shot.active
        status = shot_status(project, shot)
        shots.append(
            {
                "id": shot.id,
                "title": shot.display_title(index),
                "prompt": shot.prompt,
                "seed": shot.seed,
                "frames": snap_frames(eff["num_frames"]),  # what will be generated
                "size": [eff["width"], eff["height"]],
                "takes": len(shot.takes),
                "active_take": str(project.take_path(active))
                if active and status != ShotState.MISSING
                else None,
                "status": status,
                "start_image": shot.start_image.path if shot.start_image else None,
                "end_image": shot.end_image.path if shot.end_image else None,
                "continue_previous": shot.continue_previous,
                "cast": [m.name for m in mentioned_members(shot.prompt, project.cast)],  # named, in order
                "keyframes": [{"frame": k.frame, "image": k.image.path} for k in shot.keyframes],
            }
        )
    return {"file": str(project.path), "settings": dataclasses.asdict(project.settings), "shots": shots}


def add_arguments(p: argparse.ArgumentParser) -> None:
    """The project file."""
    p.add_argument("project", type=Path)


def run(args: argparse.Namespace) -> int:
    """Print a project as JSON."""
    from app.project.reel_file import load_project

    json.dump(project_summary(load_project(args.project)), sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return ExitCode.OK


COMMAND = Command("info", "print a project as JSON", add_arguments, run)
