"""Shared by the speed and image tests: a small request on the tiny model."""

from __future__ import annotations

import dataclasses

from engine.generation.request import GenerationRequest, ModelSpec


def small_request(model: ModelSpec, **changes: object) -> GenerationRequest:
    """A 5-frame 32×32 request at 6 steps, guidance 4 / 3: two high-noise and four low-noise steps."""
    request = GenerationRequest(
        prompt="a lighthouse at dusk",
        negative_prompt="blurry",
        seed=7,
        num_frames=5,
        width=32,
        height=32,
        fps=16,
        num_inference_steps=6,
        guidance_scale=4.0,
        guidance_scale_2=3.0,
        model=model,
    )
    return dataclasses.replace(request, **changes)  # type: ignore[arg-type]  # field names checked at run time
