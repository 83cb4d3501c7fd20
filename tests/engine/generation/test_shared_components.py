"""A reference model loaded after a text model takes the text encoder, VAE and tokenizer it already
holds where the files are the same (by content), and loads its own where they are not."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest
from image_support import image_request, still

from engine.generation.pipeline_cache import PipelineCache, load_pipeline
from engine.generation.request import ModelSpec, ReferenceConditioning
from engine.generation.shared_components import SHARABLE, shared_components
from engine.generation.shot_run import run_shot
from engine.generation.speed.levers import SpeedError
from engine.generation.tiny_model import _vae


def on_cpu(folder: Path, **changes: object) -> ModelSpec:
    return ModelSpec(str(folder), device="cpu", dtype="float32", **changes)  # type: ignore[arg-type]


def modules(loaded) -> tuple[object, ...]:
    return tuple(getattr(loaded.pipe, name) for name in SHARABLE)


def test_the_reference_model_shares_the_loaded_text_models_modules(tiny_a14b, tiny_vace, loaded_vace) -> None:
    cache = PipelineCache()
    try:
        text = cache.get(on_cpu(tiny_a14b))
        held = modules(text)
        reference = cache.get(on_cpu(tiny_vace))
        assert type(reference.pipe).__name__ == "WanVACEPipeline" and reference.shared == SHARABLE
        assert all(a is b for a, b in zip(modules(reference), held, strict=True))
        assert reference.pipe.transformer is not text.pipe.transformer
        # Shared modules make the same frames as the reference model loaded on its own.
        request = image_request(reference, images=None, references=ReferenceConditioning((still(1),)))
        assert np.array_equal(run_shot(reference, request).frames, run_shot(loaded_vace, request).frames)
        # And back: the text model takes them from the reference model.
        assert all(a is b for a, b in zip(modules(cache.get(on_cpu(tiny_a14b))), held, strict=True))
    finally:
        cache.release()


def test_a_different_vae_is_loaded_not_shared(tiny_a14b, tiny_vace, tmp_path: Path) -> None:
    other = tmp_path / "vace-with-another-vae"
    shutil.copytree(tiny_vace, other)
    shutil.rmtree(other / "vae")
    _vae(dense=False, seed=1).save_pretrained(
        other / "vae", safe_serialization=True
    )  # same layout, same names
    cache = PipelineCache()
    try:
        text = cache.get(on_cpu(tiny_a14b))
        encoder, vae = text.pipe.text_encoder, text.pipe.vae
        reference = cache.get(on_cpu(other))
        assert reference.shared == ("text_encoder", "tokenizer")
        assert reference.pipe.text_encoder is encoder and reference.pipe.vae is not vae
    finally:
        cache.release()


def test_another_placement_or_an_offload_profile_shares_nothing(loaded_a14b, tiny_vace) -> None:
    assert set(shared_components(loaded_a14b, tiny_vace, "cpu", "float32", "none")) == set(SHARABLE)
    assert shared_components(loaded_a14b, tiny_vace, "cpu", "bfloat16", "none") == {}
    # Group and sequential offload hooks belong to one pipeline.
    assert shared_components(loaded_a14b, tiny_vace, "cpu", "float32", "group_offload") == {}


def test_one_generation_over_several_gpus_is_refused_for_the_reference_model(tiny_vace) -> None:
    with pytest.raises(SpeedError, match="no context-parallel plan"):
        load_pipeline(on_cpu(tiny_vace, gpus=2))
