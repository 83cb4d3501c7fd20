"""Backends turn a generation request into a take on disk: the local GPU/CPU, or an endpoint."""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from engine.generation.model_source import resolve_model
from engine.generation.pipeline_cache import PipelineCache, resolve_placement
from engine.generation.request import GenerationRequest, ModelSpec
from engine.jobs.progress import CancelToken, ProgressCallback
from engine.jobs.take_job import TakeRecord, run_take_job


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

    def __init__(self, cache: PipelineCache | None = None) -> None:
        self.cache = cache or PipelineCache()

    def run(
        self, request: GenerationRequest, clip_path: Path, on_progress: ProgressCallback, cancel: CancelToken
    ) -> TakeRecord:
        """Load (or reuse) the model and generate."""
        return run_take_job(self.cache, request, clip_path, on_progress=on_progress, cancel=cancel)

    def preflight(self, model: ModelSpec) -> None:
        """Check that the model folder (or Hub snapshot) and device are usable, without loading."""
        from engine.generation.speed.levers import resolve_levers

        device, _ = resolve_placement(model)
        resolve_levers(model, device)  # a speed lever this device cannot do is refused before any job
        resolve_model(model)

    def close(self) -> None:
        """Unload the model."""
        self.cache.release()
