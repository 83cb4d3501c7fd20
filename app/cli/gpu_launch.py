"""`--gpus N` for render and serve: relaunch under torchrun, rank 0 does the command, the others follow."""

from __future__ import annotations

import argparse
import dataclasses
import logging
import subprocess
from collections.abc import Callable
from pathlib import Path

from app.cli.exit_codes import ExitCode
from app.cli.output import fail
from engine.generation.loaded_pipeline import LoadedPipeline
from engine.generation.request import GenerationRequest, ModelSpec
from engine.generation.speed import context_parallel as cp
from engine.generation.speed.levers import SpeedError

log = logging.getLogger(__name__)
MAIN = Path(__file__).resolve().parents[2] / "main.py"


def with_gpus(spec: ModelSpec, gpus: int) -> ModelSpec:
    """The spec for this rank: its own GPU, and the degree to split each generation over."""
    if gpus == 1:
        return spec
    return dataclasses.replace(spec, gpus=gpus, device=f"cuda:{cp.rank() % gpus}")


def run_over_gpus(
    args: argparse.Namespace, argv: list[str], command: Callable[[], int], spec: ModelSpec
) -> int:
    """Run command on one GPU, or relaunch this CLI once per GPU and return torchrun's exit code."""
    gpus = args.gpus
    if gpus == 1:
        return command()
    if cp.world_size() == 1:
        try:
            cp.check_gpus(gpus)
        except SpeedError as exc:
            return fail(exc, ExitCode.BAD_INPUT)
        return subprocess.call(cp.torchrun_command(MAIN, argv, gpus))
    if cp.world_size() != gpus:
        return fail(f"--gpus {gpus} under a torchrun of {cp.world_size()} processes", ExitCode.BAD_INPUT)
    cp.start_rank()
    if cp.rank() > 0:
        from engine.generation.pipeline_cache import PipelineCache

        follow(PipelineCache().get(with_gpus(spec, gpus)))
        return ExitCode.OK
    try:
        return command()
    finally:
        cp.lead(None)  # the other ranks stop


def follow(loaded: LoadedPipeline) -> int:
    """On ranks above 0: run every request rank 0 hands over until it says stop; returns how many ran."""
    import torch.distributed as dist

    from engine.generation.wan_run import run_wan

    ran = 0
    while True:
        box: list[object] = [None]
        dist.broadcast_object_list(box, src=0)
        if not isinstance(box[0], GenerationRequest):
            return ran
        run_wan(loaded, box[0])  # the frames are rank 0's to write
        ran += 1
