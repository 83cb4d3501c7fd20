"""Draft: the Lightning pair (lightx2v key layout) in both experts, fused, 4 passes, and Final back exactly."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pytest
import torch
from pass_counter import count_passes
from speed_support import small_request
from tiny_draft import write_tiny_draft_loras

from engine.generation.loaded_pipeline import LoadedPipeline
from engine.generation.pipeline_cache import load_pipeline
from engine.generation.request import DraftLoras, ModelSpec
from engine.generation.speed.draft import ADAPTERS, enter_draft, fetch_draft_loras, load_draft_adapters
from engine.generation.speed.levers import SpeedError
from engine.generation.wan_run import run_wan


@pytest.fixture(scope="module")
def draft(tiny_a14b: Path, tmp_path_factory: pytest.TempPathFactory) -> DraftLoras:
    return write_tiny_draft_loras(tiny_a14b, tmp_path_factory.mktemp("lightning"))


@pytest.fixture(scope="module")
def loaded(tiny_a14b: Path, draft: DraftLoras) -> LoadedPipeline:
    """Our own copy: Draft changes the weights, so the shared pipeline stays untouched."""
    return load_pipeline(ModelSpec(str(tiny_a14b), device="cpu", dtype="float32", draft=draft))


def state(model: torch.nn.Module) -> dict[str, torch.Tensor]:
    return {k: v.detach().clone() for k, v in model.state_dict().items()}


def test_the_lightx2v_layout_loads_into_both_experts(tiny_a14b: Path, draft: DraftLoras) -> None:
    pipe = load_pipeline(ModelSpec(str(tiny_a14b), device="cpu", dtype="float32")).pipe
    layers = load_draft_adapters(pipe, fetch_draft_loras(draft))
    assert set(pipe.transformer.peft_config) == {ADAPTERS["transformer"]}
    assert set(pipe.transformer_2.peft_config) == {ADAPTERS["transformer_2"]}
    # 8 attention projections and 2 feed-forward layers in each of the 2 blocks, per expert.
    assert len(layers["transformer"]) == len(layers["transformer_2"]) == 20
    bias = pipe.transformer.blocks[0].attn1.to_q.lora_B[ADAPTERS["transformer"]].bias
    assert bias is not None and bias.abs().sum() > 0  # diff_b became the LoRA's bias


def test_draft_fuses_both_experts_runs_four_passes_and_final_comes_back_exactly(loaded) -> None:
    pipe = loaded.pipe
    base = {"transformer": state(pipe.transformer), "transformer_2": state(pipe.transformer_2)}
    request = small_request(loaded.spec)
    with count_passes(pipe) as final_passes:
        final = run_wan(loaded, request)
    assert dict(final_passes.forwards) == {"transformer": 4, "transformer_2": 8}  # 2 × 6 with guidance

    with count_passes(pipe) as draft_passes:
        drafted = run_wan(loaded, dataclasses.replace(request, quality="draft"))
    assert draft_passes.total_forwards == 4  # 4 steps, no guidance
    assert draft_passes.forwards["transformer"] >= 1 and draft_passes.forwards["transformer_2"] >= 1
    for component in ("transformer", "transformer_2"):
        fused = state(getattr(pipe, component))
        assert not getattr(getattr(pipe, component), "peft_config", None)  # fused, adapter layers removed
        assert not torch.equal(
            fused["blocks.0.attn1.to_q.weight"], base[component]["blocks.0.attn1.to_q.weight"]
        )
        assert not torch.equal(fused["blocks.1.ffn.net.2.bias"], base[component]["blocks.1.ffn.net.2.bias"])
    assert pipe.scheduler.config.flow_shift == 5.0
    applied = drafted.applied
    assert (applied.num_inference_steps, applied.guidance_scale, applied.guidance_scale_2) == (4, 1.0, 1.0)
    assert drafted.speed["quality"] == "draft" and drafted.speed["flow_shift"] == 5.0
    assert np.abs(drafted.frames.astype(np.int16) - final.frames).mean() > 0.3

    again = run_wan(loaded, request)  # leaving Draft
    assert pipe.scheduler.config.flow_shift == 3.0
    for component in ("transformer", "transformer_2"):
        restored = state(getattr(pipe, component))
        assert restored.keys() == base[component].keys()
        assert all(torch.equal(restored[k], base[component][k]) for k in restored), component
    assert np.array_equal(again.frames, final.frames)


def test_draft_is_refused_clearly_where_it_cannot_run(loaded_5b, loaded, tmp_path: Path) -> None:
    with pytest.raises(SpeedError, match="two-expert"):
        run_wan(loaded_5b, small_request(loaded_5b.spec, quality="draft", guidance_scale_2=None))
    with pytest.raises(SpeedError, match="Unknown quality"):
        run_wan(loaded, small_request(loaded.spec, quality="best"))
    missing = DraftLoras(repo=str(tmp_path), high_noise="nope.safetensors", low_noise="nope.safetensors")
    with pytest.raises(SpeedError, match="does not exist"):
        enter_draft(loaded, missing)
    offline = DraftLoras(repo="lightx2v/Wan2.2-Lightning")  # the suite runs with HF_HUB_OFFLINE=1
    with pytest.raises(SpeedError, match="not downloaded"):
        fetch_draft_loras(offline)


def test_a_hostile_draft_file_is_refused_and_final_still_runs(loaded, tmp_path: Path) -> None:
    (tmp_path / "high.safetensors").write_bytes(b"\x00" * 64)
    (tmp_path / "low.safetensors").write_bytes(b"not a lora")
    bad = DraftLoras(repo=str(tmp_path), high_noise="high.safetensors", low_noise="low.safetensors")
    spec = dataclasses.replace(loaded.spec, draft=bad)
    with pytest.raises(ValueError, match="high.safetensors"):
        run_wan(loaded, small_request(spec, quality="draft"))
    result = run_wan(loaded, small_request(loaded.spec, num_inference_steps=2))
    assert result.speed["quality"] == "final"
