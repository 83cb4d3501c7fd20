"""`main.py package-endpoint FOLDER`: write a folder to push as a model repo for Inference Endpoints."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.cli.command import Command
from app.cli.exit_codes import ExitCode


def add_arguments(p: argparse.ArgumentParser) -> None:
    """The folder, the model it serves and --force."""
    p.add_argument("folder", type=Path)
    p.add_argument(
        "--model",
        help="model the endpoint serves when the repo holds no weights "
        "(default Wan-AI/Wan2.2-T2V-A14B-Diffusers)",
    )
    p.add_argument("--revision", help="Hub revision of that model")
    p.add_argument("--force", action="store_true", help="write into a folder that is not empty")


def run(args: argparse.Namespace) -> int:
    """Write handler.py, the vendored engine, requirements.txt and a README into a folder."""
    from app.serve.endpoint_package import write_endpoint_package

    files = write_endpoint_package(args.folder, model=args.model, revision=args.revision, force=args.force)
    print(f"Wrote {len(files)} files to {args.folder}. Next: read {args.folder / 'README.md'}.")
    return ExitCode.OK


COMMAND = Command(
    "package-endpoint", "write a folder to push as a model repo for Inference Endpoints", add_arguments, run
)
