"""What `repaint` and `extend` share: the film, its shot, the model flags, and running the planned take."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from app.cli.error_boundary import flags_checked
from app.cli.exit_codes import ExitCode
from app.cli.model_flags import add_model_options, model_settings_from_args
from app.cli.output import ctrl_c_cancels
from app.cli.shot_choice import shot_by_reference

if TYPE_CHECKING:
    from app.generation.take_generation import TakePlan
    from app.project.project import Project
    from engine.generation.request import ModelSpec


def add_take_arguments(p: argparse.ArgumentParser) -> None:
    """The film, the shot (id or 1-based position), the model and the seed."""
    p.add_argument("project", type=Path, help="the .reel file")
    p.add_argument("shot", help="the shot: its id or its 1-based position")
    add_model_options(p)
    p.add_argument("--seed", type=int, help="default: the shot's seed, else a random one")


def make_take(
    args: argparse.Namespace, what: str, plan_for: Callable[[Project, str, ModelSpec], TakePlan]
) -> int:
    """Plan the new take of the shot with plan_for, make it here under the film's lock, save the film."""
    from app.generation.take_generation import run_plan
    from app.project.film_lock import FilmLock
    from app.project.reel_file import load_project, save_project
    from engine.generation.pipeline_cache import PipelineCache
    from engine.progress import CancelToken

    project = load_project(args.project)
    with flags_checked():
        shot_id = shot_by_reference(args.shot, project)
        spec = model_settings_from_args(args).spec_for(project)
    cancel, cache = CancelToken(), PipelineCache()
    with FilmLock(args.project, what), ctrl_c_cancels(cancel, "Stopping after this step"):
        plan = plan_for(project, shot_id, spec)
        try:
            take = run_plan(project, plan, cache, cancel=cancel)
        finally:
            cache.release()
        save_project(project)
    print(f"{project.index_of(shot_id) + 1}. {plan.clip} ({take.frames} frames, seed {take.seed})")
    return ExitCode.OK
