"""One shot over several GPUs, the rank helpers: diffusers' Ulysses context parallelism under torchrun.

Rank 0 runs Storyreel as usual and writes the one take; before each call it sends the request to the
other ranks, which run the same call (same seed) on their share of the sequence and write nothing
(their loop, `follow`, sits beside the `--gpus` launcher in app/cli/gpu_launch.py).
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from engine.generation.speed.levers import SpeedError, experts

if TYPE_CHECKING:
    from engine.generation.request import GenerationRequest

log = logging.getLogger(__name__)

# Tried on 2 CPU processes over gloo (gloo does all_to_all_single here): diffusers 0.42.1 stops first,
# in ModelMixin._resolve_parallel_config, which places rank r on `r % torch.accelerator.device_count()`:
# a ZeroDivisionError without an accelerator. So --gpus above 1 is CUDA-only.
GPU_ONLY_REASON = (
    "diffusers' context parallelism places each rank on an accelerator "
    "(rank % torch.accelerator.device_count(), which fails without one), so --gpus needs CUDA GPUs"
)


def world_size() -> int:
    """How many ranks torchrun started (1 outside torchrun)."""
    return int(os.environ.get("WORLD_SIZE", "1"))


def rank() -> int:
    """This process's rank (0 outside torchrun)."""
    return int(os.environ.get("RANK", "0"))


def check_gpus(gpus: int) -> None:
    """Raise SpeedError unless this machine has gpus CUDA devices for one generation."""
    if gpus == 1:
        return
    if gpus < 1:
        raise SpeedError(f"--gpus {gpus}: use 1 or more.")
    import torch

    count = torch.cuda.device_count() if torch.cuda.is_available() else 0
    if count == 0:
        raise SpeedError(f"--gpus {gpus} cannot run here: {GPU_ONLY_REASON}, and this machine has none.")
    if count < gpus:
        raise SpeedError(f"--gpus {gpus}: this machine has {count} CUDA GPU(s).")


def torchrun_command(script: Path, argv: list[str], gpus: int) -> list[str]:
    """The command that runs script with argv once per GPU (torch.distributed.run is torchrun)."""
    return [
        sys.executable,
        "-m",
        "torch.distributed.run",
        "--standalone",
        f"--nproc-per-node={gpus}",
        str(script),
        *argv,
    ]


def start_rank() -> str:
    """Join the torchrun group on this rank's GPU; returns the device name (cuda:LOCAL_RANK)."""
    import torch
    import torch.distributed as dist

    local = int(os.environ.get("LOCAL_RANK", "0"))
    torch.cuda.set_device(local)
    if not dist.is_initialized():
        dist.init_process_group("nccl", device_id=torch.device("cuda", local))
    return f"cuda:{local}"


def enable_context_parallel(pipe: Any, gpus: int) -> list[str]:
    """Split every expert's attention sequence over the group (Ulysses, degree gpus); returns the experts."""
    from diffusers import ContextParallelConfig

    names = []
    for name, model in experts(pipe):
        model.enable_parallelism(config=ContextParallelConfig(ulysses_degree=gpus))
        names.append(name)
    return names


def lead(request: GenerationRequest | None) -> None:
    """On rank 0: hand the next request (None: stop) to the other ranks."""
    if world_size() == 1:
        return
    import torch.distributed as dist

    dist.broadcast_object_list([request], src=0)
