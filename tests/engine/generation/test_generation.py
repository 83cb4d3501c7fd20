"""Generation on the tiny models: experts, equality with diffusers, seeds, cancel, snapping, cache."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pytest
import torch

from app.project.project_settings import ProjectSettings
from engine.generation.frames import snap_frames
from engine.generation.loaded_pipeline import LoadedPipeline
from engine.generation.model_source import ModelError
from engine.generation.pipeline_cache import PipelineCache, load_pipeline
from engine.generation.request import GenerationRequest, ModelSpec
from engine.generation.wan_run import expert_for_timestep, run_wan, snap_size, to_uint8
from engine.progress import (
    DECODING,
    DENSE,
    GENERATING,
    HIGH_NOISE,
    LOADING,
    LOW_NOISE,
    Cancelled,
    CancelToken,
    Progress,
)

# Shared session fixtures (tiny models, loaded pipelines); tests/conftest.py is not ours to edit.


def make_request(model: Path | str, **changes: object) -> GenerationRequest:
    """A small, fast request for the tiny models; keyword arguments override fields."""
    fields: dict = {
        "prompt": "a lighthouse at dusk, waves rolling in",
        "negative_prompt": "blurry",
        "seed": 7,
        "num_frames": 9,
        "width": 64,
        "height": 64,
        "fps": 16,
        "num_inference_steps": 4,
        "guidance_scale": 4.0,
        "guidance_scale_2": 3.0,
        "model": ModelSpec(str(model), device="cpu", dtype="float32"),
    }
    fields.update(changes)
    return GenerationRequest(**fields)


def test_snap_frames_is_diffusers_rule() -> None:
    # diffusers: n // 4 * 4 + 1 unless n is already 4k+1 (so 4k rounds up by one, 4k+2 and 4k+3 down).
    asked = (0, 1, 2, 4, 5, 9, 10, 11, 12, 13, 17, 18, 19, 20, 81, 121)
    assert [snap_frames(n) for n in asked] == [1, 1, 1, 5, 5, 9, 9, 9, 13, 13, 17, 17, 17, 21, 81, 121]


def test_snap_size() -> None:
    assert snap_size(70, 70, 16) == (64, 64)
    assert snap_size(1280, 720, 16) == (1280, 720)
    assert snap_size(1280, 720, 32) == (1280, 704)
    assert snap_size(8, 20, 32) == (32, 32)


def test_expert_follows_boundary_rule(loaded_a14b: LoadedPipeline) -> None:
    pipe = loaded_a14b.pipe
    ran: list[str] = []
    hooks = [
        pipe.transformer.register_forward_pre_hook(lambda *_: ran.append(HIGH_NOISE)),
        pipe.transformer_2.register_forward_pre_hook(lambda *_: ran.append(LOW_NOISE)),
    ]
    reports: list[Progress] = []
    steps = 6
    try:
        # Guidance 1 means one forward pass per step, so `ran` has one entry per step.
        run_wan(
            loaded_a14b,
            make_request(
                loaded_a14b.model_dir, num_inference_steps=steps, guidance_scale=1.0, guidance_scale_2=1.0
            ),
            reports.append,
        )
    finally:
        for hook in hooks:
            hook.remove()
    pipe.scheduler.set_timesteps(steps)
    boundary = 0.875 * pipe.scheduler.config.num_train_timesteps
    expected = [HIGH_NOISE if t >= boundary else LOW_NOISE for t in pipe.scheduler.timesteps.tolist()]
    assert HIGH_NOISE in expected and LOW_NOISE in expected  # the test means something
    assert ran == expected
    assert [expert_for_timestep(loaded_a14b.info, t) for t in pipe.scheduler.timesteps] == expected
    stepped = [r for r in reports if r.stage == GENERATING and r.step]
    assert [r.expert for r in stepped] == expected
    assert [(r.step, r.total) for r in stepped] == [(i + 1, steps) for i in range(steps)]
    assert reports[-1].stage == DECODING


def test_dense_model_reports_dense(loaded_5b: LoadedPipeline) -> None:
    reports: list[Progress] = []
    result = run_wan(loaded_5b, make_request(loaded_5b.model_dir, num_inference_steps=2), reports.append)
    assert {r.expert for r in reports if r.step} == {DENSE}
    assert result.applied.guidance_scale_2 is None
    assert any("single expert" in n for n in result.notices)


@pytest.mark.slow
def test_equals_direct_diffusers_call(loaded_a14b: LoadedPipeline, tiny_a14b: Path) -> None:
    from diffusers import WanPipeline

    request = make_request(tiny_a14b, num_frames=17, guidance_scale_2=None, seed=123)
    ours = run_wan(loaded_a14b, request).frames
    direct_pipe = WanPipeline.from_pretrained(tiny_a14b, dtype=torch.float32)
    direct = direct_pipe(
        prompt=request.prompt,
        negative_prompt=request.negative_prompt,
        height=64,
        width=64,
        num_frames=17,
        num_inference_steps=4,
        guidance_scale=4.0,
        generator=torch.Generator("cpu").manual_seed(123),
        output_type="np",
    ).frames[0]
    assert ours.dtype == np.uint8 and ours.shape == (17, 64, 64, 3)
    assert np.array_equal(ours, to_uint8(direct))
    assert ours.std() > 0  # real content, not a constant image


@pytest.mark.slow
def test_same_seed_same_frames_across_loads(tiny_a14b: Path) -> None:
    request = make_request(tiny_a14b, seed=99)
    first = run_wan(load_pipeline(request.model), request).frames
    second_load = load_pipeline(request.model)
    assert np.array_equal(first, run_wan(second_load, request).frames)
    assert not np.array_equal(first, run_wan(second_load, dataclasses.replace(request, seed=100)).frames)


@pytest.mark.slow
@pytest.mark.parametrize("cancel_at", [1, 3])
def test_cancel_stops_before_decode(loaded_a14b: LoadedPipeline, monkeypatch, cancel_at: int) -> None:
    pipe = loaded_a14b.pipe
    decoded: list[int] = []
    real_decode = pipe.vae.decode
    monkeypatch.setattr(pipe.vae, "decode", lambda *a, **k: decoded.append(1) or real_decode(*a, **k))
    forwards: list[int] = []
    hooks = [
        m.register_forward_pre_hook(lambda *_: forwards.append(1))
        for m in (pipe.transformer, pipe.transformer_2)
    ]
    token = CancelToken()
    reports: list[Progress] = []

    def on_progress(report: Progress) -> None:
        reports.append(report)
        if report.step == cancel_at:
            token.cancel()

    try:
        with pytest.raises(Cancelled):
            run_wan(
                loaded_a14b, make_request(loaded_a14b.model_dir, num_inference_steps=4), on_progress, token
            )
    finally:
        for hook in hooks:
            hook.remove()
    assert decoded == []
    assert len(forwards) == 2 * cancel_at  # cond + uncond per step, nothing after the cancel
    assert max(r.step for r in reports) == cancel_at
    assert DECODING not in {r.stage for r in reports}
    # The pipeline still works afterwards.
    assert (
        run_wan(loaded_a14b, make_request(loaded_a14b.model_dir, num_inference_steps=2)).frames.shape[0] == 9
    )


def test_cancel_before_start(loaded_a14b: LoadedPipeline) -> None:
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        run_wan(loaded_a14b, make_request(loaded_a14b.model_dir), cancel=token)


@pytest.mark.slow
def test_both_architectures_shapes(loaded_a14b: LoadedPipeline, loaded_5b: LoadedPipeline) -> None:
    a14b = run_wan(loaded_a14b, make_request(loaded_a14b.model_dir, num_frames=13, width=48, height=32))
    assert a14b.frames.shape == (13, 32, 48, 3) and a14b.notices == ()
    dense = run_wan(
        loaded_5b, make_request(loaded_5b.model_dir, num_frames=9, width=96, height=64, guidance_scale_2=None)
    )
    assert dense.frames.shape == (9, 64, 96, 3) and dense.notices == ()
    assert dense.device == "cpu" and dense.dtype == "float32" and dense.seconds > 0


@pytest.mark.slow
def test_snapping_notices(loaded_a14b: LoadedPipeline, loaded_5b: LoadedPipeline) -> None:
    reports: list[Progress] = []
    result = run_wan(
        loaded_a14b, make_request(loaded_a14b.model_dir, num_frames=18, width=70, height=70), reports.append
    )
    assert result.frames.shape == (17, 64, 64, 3)
    assert (result.applied.num_frames, result.applied.width, result.applied.height) == (17, 64, 64)
    assert result.notices == (
        "Frames 18 → 17: this model makes 4k+1 frames.",
        "Size 70×70 → 64×64: this model needs multiples of 16 pixels.",
    )
    assert [r.message for r in reports if r.message in result.notices] == list(result.notices)
    dense = run_wan(loaded_5b, make_request(loaded_5b.model_dir, width=80, height=48, guidance_scale_2=None))
    assert dense.frames.shape == (9, 32, 64, 3)
    assert dense.notices == ("Size 80×48 → 64×32: this model needs multiples of 32 pixels.",)


@pytest.mark.slow
def test_cjk_prompt(loaded_a14b: LoadedPipeline) -> None:
    cjk = run_wan(
        loaded_a14b,
        make_request(
            loaded_a14b.model_dir, prompt="一只猫在月光下的屋顶上跳舞", negative_prompt="模糊，低质量"
        ),
    ).frames
    plain = run_wan(
        loaded_a14b, make_request(loaded_a14b.model_dir, prompt="a cat", negative_prompt="")
    ).frames
    assert cjk.shape == plain.shape and not np.array_equal(cjk, plain)


def test_cache_reuses_and_reloads(tiny_a14b: Path) -> None:
    cache = PipelineCache()
    reports: list[Progress] = []
    spec = ModelSpec(str(tiny_a14b), device="cpu")
    first = cache.get(spec, reports.append)
    assert first.dtype == "float32" and first.pipe.transformer.dtype == torch.float32
    assert reports and {r.stage for r in reports} == {LOADING}
    assert cache.get(ModelSpec(str(tiny_a14b), device="cpu", dtype="float32")) is first
    assert cache.get(spec).pipe is first.pipe
    bf16 = cache.get(dataclasses.replace(spec, dtype="bfloat16"))
    assert bf16 is not first and bf16.pipe.transformer.dtype == torch.bfloat16
    assert cache.get(spec).pipe is not first.pipe
    cache.release()
    assert cache.loaded is None


@pytest.mark.parametrize(
    ("device", "dtype", "message"),
    [
        ("gpu", None, "Unknown device"),
        ("cpu", "float8", "Unknown dtype"),
        ("cuda:7", None, "CUDA"),
    ],
)
def test_cache_rejects_bad_placement(tiny_a14b: Path, device: str, dtype: str | None, message: str) -> None:
    if device.startswith("cuda") and torch.cuda.device_count() > 7:
        pytest.skip("this machine has that many GPUs")
    with pytest.raises(ModelError, match=message):
        PipelineCache().get(ModelSpec(str(tiny_a14b), device=device, dtype=dtype))


def test_bad_steps(loaded_a14b: LoadedPipeline) -> None:
    with pytest.raises(ValueError, match="Steps"):
        run_wan(loaded_a14b, make_request(loaded_a14b.model_dir, num_inference_steps=0))


@pytest.mark.slow
@pytest.mark.parametrize("size", [(ProjectSettings().width, ProjectSettings().height), (832, 480)])
def test_demo_model_renders_the_wan_sizes(loaded_a14b: LoadedPipeline, size: tuple[int, int]) -> None:
    # The project's default 1280×720 is 80×45 patches: the tiny model's RoPE table must reach that far.
    width, height = size
    request = make_request(
        loaded_a14b.model_dir, width=width, height=height, num_frames=5, num_inference_steps=2
    )
    result = run_wan(loaded_a14b, request)
    assert result.frames.shape == (5, height, width, 3)
    assert result.frames.std() > 0


@pytest.mark.slow
def test_dense_demo_model_renders_720p(loaded_5b: LoadedPipeline) -> None:
    request = make_request(loaded_5b.model_dir, width=1280, height=720, num_frames=5, num_inference_steps=2)
    result = run_wan(loaded_5b, request)
    assert result.frames.shape == (5, 704, 1280, 3)  # the dense model's sizes are multiples of 32
    assert result.applied.height == 704 and result.notices
