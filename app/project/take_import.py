"""Bringing an existing video file into a project as a shot with an imported take."""

from __future__ import annotations

import datetime
import re
import shutil
from pathlib import Path

from app.project.media_paths import UnsafePath, contained
from app.project.shot import Shot, Take, new_id
from engine.errors import StoryreelError

VIDEO_SUFFIXES = frozenset({".mp4", ".mov", ".mkv", ".webm", ".avi", ".m4v", ".mpg", ".mpeg"})
IMPORT_FOLDER = "imported"


class TakeImportError(StoryreelError):
    """A video could not be imported; the message names the file and the problem."""

    hint = "Import a video file FFmpeg can read (MP4, MOV, WebM, MKV)."


def is_video_file(path: Path | str) -> bool:
    """Whether a path looks like a video we can import (by its suffix)."""
    return Path(path).suffix.lower() in VIDEO_SUFFIXES


def safe_stem(stem: str) -> str:
    """A file's name made portable for the media folder (odd characters become '_', 100 at most)."""
    cleaned = re.sub(r'[<>:"|?*\\\x00-\x1f/]', "_", stem)[:100].rstrip(" .")
    return cleaned or "clip"


def import_take(media_dir: Path, source: Path | str) -> Take:
    """Probe a video and copy it into the media folder; returns an imported Take (not yet attached)."""
    from engine.video.video_io import VideoError, probe

    source = Path(source)
    if not source.is_file():
        raise TakeImportError(f"{source}: no such file")
    try:
        info = probe(source)
    except VideoError as exc:
        raise TakeImportError(f"{source}: not a video Storyreel can read ({exc})") from None
    take_id = new_id()
    relative = f"{IMPORT_FOLDER}/{safe_stem(source.stem)}-{take_id}{source.suffix.lower()}"
    try:
        dest = contained(media_dir, relative)
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, dest)
    except (OSError, UnsafePath) as exc:
        raise TakeImportError(f"{source}: could not be copied into {media_dir} ({exc})") from None
    return Take(
        id=take_id,
        path=relative,
        width=info.width,
        height=info.height,
        frames=info.frame_count,
        fps=max(1, round(info.fps)),
        backend="import",
        imported=True,
        created=datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
    )


def shot_from_video(media_dir: Path, source: Path | str) -> Shot:
    """A new shot titled after the file, holding the imported take as its active take."""
    take = import_take(media_dir, source)
    return Shot(title=Path(source).stem, takes=[take], active_take=take.id)


def shots_from_videos(media: Path | None, sources: list[Path]) -> tuple[list[Shot], list[str]]:
    """Import several videos into a media folder; returns the new shots and one message per failure."""
    if media is None:
        return [], ["Save the project first: imported videos are copied into its media folder."]
    shots, errors = [], []
    for source in sources:
        try:
            shots.append(shot_from_video(media, source))
        except TakeImportError as exc:
            errors.append(str(exc))
    return shots, errors
