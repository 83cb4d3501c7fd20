"""Backends turn a generation request into a take on disk: the local GPU/CPU, or an endpoint."""

from __future__ import annotations

import errno
import time
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, cast

from engine.backends.review_hook import AfterTake
from engine.backends.take_record import TakeRecord, record_take, take_files_exist
from engine.generation.model_source import resolve_model
from engine.generation.pipeline_cache import PipelineCache, resolve_placement
from engine.generation.request import GenerationRequest, ModelSpec
from engine.generation.shot_run import run_shot
from engine.progress import ENCODING, CancelToken, Progress, ProgressCallback, ignore_progress
from engine.storage.atomic_file import write_bytes_atomic
from engine.video.video_io import write_clip

if TYPE_CHECKING:
    import numpy as np

STILL_SUFFIX = ".png"  # a one-frame job written to this suffix is a still (a keyframe sketch), not a clip


class Backend(Protocol):
    """Something that generates one take at a time; the job queue gives each its own worker."""

    name: str

    def run(
        self, request: GenerationRequest, clip_path: Path, on_progress: ProgressCallback, cancel: CancelToken
    ) -> TakeRecord:
        """Generate request into clip_path (atomically, with its JSON sidecar)."""
        ...

    def preflight(self, model: ModelSpec) -> None:
        """Raise ModelError (or another clear error) now if jobs for this model cannot run."""
        ...

    def close(self) -> None:
        """Free what the backend holds (a loaded model, connections)."""
        ...


class LocalBackend:
    """Generates on this machine with diffusers' WanPipeline; owns the loaded pipeline."""

    name = "local"

    def __init__(self, cache: PipelineCache | None = None, after_take: AfterTake | None = None) -> None:
        self.cache = cache or PipelineCache()
        self.after_take = after_take  # scores each take on this worker (engine/backends/review_hook)

    def run(
        self, request: GenerationRequest, clip_path: Path, on_progress: ProgressCallback, cancel: CancelToken
    ) -> TakeRecord:
        """Load (or reuse) the model and generate."""
        return run_take_job(
            self.cache, request, clip_path, on_progress=on_progress, cancel=cancel, after_take=self.after_take
        )

    def preflight(self, model: ModelSpec) -> None:
        """Check that the model folder (or Hub snapshot) and device are usable, without loading."""
        preflight_local(model)

    def close(self) -> None:
        """Unload the model."""
        self.cache.release()


def preflight_local(model: ModelSpec) -> None:
    """Check that the model folder (or Hub snapshot) and device are usable, without loading."""
    from engine.generation.speed.levers import resolve_levers

    device, _ = resolve_placement(model)
    resolve_levers(model, device)  # a speed lever this device cannot do is refused before any job
    resolve_model(model)


def after_written(record: TakeRecord, request: GenerationRequest, after_take: AfterTake | None) -> TakeRecord:
    """The record scored by after_take, once the take is safe on disk; a still is a sketch, not a take:
    nothing scores it (the hook records its own failures)."""
    still = record.clip.suffix.lower() == STILL_SUFFIX
    return record if after_take is None or still else after_take(record, request)


def run_take_job(
    cache: PipelineCache,
    request: GenerationRequest,
    clip_path: Path,
    on_progress: ProgressCallback = ignore_progress,
    cancel: CancelToken | None = None,
    after_take: AfterTake | None = None,
) -> TakeRecord:
    """Load (or reuse) the model, generate, and write the clip (a PNG still for a .png path) and a JSON
    sidecar atomically.

    Snapping notices arrive as progress messages. A cancel or an error leaves neither file behind.
    """
    # Checked before generating, so no GPU time is spent on a take that could not be written; the
    # writes below refuse again, atomically, in case a file appears meanwhile.
    if take_files_exist(clip_path):
        raise FileExistsError(errno.EEXIST, "a take never replaces an existing file", str(clip_path))
    started = time.perf_counter()
    loaded = cache.get(request.model, on_progress=on_progress)
    result = run_shot(loaded, request, on_progress=on_progress, cancel=cancel)
    frames = cast("np.ndarray", result.frames)
    still = clip_path.suffix.lower() == STILL_SUFFIX
    if still:
        from engine.generation.still_image import png_bytes, still_from_frame

        clip_path.parent.mkdir(parents=True, exist_ok=True)
        write_bytes_atomic(clip_path, png_bytes(still_from_frame(frames[0])), replace=False)
    else:
        on_progress(Progress(ENCODING, 0, int(frames.shape[0])))
        write_clip(
            frames, result.applied.fps, clip_path, cancel=cancel, on_progress=on_progress, replace=False
        )
    record = record_take(clip_path, request, result, backend="local", seconds=time.perf_counter() - started)
    return after_written(record, request, after_take)  # scored here, on the worker
