"""The tiny Wan model: diffusers layout, determinism, size, tokenizer."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from engine.generation.loaded_pipeline import ModelInfo
from engine.generation.tiny_model import INFO_FILE, build_tokenizer, write_tiny_model

# Shared session fixtures (tiny models, loaded pipelines); tests/conftest.py is not ours to edit.


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a14b_layout(tiny_a14b: Path) -> None:
    index = json.loads((tiny_a14b / "model_index.json").read_text())
    assert index["_class_name"] == "WanPipeline"
    assert index["boundary_ratio"] == 0.875
    assert index["transformer"][1] == index["transformer_2"][1] == "WanTransformer3DModel"
    assert json.loads((tiny_a14b / "vae" / "config.json").read_text())["z_dim"] == 16
    scheduler = json.loads((tiny_a14b / "scheduler" / "scheduler_config.json").read_text())
    assert scheduler["_class_name"] == "UniPCMultistepScheduler"
    assert scheduler["flow_shift"] == 3.0 and scheduler["use_flow_sigmas"]
    assert json.loads((tiny_a14b / INFO_FILE).read_text())["default_fps"] == 16


def test_5b_layout(tiny_5b: Path) -> None:
    index = json.loads((tiny_5b / "model_index.json").read_text())
    assert index["boundary_ratio"] is None and index["expand_timesteps"] is True
    assert index["transformer_2"] == [None, None]
    vae = json.loads((tiny_5b / "vae" / "config.json").read_text())
    assert (vae["z_dim"], vae["is_residual"], vae["patch_size"], vae["scale_factor_spatial"]) == (
        48,
        True,
        2,
        16,
    )
    assert json.loads((tiny_5b / "transformer" / "config.json").read_text())["in_channels"] == 48
    assert json.loads((tiny_5b / INFO_FILE).read_text())["default_fps"] == 24


def test_small_on_disk(tiny_a14b: Path, tiny_5b: Path) -> None:
    for folder in (tiny_a14b, tiny_5b):
        assert sum(len(b) for b in _files(folder).values()) < 3_000_000


def test_same_seed_same_bytes(tiny_a14b: Path, tmp_path: Path) -> None:
    again = write_tiny_model(tmp_path / "again", "t2v-a14b", seed=0)
    assert _files(again) == _files(tiny_a14b)
    other = write_tiny_model(tmp_path / "other", "t2v-a14b", seed=1)
    weights = "transformer/diffusion_pytorch_model.safetensors"
    assert _files(other)[weights] != _files(tiny_a14b)[weights]


def test_unknown_arch(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="t2v-a14b"):
        write_tiny_model(tmp_path / "x", "i2v-b99")


def test_info_from_folder_matches_pipeline(tiny_a14b, tiny_5b, loaded_a14b, loaded_5b) -> None:
    a14b = ModelInfo.from_folder(tiny_a14b)
    assert a14b == loaded_a14b.info
    assert (a14b.arch, a14b.two_experts, a14b.size_multiple, a14b.default_fps) == ("t2v-a14b", True, 16, 16)
    assert a14b.boundary_timestep == 875.0
    dense = ModelInfo.from_folder(tiny_5b)
    assert dense == loaded_5b.info
    assert (dense.arch, dense.two_experts, dense.size_multiple, dense.default_fps) == (
        "ti2v-5b",
        False,
        32,
        24,
    )
    assert dense.boundary_timestep is None and dense.expand_timesteps


def test_tokenizer_any_unicode_round_trip(tiny_a14b: Path) -> None:
    from transformers import AutoTokenizer

    saved = AutoTokenizer.from_pretrained(tiny_a14b / "tokenizer")
    text = "一只猫在月光下跳舞, café 🎬 ok"
    for tok in (build_tokenizer(), saved):
        ids = tok(text).input_ids
        assert ids[-1] == tok.eos_token_id == 1 and tok.unk_token_id not in ids
        assert tok.decode(ids, skip_special_tokens=True) == text
    assert saved(text).input_ids == build_tokenizer()(text).input_ids
