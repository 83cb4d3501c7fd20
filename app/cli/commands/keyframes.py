"""`main.py keyframes FILM`: one still per shot from its model at one frame, in FILM.media/keyframes/."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from app.cli.command import Command
from app.cli.error_boundary import flags_checked
from app.cli.exit_codes import ExitCode
from app.cli.model_flags import add_model_options, model_settings_from_args
from app.cli.output import ctrl_c_cancels
from app.cli.shot_choice import add_shots_option, chosen_shots


def add_arguments(p: argparse.ArgumentParser) -> None:
    """The film, which shots, the model, the quality and the seed."""
    p.add_argument("project", type=Path, help="the .reel file")
    add_shots_option(p)
    add_model_options(p)
    p.add_argument("--quality", choices=("draft", "final"), help="default: each shot's own")
    p.add_argument(
        "--new-seed", action="store_true", help="a fresh seed for each still instead of the shot's"
    )
    p.add_argument("--json", action="store_true", help="print the stills and their records as JSON")


def run(args: argparse.Namespace) -> int:
    """Sketch the shots' keyframes under the film's lock; a shot without a kept still keeps its new one."""
    from app.cli.film_editing import edited_film
    from app.project.reel_file import load_project
    from app.storyboard.keyframes import keep_new_sketches, sketch_keyframes
    from engine.generation.pipeline_cache import PipelineCache
    from engine.progress import CancelToken

    film = load_project(args.project)
    with flags_checked():
        shot_ids = chosen_shots(args, film)
        spec = model_settings_from_args(args).spec_for(film)
    cancel, cache = CancelToken(), PipelineCache()
    with (
        edited_film(args.project, "keyframes") as project,
        ctrl_c_cancels(cancel, "Stopping after this step"),
    ):
        try:
            sketches = sketch_keyframes(
                project, shot_ids, cache, spec, args.new_seed, args.quality, cancel=cancel
            )
        finally:
            cache.release()
        kept = set(keep_new_sketches(project, sketches))
    media = project.media_dir
    if args.json:
        rows = [
            {"shot": s.shot_id, "path": s.path, "kept": s.shot_id in kept, "record": s.record}
            for s in sketches
        ]
        json.dump(rows, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    for sketch in sketches if not args.json else ():
        print(
            f"{project.index_of(sketch.shot_id) + 1}. {media / sketch.path if media else sketch.path} "
            f"(seed {sketch.record['seed']}{', kept' if sketch.shot_id in kept else ''})"
        )
    return ExitCode.OK


COMMAND = Command("keyframes", "sketch one still per shot from its model at one frame", add_arguments, run)
