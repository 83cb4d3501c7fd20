"""One job: a generation request in, a take clip plus its metadata on disk out."""

from __future__ import annotations

import contextlib
import datetime
import errno
import json
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, cast

from engine.generation.long_shot import generate_shot
from engine.generation.pipeline_cache import PipelineCache
from engine.generation.request import GenerationRequest, GenerationResult
from engine.generation.versions import software_versions
from engine.jobs.progress import ENCODING, CancelToken, Progress, ProgressCallback, ignore_progress
from engine.storage.atomic_file import write_bytes_atomic
from engine.video.video_io import write_clip

if TYPE_CHECKING:
    import numpy as np


@dataclass(frozen=True)
class TakeRecord:
    """A finished take: where its clip is and everything needed to reproduce it."""

    clip: Path
    metadata: dict


def take_metadata(request: GenerationRequest, result: GenerationResult, backend: str, seconds: float) -> dict:
    """The reproducibility record of a take: the request as applied, model, backend, versions, time."""
    applied = result.applied
    extra: dict[str, object] = {} if result.segments is None else {"segments": result.segments}
    if request.made_from:
        extra["made_from"] = dict(request.made_from)
    return {
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
        **extra,
    }


def run_take_job(
    cache: PipelineCache,
    request: GenerationRequest,
    clip_path: Path,
    on_progress: ProgressCallback = ignore_progress,
    cancel: CancelToken | None = None,
) -> TakeRecord:
    """Load (or reuse) the model, generate, and write the clip and a JSON sidecar atomically.

    Snapping notices arrive as progress messages. A cancel or an error leaves neither file behind.
    """
    # Checked before generating, so no GPU time is spent on a take that could not be written; the
    # writes below refuse again, atomically, in case a file appears meanwhile.
    if take_files_exist(clip_path):
        raise FileExistsError(errno.EEXIST, "a take never replaces an existing file", str(clip_path))
    started = time.perf_counter()
    loaded = cache.get(request.model, on_progress=on_progress)
    result = generate_shot(loaded, request, on_progress=on_progress, cancel=cancel)
    frames = cast("np.ndarray", result.frames)
    on_progress(Progress(ENCODING, 0, int(frames.shape[0])))
    write_clip(frames, result.applied.fps, clip_path, cancel=cancel, on_progress=on_progress, replace=False)
    metadata = take_metadata(request, result, backend="local", seconds=time.perf_counter() - started)
    write_sidecar(clip_path, metadata)
    return TakeRecord(clip_path, metadata)


def sidecar_path(clip: Path) -> Path:
    """The metadata file beside a take's clip: take-001.json for take-001.mp4."""
    return clip.with_suffix(".json")


def take_files_exist(clip: Path) -> bool:
    """Whether the clip or its sidecar name is taken (a dangling link counts: it would be followed)."""
    return os.path.lexists(clip) or os.path.lexists(sidecar_path(clip))


def write_sidecar(clip: Path, metadata: dict) -> None:
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
