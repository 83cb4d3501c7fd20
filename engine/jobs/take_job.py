"""One job: a generation request in, a take clip plus its metadata on disk out."""

from __future__ import annotations

import datetime
import json
import time
from dataclasses import dataclass
from pathlib import Path

from engine.generation.pipeline_cache import PipelineCache
from engine.generation.request import GenerationRequest
from engine.generation.versions import software_versions
from engine.generation.wan_generator import generate
from engine.jobs.progress import ENCODING, CancelToken, Progress, ProgressCallback, ignore_progress
from engine.storage.atomic_file import write_bytes_atomic
from engine.video.video_io import write_clip


@dataclass(frozen=True)
class TakeRecord:
    """A finished take: where its clip is and everything needed to reproduce it."""

    clip: Path
    metadata: dict


def take_metadata(request: GenerationRequest, result, backend: str, seconds: float) -> dict:
    """The reproducibility record of a take: the request as applied, model, backend, versions, time."""
    applied = result.applied
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
        "model": request.model.source,
        "model_revision": result.model_revision,
        "backend": backend,
        "device": result.device,
        "dtype": result.dtype,
        "versions": software_versions(),
        "seconds": round(seconds, 3),
        "created": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
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
    started = time.perf_counter()
    loaded = cache.get(request.model, on_progress=on_progress)
    result = generate(loaded, request, on_progress=on_progress, cancel=cancel)
    on_progress(Progress(ENCODING, 0, int(result.frames.shape[0])))
    write_clip(result.frames, result.applied.fps, clip_path, cancel=cancel, on_progress=on_progress)
    metadata = take_metadata(request, result, backend="local", seconds=time.perf_counter() - started)
    sidecar = clip_path.with_suffix(".json")
    # The sidecar lets a take be recovered even if the project file is lost.
    write_bytes_atomic(sidecar, json.dumps(metadata, ensure_ascii=False, indent=2).encode("utf-8"))
    return TakeRecord(clip_path, metadata)
