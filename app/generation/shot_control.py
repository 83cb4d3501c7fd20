"""A shot's control clip as the reference model takes it: frames extracted once into FILM.media/control/
(engine/conditioning/control_extraction.py), and the record its take's sidecar keeps of them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from app.generation.conditioning_error import ConditioningError
from app.project.control_clips import checked_control_clip
from app.project.media_paths import UnsafePath, contained
from app.project.project import Project
from app.project.shot import Shot
from app.settings.model_settings import ModelSettings
from engine.conditioning.control_extraction import ControlFrames, extract_control
from engine.conditioning.control_settings import ControlSettings
from engine.errors import StoryreelError
from engine.generation.frames import snap_frames
from engine.generation.request import ControlConditioning
from engine.progress import CancelToken, ProgressCallback, ignore_progress

CONTROL_FOLDER = "control"  # FILM.media/control/<key>/frame_00000.png…


def control_cache_dir(project: Project) -> Path:
    """FILM.media/control/, checked to stay inside the media folder."""
    if project.media_dir is None:
        raise ConditioningError("Save the project first: control frames live in its media folder.")
    try:
        return contained(project.media_dir, CONTROL_FOLDER)
    except UnsafePath as exc:
        raise ConditioningError(str(exc), exc.hint) from None


def control_settings(
    shot: Shot, num_frames: int, width: int, height: int, fps: int, models: ModelSettings | None = None
) -> ControlSettings:
    """The extraction settings of a shot's control at the shot's size, rate and (snapped) length."""
    control = shot.control
    if control is None:
        raise ValueError("the shot has no control clip")
    return ControlSettings(
        kind=control.kind,
        width=width,
        height=height,
        fps=fps,
        frames=snap_frames(num_frames),
        strength=control.strength,
        length=control.length,
        size=control.fit,
        **(models or ModelSettings()).control_models(control.kind),
    )


def shot_control_frames(
    project: Project,
    shot: Shot,
    settings: ControlSettings,
    cancel: CancelToken | None = None,
    on_progress: ProgressCallback = ignore_progress,
) -> ControlFrames:
    """The shot's control frames, from the cache or extracted into it; ConditioningError names the shot."""
    if shot.control is None:
        raise ValueError("the shot has no control clip")
    try:
        clip = checked_control_clip(project, shot.control)
        return extract_control(clip, settings, control_cache_dir(project), cancel, on_progress)
    except StoryreelError as exc:
        raise ConditioningError(f"{shot.named()}'s control clip: {exc}", exc.hint) from None


def resolve_control(
    project: Project,
    shot: Shot,
    settings: ControlSettings,
    cancel: CancelToken | None = None,
    on_progress: ProgressCallback = ignore_progress,
) -> tuple[ControlConditioning, dict[str, Any]]:
    """The control frames a shot's request carries (their folder) and the sidecar's record: the frames'
    folder and key, the clip and its hash, the kind and strength."""
    frames = shot_control_frames(project, shot, settings, cancel, on_progress)
    assert shot.control is not None and project.media_dir is not None
    record = {
        "path": f"{CONTROL_FOLDER}/{frames.folder.name}",
        "key": frames.record["key"],
        "clip": {"path": shot.control.clip, "sha256": shot.control.sha256},
        "kind": shot.control.kind,
        "strength": shot.control.strength,
        "length": shot.control.length,
        "fit": shot.control.fit,
        "frames": frames.count,
        "models": frames.record["models"],
    }
    return ControlConditioning("control", frames.folder, shot.control.strength), {"control": record}
