"""`main.py new FILM.reel [--shots LIST] [--preset NAME] ...`: create a project file."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from app.cli.command import Command
from app.cli.error_boundary import UsageError, flags_checked
from app.cli.exit_codes import ExitCode
from app.cli.model_flags import add_film_model_options, film_models_from_args

if TYPE_CHECKING:
    from app.project.project_settings import ProjectSettings


def positive(text: str) -> int:
    """argparse type: a whole number above zero."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value <= 0:
        raise argparse.ArgumentTypeError(f"{value} must be positive")
    return value


def add_arguments(p: argparse.ArgumentParser) -> None:
    """The project file, its shot list and its settings."""
    p.add_argument("project", type=Path, help="the .reel file to create")
    p.add_argument("--shots", type=Path, help=".txt (one prompt per line) or .csv shot list")
    p.add_argument("--name", help="project name (default: the file name)")
    p.add_argument("--width", type=positive)
    p.add_argument("--height", type=positive)
    p.add_argument(
        "--frames", type=positive, help="default frames per shot (snapped to 4k+1 as Wan makes them)"
    )
    p.add_argument("--fps", type=positive)
    p.add_argument("--steps", type=positive)
    add_film_model_options(p)
    p.add_argument("--force", action="store_true", help="overwrite an existing project file")
    p.add_argument("--preset", help="style preset from your library to use for every shot")


_SMALL_REASONS = {"demo": "the demo model makes small test clips", "no-gpu": "this machine has no GPU"}


def small_start(args: argparse.Namespace, settings: ProjectSettings) -> str | None:
    """Start a film small for the demo model or a machine without a GPU; the line saying so."""
    from app.project.starting_size import SMALL_START, small_start_reason, start_small

    given = frozenset(name for name in SMALL_START if getattr(args, name) is not None)
    if given & {"width", "height"}:
        given |= {"width", "height"}  # a size given in part is not mixed with the small one
    reason = None if len(given) == len(SMALL_START) else small_start_reason(settings.model)
    if reason is None:
        return None
    size = start_small(settings, keep=given)
    return (
        f"Starting small ({size}): {_SMALL_REASONS[reason]}. "
        "Pass --width, --height, --frames and --steps for a bigger film."
    )


def run(args: argparse.Namespace) -> int:
    """Create a project file."""
    from app.cli.commands.preset import apply_preset_to_new_project
    from app.project.project_settings import ProjectSettings
    from app.project.reel_file import PROJECT_SUFFIX, new_project_file, save_project
    from app.project.shot_list import load_shot_list
    from engine.generation.frames import snap_frames

    path: Path = args.project
    if path.suffix.lower() != PROJECT_SUFFIX:
        path = path.with_name(path.name + PROJECT_SUFFIX)
    if path.exists() and not args.force:
        raise UsageError(f"{path} already exists (use --force to overwrite)")
    settings = ProjectSettings(name=args.name or path.stem)
    for name in ("width", "height", "fps"):
        if getattr(args, name) is not None:
            setattr(settings, name, getattr(args, name))
    for name, value in film_models_from_args(args).items():
        setattr(settings, name, value)
    if args.frames is not None:
        settings.defaults.frames = snap_frames(args.frames)
        if settings.defaults.frames != args.frames:
            print(f"Frames {args.frames} → {settings.defaults.frames}: Wan makes 4k+1 frames.")
    if args.steps is not None:
        settings.defaults.steps = args.steps
    if notice := small_start(args, settings):
        print(notice)
    project = new_project_file(path, settings)
    if args.preset:
        explicit = {n for n in ("width", "height", "fps") if getattr(args, n) is not None}
        with flags_checked():  # PresetError: unknown, damaged, or its files unusable
            apply_preset_to_new_project(project, args.preset, explicit)
    if args.shots is not None:
        for shot in load_shot_list(args.shots, project):
            project.add_shot(shot)
    save_project(project)
    print(f"Created {path} with {len(project.shots)} shot(s).")
    return ExitCode.OK


COMMAND = Command("new", "create a project, optionally from a shot list", add_arguments, run)
