"""`main.py score FILM.reel [--shots 2-4]`: score the takes again (prompt, cast, look, motion, flicker, safety)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from app.cli.command import Command
from app.cli.error_boundary import CommandFailed, UsageError, flags_checked
from app.cli.exit_codes import ExitCode


def add_arguments(p: argparse.ArgumentParser) -> None:
    """The film, the shots, and the models that override Preferences > Review."""
    p.add_argument("project", type=Path)
    p.add_argument("--shots", help="a range of shots by position, e.g. 2-4 or 1,3,5 (default: all)")
    p.add_argument("--clip-model", help="CLIP model for prompt alignment: a Hub repo id or a folder")
    p.add_argument("--safety-model", help="image classifier for the safety check: a Hub repo id or a folder")
    p.add_argument(
        "--no-safety", action="store_true", help="turn the safety check off (recorded in each take)"
    )


def run(args: argparse.Namespace) -> int:
    """Score every take of the shots and save the film; 1 if a take could not be scored (it stays as it was)."""
    from app.cli.shot_choice import parse_shot_range
    from app.project.film_lock import FilmLock
    from app.project.reel_file import load_project, save_project
    from app.review.take_scoring import score_takes
    from app.settings.review_settings import load_review_settings
    from app.settings.user_settings import load_settings

    if not args.project.is_file():
        raise UsageError(f"{args.project}: no such film")
    settings = load_review_settings(load_settings()).with_models(args.clip_model, args.safety_model)
    if args.no_safety:
        settings.enabled = [s for s in settings.enabled if s != "safety"]
    with FilmLock(args.project, "score").acquire():
        project = load_project(args.project)
        with flags_checked():
            shot_ids = parse_shot_range(args.shots, project) if args.shots else None
        failures = score_takes(project, settings, shot_ids)
        scored = sum(len(project.shot(i).takes) for i in shot_ids or [s.id for s in project.shots]) - len(
            failures
        )
        if scored:
            save_project(project)
    print(json.dumps({"event": "scored", "takes": scored, "failed": len(failures)}), file=sys.stdout)
    if failures:
        lines = "\n".join(f"  shot {f.shot_id}, take {f.take_id}: {f.reason}" for f in failures)
        raise CommandFailed(
            f"{len(failures)} take(s) could not be scored and were left as they were:\n{lines}"
        )
    return ExitCode.OK


COMMAND = Command(
    "score", "score the takes: prompt, cast likeness, look, motion, flicker, safety", add_arguments, run
)
