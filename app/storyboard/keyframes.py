"""Keyframe sketches: one still per shot from the shot's own model at one frame (num_frames=1, the
same request path as its takes: prompt as sent, seed, size, cast references), written as a PNG in
FILM.media/keyframes/ with a JSON record beside it, as a take's sidecar; and a kept still made the
shot's start image ("Animate From Keyframe")."""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.generation.shot_requests import build_request_with_record
from app.project.media_paths import check_id, contained
from app.project.project import Project
from app.project.shot import KEYFRAME_FOLDER, Shot
from app.project.shot_images import import_image
from engine.backends.local import run_take_job
from engine.backends.take_record import TakeRecord, take_files_exist
from engine.generation.pipeline_cache import PipelineCache
from engine.generation.request import GenerationRequest, ModelSpec
from engine.progress import CancelToken, ProgressCallback, ignore_progress

log = logging.getLogger(__name__)

MAX_SKETCHES = 999  # per shot: keyframes/<shot id>-001.png … -999.png


@dataclass(frozen=True)
class Sketch:
    """A keyframe sketch on disk: its PNG (media-relative path), the shot it is for, and its record."""

    shot_id: str
    path: str  # "keyframes/<shot id>-NNN.png", relative to FILM.media/
    record: dict[str, Any]


def keyframe_request(
    project: Project,
    shot: Shot,
    model: ModelSpec | None = None,
    seed: int | None = None,
    quality: str | None = None,
) -> GenerationRequest:
    """The shot's take request at one frame: its model, prompt as sent, seed, size, references."""
    request, record = build_request_with_record(project, shot, model, seed, quality=quality)
    references = request.references
    if references is not None:  # a one-frame run holds frame 0 only: later keyframes belong to the clip
        references = dataclasses.replace(
            references, keyframes=tuple(k for k in references.keyframes if k.frame == 0)
        )
    made_from = {**record, **request.made_from, "keyframe_of": shot.id}
    return dataclasses.replace(request, num_frames=1, references=references, made_from=made_from)


@dataclass(frozen=True)
class SketchPlan:
    """A sketch about to be made: its request and the PNG it is written to (absolute, media-relative)."""

    shot_id: str
    request: GenerationRequest
    path: Path
    relative: str

    def sketch(self, record: TakeRecord) -> Sketch:
        """The sketch once its job wrote the PNG and its record."""
        return Sketch(self.shot_id, self.relative, dict(record.metadata))


def next_sketch_path(project: Project, shot: Shot, reserved: Collection[str] = ()) -> tuple[Path, str]:
    """The first free keyframes/<shot id>-NNN.png not reserved by a queued sketch: (absolute, media-relative)."""
    media = project.media_dir
    if media is None:
        raise ValueError("save the film first: keyframes are written into its media folder")
    check_id(shot.id)
    for number in range(1, MAX_SKETCHES + 1):
        relative = f"{KEYFRAME_FOLDER}/{shot.id}-{number:03d}.png"
        path = contained(media, relative)
        if relative not in reserved and not take_files_exist(path):
            return path, relative
    raise ValueError(f"{shot.named()} already has {MAX_SKETCHES} keyframe sketches")


def plan_sketch(
    project: Project,
    shot_id: str,
    model: ModelSpec | None = None,
    seed: int | None = None,
    quality: str | None = None,
    reserved: Collection[str] = (),
) -> SketchPlan:
    """The request and file of a shot's next sketch (ValueError: no prompt, an unsaved film, too many)."""
    shot = project.shot(shot_id)
    if not shot.prompt.strip():
        raise ValueError("the shot has no prompt to sketch")
    request = keyframe_request(project, shot, model, seed, quality)
    path, relative = next_sketch_path(project, shot, reserved)
    return SketchPlan(shot.id, request, path, relative)


def sketch_keyframe(
    project: Project,
    shot_id: str,
    cache: PipelineCache,
    model: ModelSpec | None = None,
    seed: int | None = None,
    quality: str | None = None,
    progress: ProgressCallback = ignore_progress,
    cancel: CancelToken | None = None,
) -> Sketch:
    """Make one still of a shot and write it with its record, as the queue's local backend writes a take."""
    plan = plan_sketch(project, shot_id, model, seed, quality)
    record = run_take_job(cache, plan.request, plan.path, on_progress=progress, cancel=cancel)
    log.info("Keyframe sketch of shot %s written to %s", shot_id, plan.path)
    return plan.sketch(record)


def sketch_keyframes(
    project: Project,
    shot_ids: list[str],
    cache: PipelineCache,
    model: ModelSpec | None = None,
    new_seed: bool = False,
    quality: str | None = None,
    progress: ProgressCallback = ignore_progress,
    cancel: CancelToken | None = None,
) -> list[Sketch]:
    """One sketch per shot with a prompt, in order; new_seed draws a fresh seed instead of the shot's."""
    from app.generation.shot_requests import random_seed

    sketches: list[Sketch] = []
    for shot_id in shot_ids:
        if cancel is not None:
            cancel.check()
        shot = project.shot(shot_id)
        if not shot.prompt.strip():
            continue
        seed = random_seed() if new_seed else None
        sketches.append(sketch_keyframe(project, shot_id, cache, model, seed, quality, progress, cancel))
    return sketches


def shot_sketches(project: Project, shot: Shot) -> list[str]:
    """The shot's keyframe sketches on disk (media-relative PNG paths), oldest first."""
    media = project.media_dir
    if media is None:
        return []
    folder = media / KEYFRAME_FOLDER
    if not folder.is_dir() or folder.is_symlink():
        return []
    names = sorted(p.name for p in folder.glob(f"{check_id(shot.id)}-[0-9][0-9][0-9].png"))
    return [f"{KEYFRAME_FOLDER}/{name}" for name in names]


def keep_new_sketches(project: Project, sketches: list[Sketch]) -> list[str]:
    """Make each new sketch its shot's kept one unless the shot keeps one already (the first still
    made is the one a film animates from until the person keeps another; a kept one whose file is
    gone counts as none); the shot ids changed."""
    changed: list[str] = []
    for sketch in sketches:
        shot = project.shot(sketch.shot_id)
        if shot.kept_keyframe is None or kept_sketch_missing(project, shot):
            project.update_shot(sketch.shot_id, kept_keyframe=sketch.path)
            changed.append(sketch.shot_id)
    return changed


def kept_sketch_missing(project: Project, shot: Shot) -> bool:
    """Whether the shot keeps a sketch whose file is gone (or cannot be reached safely, or the film
    named one outside the shot's sketches and it was dropped on opening)."""
    media = project.media_dir
    if shot.kept_keyframe is None:
        return shot.id in project.dropped_kept_keyframes
    if media is None:
        return False
    try:
        return not contained(media, shot.kept_keyframe).is_file()
    except ValueError:
        return True


def animate_from_keyframe(project: Project, shot_id: str, sketch: str) -> dict[str, object]:
    """Make a kept sketch the shot's start image (checked and copied as any shot image); old values, for undo."""
    media = project.media_dir
    if media is None:
        raise ValueError("save the film first")
    image = import_image(project, contained(media, sketch))
    return project.set_shot_images(shot_id, start=image)
