"""`main.py extend FILM SHOT --frames N [--before]`: a new take with N frames after (or before) the active one."""

from __future__ import annotations

import argparse

from app.cli.command import Command
from app.cli.take_editing import add_take_arguments, make_take


def add_arguments(p: argparse.ArgumentParser) -> None:
    """The film, the shot, how many frames, which end, the model and the seed."""
    add_take_arguments(p)
    p.add_argument("--frames", type=int, required=True, help="how many new frames")
    p.add_argument("--before", action="store_true", help="add them before the take's first frame")


def run(args: argparse.Namespace) -> int:
    """Extend the take from its last (or first) frames, so the motion goes on."""
    from app.generation.take_direction import extend_take

    return make_take(
        args,
        "extend",
        lambda project, shot_id, spec: extend_take(
            project, shot_id, args.frames, args.before, args.seed, spec
        ),
    )


COMMAND = Command("extend", "extend a shot's take by N frames after (or before) it", add_arguments, run)
