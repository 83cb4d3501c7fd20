"""The speed levers, Draft and the take's record on the reference (VACE) model, both experts."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import numpy as np
import pytest
import torch
from image_support import image_request, still
from pass_counter import count_passes
from tiny_draft import write_tiny_draft_loras

from engine.backends.local import run_take_job
from engine.generation.pipeline_cache import PipelineCache, load_pipeline
from engine.generation.request import Keyframe, ModelSpec, ReferenceConditioning
from engine.generation.shot_run import run_shot

REFS = ReferenceConditioning((still(1),), (Keyframe(0, still(2)),))


def test_fp8_storage_and_compile_reach_both_vace_experts_and_the_take_records_its_conditioning(
    tiny_vace: Path, tmp_path: Path
) -> None:
    cache = PipelineCache()
    spec = ModelSpec(str(tiny_vace), device="cpu", dtype="float32", fp8="storage")
    request = image_request(cache.get(spec), images=None, references=REFS, num_frames=5)
    record = run_take_job(cache, request, tmp_path / "take-001.mp4")
    pipe = cache.loaded.pipe
    for model in (pipe.transformer, pipe.transformer_2):
        assert model.blocks[0].attn1.to_q.weight.dtype == torch.float8_e4m3fn
        assert model.vace_blocks[0].attn1.to_q.weight.dtype == torch.float8_e4m3fn
    speed = json.loads((tmp_path / "take-001.json").read_text(encoding="utf-8"))["speed"]
    assert speed == record.metadata["speed"]
    assert speed["fp8"] == "storage" and speed["experts"] == ["transformer", "transformer_2"]
    assert speed["conditioning"] == {"reference_images": 1, "pinned_frames": [0]}
    cache.release()

    # Regional compile takes the VACE blocks too (diffusers lists them in _repeated_blocks).
    compiled = load_pipeline(ModelSpec(str(tiny_vace), device="cpu", dtype="float32", compile="on"))
    for model in (compiled.pipe.transformer, compiled.pipe.transformer_2):
        blocks = [*model.blocks, *model.vace_blocks]
        assert all(block._compiled_call_impl is not None for block in blocks)


@pytest.mark.slow
def test_draft_runs_on_the_reference_model_and_final_comes_back_exactly(
    tiny_vace: Path, tiny_a14b: Path, loaded_vace, tmp_path: Path
) -> None:
    # The demo's pair is fitted to the text model's experts; the VACE experts share its main blocks.
    draft = write_tiny_draft_loras(tiny_a14b, tmp_path / "lightning")
    loaded = load_pipeline(ModelSpec(str(tiny_vace), device="cpu", dtype="float32", draft=draft))
    request = image_request(loaded, images=None, references=REFS, num_frames=5)
    with count_passes(loaded.pipe) as passes:
        drafted = run_shot(loaded, dataclasses.replace(request, quality="draft"))
    assert passes.total_forwards == 4 and drafted.speed["quality"] == "draft"
    final = run_shot(loaded, request)  # leaving Draft: the exact weights back from the files
    assert np.array_equal(final.frames, run_shot(loaded_vace, request).frames)
    assert not np.array_equal(drafted.frames, final.frames)
