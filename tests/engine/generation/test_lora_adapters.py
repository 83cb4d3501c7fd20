"""LoRA adapters on the tiny two-expert model: effect, weight, expert routing, swapping, bad files."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pytest
import torch
from lora_support import make_lora
from safetensors.torch import save_file

from engine.generation.loaded_pipeline import LoadedPipeline
from engine.generation.lora_adapters import LoraError, apply_loras, loaded_adapters, wanted_adapters
from engine.generation.pipeline_cache import load_pipeline
from engine.generation.request import GenerationRequest, LoraSpec, ModelSpec
from engine.generation.wan_run import run_wan


@pytest.fixture(scope="module")
def pipe(tiny_a14b: Path) -> LoadedPipeline:
    """Our own copy of the tiny model: adapters change it, so the shared one stays untouched."""
    return load_pipeline(ModelSpec(str(tiny_a14b), device="cpu", dtype="float32"))


@pytest.fixture(scope="module")
def loras(tiny_a14b: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("loras")
    return {
        "style": make_lora(tiny_a14b / "transformer", folder / "style.safetensors", seed=1),
        "other": make_lora(tiny_a14b / "transformer", folder / "other.safetensors", seed=2),
    }


def run(loaded: LoadedPipeline, *specs: LoraSpec) -> np.ndarray:
    request = GenerationRequest(
        prompt="a lighthouse at dusk",
        negative_prompt="blurry",
        seed=7,
        num_frames=5,
        width=32,
        height=32,
        fps=16,
        num_inference_steps=4,
        guidance_scale=4.0,
        guidance_scale_2=3.0,
        model=loaded.spec,
        loras=specs,
    )
    return run_wan(loaded, request).frames.astype(np.int16)


def test_lora_changes_output_weight_zero_does_not_and_unloading_restores(pipe, loras) -> None:
    base = run(pipe)
    styled = run(pipe, LoraSpec(str(loras["style"]), 1.0, "both"))
    assert np.abs(styled - base).mean() > 0.3  # different seeds differ by about 1.1
    assert loaded_adapters(pipe)["transformer"] and loaded_adapters(pipe)["transformer_2"]
    assert np.array_equal(run(pipe, LoraSpec(str(loras["style"]), 0.0, "both")), base)
    assert np.array_equal(run(pipe), base)
    assert loaded_adapters(pipe) == {"transformer": set(), "transformer_2": set()}
    # Adapters come and go on the same base modules: the model is never loaded again.
    assert not any("lora" in name for name, _ in pipe.pipe.transformer.named_modules())


def test_adapters_go_into_the_named_expert_and_swap_between_jobs(pipe, loras) -> None:
    transformer = pipe.pipe.transformer
    high = run(pipe, LoraSpec(str(loras["style"]), 1.0, "high-noise"))
    placed = loaded_adapters(pipe)
    assert len(placed["transformer"]) == 1 and not placed["transformer_2"]
    low = run(pipe, LoraSpec(str(loras["style"]), 1.0, "low-noise"))
    placed = loaded_adapters(pipe)
    assert not placed["transformer"] and len(placed["transformer_2"]) == 1
    assert not np.array_equal(high, low)
    both = run(
        pipe, LoraSpec(str(loras["style"]), 0.5, "high-noise"), LoraSpec(str(loras["other"]), 1.0, "both")
    )
    placed = loaded_adapters(pipe)
    assert len(placed["transformer"]) == 2 and len(placed["transformer_2"]) == 1
    assert pipe.pipe.transformer is transformer
    # Running the same job again after a swap gives the same frames.
    run(pipe)
    assert np.array_equal(
        run(
            pipe, LoraSpec(str(loras["style"]), 0.5, "high-noise"), LoraSpec(str(loras["other"]), 1.0, "both")
        ),
        both,
    )
    apply_loras(pipe, ())


def test_files_that_do_not_fit_give_errors_naming_the_file(pipe, tiny_a14b, tmp_path) -> None:
    from diffusers import WanTransformer3DModel

    other_model = tmp_path / "other-model"
    WanTransformer3DModel(
        patch_size=(1, 2, 2),
        num_attention_heads=2,
        attention_head_dim=8,
        in_channels=16,
        out_channels=16,
        text_dim=32,
        freq_dim=256,
        ffn_dim=32,
        num_layers=2,
        cross_attn_norm=True,
        qk_norm="rms_norm_across_heads",
        rope_max_seq_len=32,
    ).save_pretrained(other_model)
    wrong_size = make_lora(other_model, tmp_path / "wrong-size.safetensors", seed=3, target_modules=["to_q"])
    not_lora = tmp_path / "not-lora.safetensors"
    save_file({"weight": torch.zeros(2, 2)}, not_lora)
    junk = tmp_path / "junk.safetensors"
    junk.write_bytes(b"this is not a safetensors file")
    for path, problem in (
        (wrong_size, "does not fit this model"),
        (not_lora, "is not a LoRA"),
        (junk, "could not be read"),
        (tmp_path / "gone.safetensors", "not found"),
    ):
        with pytest.raises(LoraError, match=problem) as caught:
            apply_loras(pipe, (LoraSpec(str(path)),))
        assert str(path) in str(caught.value)
    assert loaded_adapters(pipe) == {"transformer": set(), "transformer_2": set()}


def test_wanted_adapters_routes_by_expert_and_refuses_what_cannot_apply(loras) -> None:
    style = LoraSpec(str(loras["style"]), 0.5, "both")
    wanted = wanted_adapters([style, dataclasses.replace(style, weight=0.25)], two_experts=True)
    assert [w for _, w in wanted["transformer"].values()] == [0.75]
    assert [w for _, w in wanted["transformer_2"].values()] == [0.75]
    dense = wanted_adapters([style], two_experts=False)
    assert dense["transformer"] and not dense["transformer_2"]
    with pytest.raises(LoraError, match="single expert"):
        wanted_adapters([dataclasses.replace(style, expert="low-noise")], two_experts=False)
    with pytest.raises(LoraError, match="unknown expert"):
        wanted_adapters([dataclasses.replace(style, expert="middle")], two_experts=True)
