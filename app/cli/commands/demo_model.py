"""`main.py demo-model FOLDER`: write a tiny random-weight Wan 2.2 model (for tests and demos)."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.cli.command import Command
from app.cli.exit_codes import ExitCode
from engine.generation.tiny_model import ARCHS


def add_arguments(p: argparse.ArgumentParser) -> None:
    """The folder, the architecture and the seed of the random weights."""
    p.add_argument("folder", type=Path)
    p.add_argument("--arch", choices=list(ARCHS), default="t2v-a14b")
    p.add_argument("--seed", type=int, default=0)


def run(args: argparse.Namespace) -> int:
    """Write the tiny model."""
    from engine.generation.tiny_model import write_tiny_model

    folder = write_tiny_model(args.folder, arch=args.arch, seed=args.seed)
    print(f"Wrote a tiny {args.arch} model to {folder}")
    return ExitCode.OK


COMMAND = Command(
    "demo-model", "write a tiny random-weight Wan 2.2 model (for tests and demos)", add_arguments, run
)
