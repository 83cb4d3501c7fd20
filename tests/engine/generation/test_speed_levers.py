"""Load-time levers on both experts, the step cache and the guidance trap, on real pipeline calls."""

from __future__ import annotations

import dataclasses
import math
from pathlib import Path

import numpy as np
import pytest
import torch
from pass_counter import count_passes
from speed_support import small_request

from engine.backends.local import run_take_job
from engine.generation.pipeline_cache import PipelineCache, load_pipeline
from engine.generation.request import ModelSpec
from engine.generation.speed.guidance import honour_both_guidance
from engine.generation.speed.levers import SpeedError, resolve_levers
from engine.generation.wan_run import run_wan


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"attention_backend": "flash"}, "needs a CUDA GPU"),
        ({"attention_backend": "sage"}, "needs a CUDA GPU"),
        ({"attention_backend": "flash3"}, "needs a CUDA GPU"),
        ({"attention_backend": "cudnn"}, "needs a CUDA GPU"),
        ({"attention_backend": "../../etc"}, "Unknown attention backend"),
        ({"fp8": "compute"}, "Ada or Hopper"),
        ({"fp8": "fp4"}, "Unknown fp8"),
        ({"compile": "max"}, "Unknown compile"),
        ({"compile": "on", "fp8": "storage"}, "cannot be combined"),
    ],
)
def test_levers_the_cpu_cannot_do_are_refused_before_loading(tiny_a14b: Path, changes, message) -> None:
    spec = ModelSpec(str(tiny_a14b), device="cpu", **changes)
    with pytest.raises(SpeedError, match=message):
        PipelineCache().get(spec)


def test_auto_picks_the_safe_set_for_the_cpu() -> None:
    spec = ModelSpec(attention_backend="auto", compile="auto", fp8="auto")
    assert resolve_levers(spec, "cpu") == {"attention_backend": "native", "compile": False, "fp8": "off"}


def test_fp8_storage_and_compile_reach_both_experts(tiny_a14b: Path, tmp_path: Path) -> None:
    cache = PipelineCache()
    spec = ModelSpec(str(tiny_a14b), device="cpu", dtype="float32", fp8="storage")
    record = run_take_job(cache, small_request(spec, num_inference_steps=2), tmp_path / "take-001.mp4")
    pipe = cache.loaded.pipe
    for model in (pipe.transformer, pipe.transformer_2):
        assert model.blocks[0].attn1.to_q.weight.dtype == torch.float8_e4m3fn  # stored in fp8 between calls
    assert record.metadata["speed"]["fp8"] == "storage"
    assert record.metadata["speed"]["experts"] == ["transformer", "transformer_2"]
    assert record.metadata["quality"] == "final"

    # Compiling runs at the first call (a minute on a shared CPU), so the suite checks it is applied.
    compiled = load_pipeline(ModelSpec(str(tiny_a14b), device="cpu", dtype="float32", compile="on"))
    for model in (compiled.pipe.transformer, compiled.pipe.transformer_2):
        assert all(block._compiled_call_impl is not None for block in model.blocks)
    assert compiled.levers["compile"] == "regional"


def test_first_block_cache_skips_blocks_on_both_experts_and_comes_off(loaded_a14b) -> None:
    request = small_request(loaded_a14b.spec)
    plain = run_wan(loaded_a14b, request)
    with count_passes(loaded_a14b.pipe) as counts:
        cached = run_wan(
            loaded_a14b, dataclasses.replace(request, step_cache="first_block", cache_threshold=0.5)
        )
    assert counts.total_forwards == 12  # the same passes: the cache skips blocks inside them
    assert counts.blocks_skipped > 0
    for name in ("transformer", "transformer_2"):
        assert counts.blocks_run[name] < counts.forwards[name] * counts.blocks_per_pass[name], name
    assert cached.speed["step_cache"] == "first_block" and cached.speed["cache_threshold"] == 0.5
    assert (
        not loaded_a14b.pipe.transformer.is_cache_enabled
        and not loaded_a14b.pipe.transformer_2.is_cache_enabled
    )
    assert np.array_equal(run_wan(loaded_a14b, request).frames, plain.frames)


@pytest.mark.parametrize("threshold", [math.nan, math.inf, -0.1, 0.0, 1e9])
def test_a_hostile_cache_threshold_is_refused(loaded_a14b, threshold: float) -> None:
    request = small_request(loaded_a14b.spec, step_cache="first_block", cache_threshold=threshold)
    with pytest.raises(SpeedError, match="threshold"):
        run_wan(loaded_a14b, request)
    with pytest.raises(SpeedError, match="Unknown step cache"):
        run_wan(loaded_a14b, small_request(loaded_a14b.spec, step_cache="faster"))


def test_the_guidance_trap_runs_each_experts_guidance_as_asked(loaded_a14b) -> None:
    with count_passes(loaded_a14b.pipe) as counts:
        trapped = run_wan(
            loaded_a14b, small_request(loaded_a14b.spec, guidance_scale=1.0, guidance_scale_2=3.0)
        )
    # diffusers alone would run 6 single passes: here every step gets its guidance pass.
    assert dict(counts.forwards) == {"transformer": 4, "transformer_2": 8}
    assert trapped.speed["guidance"] == "each expert as set"
    assert any("turns guidance off" in n for n in trapped.notices)
    assert type(loaded_a14b.pipe).__name__ == "WanPipeline"  # the switch is put back after the call


def test_honoured_guidance_equals_what_diffusers_runs_just_above_one(loaded_a14b) -> None:
    pipe = loaded_a14b.pipe

    def call(gs: float, gs2: float) -> np.ndarray:
        kwargs = {"prompt": "a red kite", "negative_prompt": "grey fog", "num_frames": 5, "height": 32}
        kwargs |= {"width": 32, "num_inference_steps": 6, "output_type": "latent"}
        generator = torch.Generator().manual_seed(3)
        out = pipe(**kwargs, guidance_scale=gs, guidance_scale_2=gs2, generator=generator).frames
        return out.float().numpy()

    asked = call(1.0 + 1e-6, 3.0)  # guidance on in diffusers, the high-noise expert blended at ~1
    silently_dropped = call(1.0, 3.0)
    assert np.array_equal(silently_dropped, call(1.0, 1.0))  # the trap: low-noise guidance 3 is lost
    with honour_both_guidance(pipe, 1.0, 3.0) as honoured:
        got = call(1.0, 3.0)
    assert honoured
    assert np.allclose(got, asked, atol=1e-4)
    assert np.abs(silently_dropped - asked).max() > 100 * np.abs(got - asked).max()
