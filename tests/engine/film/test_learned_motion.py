"""RIFE's IFNet loaded from safetensors (a tiny random one here): padding, the refusals, the loader's checks."""

from __future__ import annotations

import json

import numpy as np
import pytest
import torch
from ifnet_support import TINY, direct, tiny_ifnet_folder
from safetensors.torch import save_file

from engine.film import learned_motion
from engine.film.ifnet import IFNet
from engine.film.learned_motion import InterpolatorError, load_interpolator
from engine.model_hub import ModelError


def frames(height: int, width: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(3)
    return (
        rng.integers(0, 255, (height, width, 3), np.uint8),
        rng.integers(0, 255, (height, width, 3), np.uint8),
    )


def test_a_loaded_model_pads_to_its_multiple_crops_back_and_equals_the_module(tmp_path):
    folder, model = tiny_ifnet_folder(tmp_path / "rife")
    interpolator = load_interpolator(str(folder), device="cpu")
    assert interpolator.model.pad_multiple() == 8
    a, b = frames(21, 30)  # neither side a multiple of 8
    made = interpolator(a, b, 0.25)
    assert made.shape == (21, 30, 3) and made.dtype == np.uint8
    np.testing.assert_array_equal(made, direct(model, a, b, 0.25, (24, 32)))


def test_the_training_wrappers_prefix_is_dropped_and_a_file_is_a_source(tmp_path):
    folder, model = tiny_ifnet_folder(tmp_path / "rife", prefix="module.")
    interpolator = load_interpolator(str(folder / "flownet.safetensors"), device="cpu")
    a, b = frames(16, 16)
    np.testing.assert_array_equal(interpolator(a, b, 0.5), direct(model, a, b, 0.5, (16, 16)))


def test_pickled_weights_are_never_loaded(tmp_path):
    folder = tmp_path / "pickled"
    folder.mkdir()
    torch.save(IFNet(**TINY).state_dict(), folder / "flownet.pkl")
    with pytest.raises(InterpolatorError, match="no interpolation weights in safetensors"):
        load_interpolator(str(folder))
    with pytest.raises(InterpolatorError, match="no interpolation weights in safetensors"):
        load_interpolator(str(folder / "flownet.pkl"))


def test_weights_of_another_model_are_refused_by_name(tmp_path):
    folder = tmp_path / "other"
    folder.mkdir()
    save_file({"conv.weight": torch.zeros(3, 3, 1, 1)}, folder / "model.safetensors")
    with pytest.raises(InterpolatorError, match="not RIFE IFNet weights of this layout"):
        load_interpolator(str(folder))


def test_a_config_that_does_not_match_the_weights_is_refused(tmp_path):
    folder, _ = tiny_ifnet_folder(tmp_path / "rife")
    (folder / "config.json").write_text(json.dumps({"widths": [16, 8], "scales": [2, 1]}))
    with pytest.raises(InterpolatorError, match="tensor sizes do not match"):
        load_interpolator(str(folder))
    (folder / "config.json").write_text(json.dumps({"widths": "big"}))
    with pytest.raises(InterpolatorError, match="'widths' must be a list of positive numbers"):
        load_interpolator(str(folder))


def test_frames_past_2k_find_their_flows_at_half_size(tmp_path, monkeypatch):
    folder, model = tiny_ifnet_folder(tmp_path / "rife")
    interpolator = load_interpolator(str(folder), device="cpu")
    monkeypatch.setattr(learned_motion, "HALF_FLOW_SIDE", 32)  # as 2048 does for 4K, on small frames
    a, b = frames(8, 34)  # past the side: padded to multiples of 16, not 8
    made = interpolator(a, b, 0.5)
    np.testing.assert_array_equal(made, direct(model, a, b, 0.5, (16, 48), coarser=2))
    assert not np.array_equal(made, direct(model, a, b, 0.5, (8, 40)))


def test_a_hub_repo_id_is_found_in_the_hub_cache_as_wan_is(tmp_path, monkeypatch):
    from huggingface_hub import constants

    commit = "0123456789abcdef0123456789abcdef01234567"
    repo = tmp_path / "hub" / "models--someone--rife-4.25"
    _, model = tiny_ifnet_folder(repo / "snapshots" / commit)
    (repo / "refs").mkdir()
    (repo / "refs" / "main").write_text(commit)
    monkeypatch.setattr(constants, "HF_HUB_CACHE", str(tmp_path / "hub"))
    interpolator = load_interpolator("someone/rife-4.25", device="cpu")  # offline here: the cache
    a, b = frames(16, 16)
    np.testing.assert_array_equal(interpolator(a, b, 0.5), direct(model, a, b, 0.5, (16, 16)))
    with pytest.raises(ModelError, match="someone/other is not in the local Hugging Face cache"):
        load_interpolator("someone/other", device="cpu")
