"""Generate a new take for a shot and attach it to the project."""

from __future__ import annotations

from pathlib import Path

from app.project import Project, Shot, Take, new_id
from app.shot_requests import build_request, request_key
from engine.pipeline_cache import PipelineCache
from engine.progress import CancelToken, ProgressCallback, ignore_progress
from engine.request import ModelSpec
from engine.take_job import run_take_job


def next_take_path(project: Project, shot: Shot) -> tuple[Path, str]:
    """A free clip path for the shot's next take, absolute and relative to the media folder."""
    media = project.media_dir
    if media is None:
        raise ValueError("save the project before generating: takes live beside the project file")
    number = len(shot.takes) + 1
    while True:
        relative = f"{shot.id}/take-{number:03d}.mp4"
        if not (media / relative).exists():
            return media / relative, relative
        number += 1


def generate_take(
    project: Project,
    shot: Shot,
    cache: PipelineCache,
    model: ModelSpec | None = None,
    on_progress: ProgressCallback = ignore_progress,
    cancel: CancelToken | None = None,
) -> Take:
    """Generate one take of a shot with the project's settings, write it, and make it active."""
    request = build_request(project, shot, model=model)
    clip, relative = next_take_path(project, shot)
    key = request_key(project, shot)
    record = run_take_job(cache, request, clip, on_progress=on_progress, cancel=cancel)
    take = Take(id=new_id(), path=relative, request_key=key, **record.metadata)
    project.add_take(shot.id, take)
    return take
