"""`main.py repaint FILM SHOT --mask MASK.png`: a new take with the masked region of the active take made again."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from app.cli.command import Command
from app.cli.take_editing import add_take_arguments, make_take

if TYPE_CHECKING:
    from app.generation.take_generation import TakePlan
    from app.project.project import Project
    from engine.generation.request import ModelSpec


def add_arguments(p: argparse.ArgumentParser) -> None:
    """The film, the shot, the mask, an optional prompt, the model and the seed."""
    add_take_arguments(p)
    p.add_argument(
        "--mask", type=Path, required=True, help="white where the take is repainted: a still or a mask clip"
    )
    p.add_argument("--prompt", help="what the region shows instead (default: the shot's prompt)")


def run(args: argparse.Namespace) -> int:
    """Repaint the region, keeping every pixel outside it."""
    from app.generation.take_direction import repaint_take

    def plan(project: Project, shot_id: str, spec: ModelSpec) -> TakePlan:
        made, notices = repaint_take(project, shot_id, args.mask, args.prompt, args.seed, spec)
        for notice in notices:
            print(notice)
        return made

    return make_take(args, "repaint", plan)


COMMAND = Command("repaint", "repaint a masked region of a shot's take as a new take", add_arguments, run)
