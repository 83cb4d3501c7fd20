"""A repainted or extended take's given frames, read back from its record: the take it was made from (by its
media path, checked by hash), the masks kept in FILM.media/masks/, the context and the new frames."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from app.generation.conditioning_error import ConditioningError
from app.generation.take_given_frames import MASK_FOLDER, extend_control, repaint_control
from app.project.media_paths import UnsafePath, contained
from app.project.project import Project
from app.project.shot_images import shot_image_bytes
from app.project.shot_inputs import ShotImage
from engine.conditioning.control_cache import file_sha256
from engine.generation.request import ControlConditioning
from engine.values import is_json_int
from engine.video.video_io import VideoError, probe

DIRECTION_RECORDS = ("repaint", "extend")  # the sidecar's made_from keys a direction take is remade from


def recorded_path(project: Project, relative: object, what: str) -> Path:
    """A media path a take's record names, checked to stay inside the media folder."""
    if project.media_dir is None or not isinstance(relative, str):
        raise ConditioningError(f"the take's record names no {what}")
    try:
        return contained(project.media_dir, relative)
    except UnsafePath as exc:
        raise ConditioningError(str(exc), exc.hint) from None


def _source(project: Project, record: dict[str, Any]) -> Path:
    """The take it was made from, inside the media folder and unchanged since (when its hash is recorded)."""
    relative, digest = record.get("from_path"), record.get("sha256")
    clip = recorded_path(project, relative, "take it was made from")
    if not clip.is_file():
        raise ConditioningError(f"the take it was made from ({relative}) is gone")
    if isinstance(digest, str) and file_sha256(clip) != digest:
        raise ConditioningError(
            f"the take it was made from ({relative}) changed since (its content hash differs)"
        )
    return clip


def _count(value: object, what: str, least: int = 0) -> int:
    if not is_json_int(value) or value < least:
        raise ConditioningError(f"the take's record gives no valid {what} ({value!r})")
    return value


def _masks(project: Project, record: dict[str, Any]) -> tuple[bytes, ...]:
    entries = record.get("masks")
    if not isinstance(entries, list) or not entries or not all(isinstance(e, dict) for e in entries):
        raise ConditioningError("the take's repaint record names no masks")
    images = (ShotImage(path=str(e.get("path")), sha256=str(e.get("sha256"))) for e in entries)
    return tuple(shot_image_bytes(project, image, MASK_FOLDER) for image in images)


def direction_of(
    project: Project, record: dict[str, Any], frames: int
) -> tuple[ControlConditioning, int] | None:
    """The given frames of a repainted or extended take (record: its conditioning) and its run's frame
    count (frames: the take's own); None for any other take."""
    if isinstance(repaint := record.get("repaint"), dict):
        clip = _source(project, repaint)
        return repaint_control(clip, frames, _masks(project, repaint)), frames
    if not isinstance(extend := record.get("extend"), dict):
        return None
    clip = _source(project, extend)
    context, new = _count(extend.get("context"), "context", 1), _count(extend.get("frames"), "extension", 1)
    try:
        count = probe(clip).frame_count
    except VideoError as exc:
        raise ConditioningError(f"the take it was made from cannot be read: {exc}") from None
    if count < context:
        raise ConditioningError(
            f"the take it was made from has {count} frames, fewer than its {context} of context"
        )
    return extend_control(clip, count, context, new, bool(extend.get("before"))), context + new
