"""--gpus: the torchrun launch, the refusal without CUDA, and the reason, reproduced over gloo on 2 CPUs."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from engine.generation.speed import context_parallel as cp
from engine.generation.speed.levers import SpeedError

ROOT = Path(__file__).resolve().parents[3]


def test_the_launch_is_torchrun_with_one_process_per_gpu() -> None:
    command = cp.torchrun_command(ROOT / "main.py", ["render", "film.reel", "-o", "f.mp4", "--gpus", "4"], 4)
    assert command[:5] == [
        sys.executable,
        "-m",
        "torch.distributed.run",
        "--standalone",
        "--nproc-per-node=4",
    ]
    assert command[5:] == [str(ROOT / "main.py"), "render", "film.reel", "-o", "f.mp4", "--gpus", "4"]


def test_without_cuda_more_than_one_gpu_is_refused_with_the_reason() -> None:
    cp.check_gpus(1)  # one GPU (or the CPU) is the ordinary path
    with pytest.raises(SpeedError, match="accelerator"):
        cp.check_gpus(2)


@pytest.mark.slow
def test_diffusers_context_parallel_needs_an_accelerator_even_over_gloo(
    tiny_a14b: Path, tmp_path: Path
) -> None:
    """The exact reason --gpus is CUDA-only: gloo does all_to_all here, diffusers' mesh set-up does not run."""
    script = tmp_path / "probe.py"
    script.write_text(
        textwrap.dedent(
            f"""
            import torch, torch.distributed as dist
            dist.init_process_group("gloo")
            out = torch.empty(2)
            dist.all_to_all_single(out, torch.full((2,), float(dist.get_rank())))  # gloo can
            assert out.tolist() == [0.0, 1.0]
            from engine.generation.pipeline_cache import load_pipeline
            from engine.generation.request import ModelSpec
            from engine.generation.speed.context_parallel import enable_context_parallel
            loaded = load_pipeline(ModelSpec({str(tiny_a14b)!r}, device="cpu", dtype="float32"))
            try:
                enable_context_parallel(loaded.pipe, 2)
            except ZeroDivisionError:
                print("refused: no accelerator", flush=True)
            else:
                print("context parallel enabled", flush=True)
            dist.destroy_process_group()
            """
        ),
        encoding="utf-8",
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT), "OMP_NUM_THREADS": "1"}
    done = subprocess.run(
        cp.torchrun_command(script, [], 2),
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    # If a diffusers release lifts this, the test fails here: then --gpus can be tried on the CPU.
    assert done.stdout.count("refused: no accelerator") == 2, done.stdout
