"""A take's review: read it once, run every scorer turned on, and record the scores in its sidecar."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from engine.review.aesthetics import aesthetics_score
from engine.review.frame_scores import flicker_score, look_score, motion_score
from engine.review.model_scores import clip_score, likeness, safety_score
from engine.review.review_config import ReviewConfig, ReviewError
from engine.review.sampled_clip import SampledClip, read_sampled
from engine.review.scores import OK, Score, failed
from engine.storage.atomic_file import write_bytes_atomic

if TYPE_CHECKING:
    import numpy as np

log = logging.getLogger(__name__)

Grade = Callable[["np.ndarray"], "np.ndarray"]


@dataclass(frozen=True)
class TakeInputs:
    """What a take's scores compare it with: the prompt as sent, the cast's images, the preset's grade."""

    prompt: str
    references: dict[str, list[Any]] = field(default_factory=dict)  # member name -> images (bytes or PIL)
    grade: Grade | None = None


@dataclass(frozen=True)
class TakeReview:
    """The scores of one take by name, and the safety verdict, in their recorded (JSON) forms."""

    scores: dict[str, dict[str, Any]]
    safety: dict[str, Any]


def _run(name: str, compute: Callable[[], Score], frames: tuple[int, ...]) -> Score:
    """One scorer; its failure is recorded with the reason and logged, never raised."""
    try:
        return compute()
    except Exception as exc:  # a scorer's failure must never cost the take
        log.exception("The %s score failed", name)
        reason = str(exc) if isinstance(exc, ReviewError) else f"{type(exc).__name__}: {exc}"
        return failed(name, reason, frames=frames)


def _images(references: dict[str, list[Any]]) -> dict[str, list[Any]]:
    import io

    from PIL import Image

    return {
        name: [Image.open(io.BytesIO(i)).convert("RGB") if isinstance(i, bytes) else i for i in images]
        for name, images in references.items()
    }


def score_clip(clip: SampledClip, config: ReviewConfig, inputs: TakeInputs) -> list[Score]:
    """Every scorer turned on (and meaningful for this take) over frames read once."""
    at = clip.indices
    runs: list[tuple[str, Callable[[], Score], tuple[int, ...]]] = []
    if config.on("prompt") and inputs.prompt.strip():
        runs.append(("prompt", lambda: clip_score(clip.frames, at, inputs.prompt, config.clip_model), at))
    if config.on("likeness") and inputs.references:
        refs = inputs.references
        runs.append(("likeness", lambda: likeness(clip.frames, at, _images(refs), config.dino_model), at))
    if config.on("look") and inputs.grade is not None:
        grade = inputs.grade
        runs.append(("look", lambda: look_score(clip.frames, at, grade), at))
    every = tuple(range(clip.frame_count))
    if config.on("motion"):
        runs.append(("motion", lambda: motion_score(clip.grey), every))
    if config.on("flicker"):
        runs.append(("flicker", lambda: flicker_score(clip.grey), every))
    if config.on("aesthetics"):
        runs.append(("aesthetics", lambda: aesthetics_score(clip.frames, at, config.aesthetics_model), at))
    if config.on("safety"):
        threshold = config.safety_threshold
        runs.append(("safety", lambda: safety_score(clip.frames, at, config.safety_model, threshold), at))
    return [_run(name, compute, frames) for name, compute, frames in runs]


def safety_verdict(scores: list[Score], config: ReviewConfig) -> dict[str, Any]:
    """ "flagged", "clear", "failed" or "off" (the check turned off is recorded, so the report says so)."""
    if not config.on("safety"):
        return {"verdict": "off"}
    score = next(s for s in scores if s.name == "safety")
    if score.status != OK:
        return {"verdict": "failed", "reason": score.reason, "model": score.model}
    flagged = bool(score.details.get("flagged"))
    return {
        "verdict": "flagged" if flagged else "clear",
        "value": score.value,
        "threshold": config.safety_threshold,
        "model": score.model,
        "revision": score.revision,
        "frames": list(score.frames),
    }


def review_take(clip_path: Path, config: ReviewConfig, inputs: TakeInputs) -> TakeReview:
    """Score a take; ReviewError (nothing recorded) if its clip cannot be read."""
    clip = read_sampled(clip_path, config.sample_frames)
    scores = score_clip(clip, config, inputs)
    return TakeReview(
        {s.name: s.to_dict() for s in scores if s.name != "safety"}, safety_verdict(scores, config)
    )


def failed_review(reason: str, config: ReviewConfig) -> TakeReview:
    """The record of a review that could not read its take: every scorer failed with the reason."""
    scores = {n: failed(n, reason).to_dict() for n in sorted(config.enabled) if n != "safety"}
    safety = {"verdict": "failed", "reason": reason} if config.on("safety") else {"verdict": "off"}
    return TakeReview(scores, safety)


def write_review_to_sidecar(sidecar: Path, review: TakeReview) -> dict[str, Any]:
    """Add the scores and the safety verdict to a take's JSON sidecar, atomically; the new metadata."""
    metadata: dict[str, Any] = json.loads(sidecar.read_text(encoding="utf-8"))
    metadata["scores"], metadata["safety"] = review.scores, review.safety
    write_bytes_atomic(sidecar, json.dumps(metadata, ensure_ascii=False, indent=2).encode("utf-8"))
    return metadata
