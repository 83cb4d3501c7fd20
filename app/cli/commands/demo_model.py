"""`main.py demo-model FOLDER`: write the tiny random-weight demo model (for tests and demos)."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.cli.command import Command
from app.cli.exit_codes import ExitCode
from engine.generation.tiny_model import ARCHS


def add_arguments(p: argparse.ArgumentParser) -> None:
    """The folder, the architecture and the seed of the random weights."""
    p.add_argument("folder", type=Path)
    p.add_argument("--arch", choices=list(ARCHS), help="write only one tiny model of this layout")
    p.add_argument("--seed", type=int, default=0)


def run(args: argparse.Namespace) -> int:
    """Write the demo model (or one bare tiny model with --arch)."""
    from engine.generation.demo_model import write_demo_model
    from engine.generation.tiny_model import write_tiny_model

    if args.arch is not None:
        folder = write_tiny_model(args.folder, arch=args.arch, seed=args.seed)
        print(f"Wrote a tiny {args.arch} model to {folder}")
        return ExitCode.OK
    folder = write_demo_model(args.folder, seed=args.seed)
    print(
        f"Wrote the demo model to {folder}: text, a start-image model, a reference model and a Draft LoRA pair "
        "inside it"
    )
    return ExitCode.OK


COMMAND = Command(
    "demo-model",
    "write the tiny random-weight demo: a Wan 2.2 text model carrying an image model, a reference (VACE) "
    "model and a Draft LoRA pair (for tests and demos; no download)",
    add_arguments,
    run,
)
