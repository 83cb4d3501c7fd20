"""A take's record, one path for every backend: clip facts -> TakeRecord -> JSON sidecar beside the clip."""

from __future__ import annotations

import contextlib
import datetime
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NotRequired, TypedDict

from engine.endpoint.http_call import EndpointError
from engine.generation.request import GenerationRequest, GenerationResult, Segments
from engine.generation.versions import software_versions
from engine.storage.atomic_file import write_bytes_atomic


class TakeMetadata(TypedDict):
    """A take's sidecar: the request as applied, model, backend, versions, time (the project's Take fields)."""

    prompt: str
    negative_prompt: str
    seed: int
    width: int
    height: int
    frames: int
    fps: int
    steps: int
    guidance_scale: float
    guidance_scale_2: float | None
    quality: str
    speed: dict[str, Any]
    model: str
    model_revision: str | None
    backend: str
    device: str
    dtype: str
    versions: dict[str, str]
    seconds: float
    created: str
    segments: NotRequired[Segments]
    settings_not_reported: NotRequired[dict[str, str]]  # setting -> where the record took it from
    made_from: NotRequired[dict[str, object]]  # conditioning and preset: enough to make it again alone
    scores: NotRequired[dict[str, dict[str, Any]]]  # engine/review: score name -> value, model, frames
    safety: NotRequired[dict[str, Any]]  # engine/review: the safety verdict ("flagged", "clear", "off"...)


@dataclass(frozen=True)
class TakeRecord:
    """A finished take: where its clip is and everything needed to reproduce it."""

    clip: Path
    metadata: TakeMetadata


def take_metadata(
    request: GenerationRequest, result: GenerationResult, backend: str, seconds: float
) -> TakeMetadata:
    """The reproducibility record of a take: the request as applied, model, backend, versions, time."""
    applied = result.applied
    metadata: TakeMetadata = {
        "prompt": applied.prompt,
        "negative_prompt": applied.negative_prompt,
        "seed": applied.seed,
        "width": applied.width,
        "height": applied.height,
        "frames": applied.num_frames,
        "fps": applied.fps,
        "steps": applied.num_inference_steps,
        "guidance_scale": applied.guidance_scale,
        "guidance_scale_2": applied.guidance_scale_2,
        "quality": result.speed.get("quality", "final"),  # what really ran (a remote take is Final)
        "speed": result.speed,
        "model": request.model.source,
        "model_revision": result.model_revision,
        "backend": backend,
        "device": result.device,
        "dtype": result.dtype,
        "versions": software_versions(),
        "seconds": round(seconds, 3),
        "created": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
    }
    if result.segments is not None:
        metadata["segments"] = result.segments
    if request.made_from:
        metadata["made_from"] = dict(request.made_from)
    return metadata


def sidecar_path(clip: Path) -> Path:
    """The metadata file beside a take's clip: take-001.json for take-001.mp4."""
    return clip.with_suffix(".json")


def take_files_exist(clip: Path) -> bool:
    """Whether the clip or its sidecar name is taken (a dangling link counts: it would be followed)."""
    return os.path.lexists(clip) or os.path.lexists(sidecar_path(clip))


def write_sidecar(clip: Path, metadata: TakeMetadata) -> None:
    """Write a take's metadata beside its clip, never over an existing file; on failure the clip goes too.

    The sidecar lets a take be recovered even if the project file is lost (see app/project/take_recovery).
    """
    data = json.dumps(metadata, ensure_ascii=False, indent=2).encode("utf-8")
    try:
        write_bytes_atomic(sidecar_path(clip), data, replace=False)
    except BaseException:
        # This job wrote the clip a moment ago: without its sidecar it is half a take.
        with contextlib.suppress(OSError):
            clip.unlink()
        raise


def record_take(
    clip: Path,
    request: GenerationRequest,
    result: GenerationResult,
    backend: str,
    seconds: float,
    model: str | None = None,
    versions: dict[str, str] | None = None,
    settings_not_reported: dict[str, str] | None = None,
) -> TakeRecord:
    """Write the sidecar of a clip already on disk; the keywords are what a remote backend knows better."""
    metadata = take_metadata(request, result, backend=backend, seconds=seconds)
    if model is not None:
        metadata["model"] = model
    if versions is not None:
        metadata["versions"] = versions
    if settings_not_reported:
        metadata["settings_not_reported"] = settings_not_reported
    write_sidecar(clip, metadata)
    return TakeRecord(clip, metadata)


def refuse_local_only(
    request: GenerationRequest, where: str, error: type[EndpointError] = EndpointError
) -> None:
    """Refuse, before anything is sent, what only this computer can run: LoRA files, colour matching, Draft."""
    if request.loras:
        raise error(
            f"LoRA adapters are local files; {where} cannot load them.",
            "Generate this shot locally, or use a preset without LoRAs.",
        )
    if request.colour_match:  # nor colour matching: the other side would join its segments unmatched
        raise error(
            f"Colour matching at the joins of a long shot runs on this computer; {where} cannot do it.",
            "Generate this shot locally, or turn colour matching off.",
        )
    if request.quality == "draft":  # the protocol has no quality: the other side would make a Final
        raise error(
            f"Draft fuses the Lightning LoRA pair on this computer; {where} run Final only.",
            "Generate Draft shots locally, or set the shot to Final.",
        )
