"""Final's step cache: diffusers' FirstBlockCache on both experts for one call, taken off after."""

from __future__ import annotations

import math
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from engine.generation.request import GenerationRequest
from engine.generation.speed.levers import SpeedError, experts

# MagCache is left out: diffusers ships no Wan mag_ratios (it needs a calibration run per model and
# scheduler) and it miscounts steps across Wan 2.2's two experts (diffusers #14025). FasterCache fails on
# Wan's two guidance passes, run one after the other.
STEP_CACHES = ("none", "first_block")


def check_step_cache(request: GenerationRequest) -> None:
    """Raise SpeedError for an unknown cache or a threshold that is not a number in (0, 1]."""
    if request.step_cache not in STEP_CACHES:
        raise SpeedError(f"Unknown step cache {request.step_cache!r}. Use one of {', '.join(STEP_CACHES)}.")
    t = request.cache_threshold
    if request.step_cache != "none" and not (isinstance(t, int | float) and math.isfinite(t) and 0 < t <= 1):
        raise SpeedError(f"The step cache threshold must be a number above 0 and at most 1, not {t!r}.")


@contextmanager
def step_cache(pipe: Any, request: GenerationRequest) -> Iterator[dict[str, Any]]:
    """Enable the request's step cache on every expert while the block runs; yields what is recorded."""
    check_step_cache(request)
    if request.step_cache == "none":
        yield {"step_cache": "none"}
        return
    from diffusers import FirstBlockCacheConfig

    enabled = []
    try:
        for _name, model in experts(pipe):
            model.enable_cache(FirstBlockCacheConfig(threshold=float(request.cache_threshold)))
            enabled.append(model)
        yield {"step_cache": request.step_cache, "cache_threshold": float(request.cache_threshold)}
    finally:
        for model in enabled:
            model.disable_cache()
