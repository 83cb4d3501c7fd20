"""Safetensors only: a model with pickle weights is refused before any weight is read."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import torch
from safetensors.torch import load_file

from app.cli.main import run_cli
from engine.generation.model_source import ModelError, check_model_folder
from engine.generation.pipeline_cache import load_pipeline
from engine.generation.request import ModelSpec

PICKLE_NAMES = {"model.safetensors": "pytorch_model.bin"}


def pickled_copy(tiny: Path, dest: Path, keep_safetensors: bool = False) -> Path:
    """The tiny model with every component's weights saved as a torch pickle (.bin)."""
    shutil.copytree(tiny, dest)
    for weights in dest.glob("*/*.safetensors"):
        name = PICKLE_NAMES.get(weights.name, "diffusion_pytorch_model.bin")
        torch.save(load_file(weights), weights.with_name(name))
        if not keep_safetensors:
            weights.unlink()
    return dest


def test_a_bin_only_model_is_refused_naming_safetensors(tmp_path, tiny_a14b, monkeypatch, capsys):
    model = pickled_copy(tiny_a14b, tmp_path / "pickled")

    def no_unpickling(*args, **kwargs):
        raise AssertionError("a weight was unpickled")

    monkeypatch.setattr(torch, "load", no_unpickling)
    with pytest.raises(ModelError, match="safetensors"):
        check_model_folder(model)
    with pytest.raises(ModelError, match="pickle"):
        load_pipeline(ModelSpec(str(model), device="cpu", dtype="float32"))
    shots = tmp_path / "shots.txt"
    shots.write_text("A lighthouse\n", encoding="utf-8")
    film = tmp_path / "film.reel"
    assert run_cli(["new", str(film), "--shots", str(shots), "--width", "64", "--height", "48"]) == 0
    capsys.readouterr()
    assert run_cli(["render", str(film), "-o", str(tmp_path / "o.mp4"), "--model", str(model)]) == 2
    err = capsys.readouterr().err
    assert "safetensors" in err and "pytorch_model.bin" in err
    assert not (tmp_path / "o.mp4").exists()


def test_a_model_with_both_kinds_loads_its_safetensors(tmp_path, tiny_a14b, monkeypatch):
    model = pickled_copy(tiny_a14b, tmp_path / "both", keep_safetensors=True)

    def no_unpickling(*args, **kwargs):
        raise AssertionError("a weight was unpickled")

    monkeypatch.setattr(torch, "load", no_unpickling)
    loaded = load_pipeline(ModelSpec(str(model), device="cpu", dtype="float32"))
    assert loaded.info.arch == "t2v-a14b" and loaded.pipe.transformer_2 is not None
