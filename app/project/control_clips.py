"""Control clips: a video file copied into FILM.media/control-clips/ under its content hash, or a take of
this film, checked as control clips are (engine/conditioning/control_bounds.py) before anything is copied."""

from __future__ import annotations

from pathlib import Path

from app.project.media_paths import UnsafePath, contained
from app.project.project import Project
from app.project.reel_file import CONTROL_CLIP_FOLDER, check_control_path
from app.project.shot import Take
from app.project.shot_inputs import ShotControl, checked_control
from engine.conditioning.control_bounds import check_control_clip
from engine.conditioning.control_cache import file_sha256
from engine.conditioning.control_settings import ControlError
from engine.storage.atomic_file import copy_file_atomic

MAX_SUFFIX = 8


def _media(project: Project) -> Path:
    if project.media_dir is None:
        raise ControlError("Save the project first: control clips live in its media folder.")
    return project.media_dir


def _control(clip: str, sha256: str, **fields: object) -> ShotControl:
    try:
        control = ShotControl(clip, sha256, **fields)  # type: ignore[arg-type]
        checked_control(control)
    except (TypeError, ValueError) as exc:
        raise ControlError(f"The control settings cannot be used: {exc}.") from None
    return control


def import_control_clip(project: Project, source: Path, **fields: object) -> ShotControl:
    """Check a video file (headers only) and copy it into FILM.media/control-clips/<sha256>.<ext>.

    fields are ShotControl's kind, strength, length and fit; ControlError names the file and the problem.
    """
    source = Path(source)
    media = _media(project)
    check_control_clip(source)  # length, size, streams, codec: before a byte is copied
    digest = file_sha256(source)
    suffix = source.suffix.lower().lstrip(".")
    suffix = suffix if suffix.isalnum() and 0 < len(suffix) <= MAX_SUFFIX else "video"
    relative = f"{CONTROL_CLIP_FOLDER}/{digest}.{suffix}"
    try:
        dest = contained(media, relative)
        if not (dest.is_file() and file_sha256(dest) == digest):
            copy_file_atomic(source, dest)  # the name is the content, so replacing a damaged copy is safe
    except (OSError, UnsafePath) as exc:
        raise ControlError(f"The control clip {source} could not be copied into {media} ({exc}).") from None
    return _control(relative, digest, name=source.name[:255] or None, **fields)


def take_control(project: Project, take: Take, **fields: object) -> ShotControl:
    """A take of this film as a control clip (its bytes hashed now, checked again when frames are made)."""
    path = control_clip_file(project, ShotControl(take.path, ""))
    check_control_clip(path)
    return _control(take.path, file_sha256(path), source_take=take.id, **fields)


def control_clip_file(project: Project, control: ShotControl) -> Path:
    """The control clip's file inside the media folder, its path checked (no symlink, no way out)."""
    media = _media(project)
    try:
        check_control_path(control.clip, "the control clip")
        return contained(media, control.clip)
    except UnsafePath as exc:
        raise ControlError(str(exc), exc.hint) from None


def checked_control_clip(project: Project, control: ShotControl) -> Path:
    """control_clip_file, after checking the file is there and its bytes still match the recorded hash."""
    path = control_clip_file(project, control)
    if not path.is_file():
        raise ControlError(f"The control clip {control.clip} is not in {project.media_dir}.")
    if file_sha256(path) != control.sha256:
        raise ControlError(
            f"The control clip {control.clip} changed since it was chosen (its content hash differs).",
            "Choose the control clip again.",
        )
    return path
