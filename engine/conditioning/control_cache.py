"""Control frames kept once per clip, kind, model and settings: PNG folders under FILM.media/control/<key>/.

PNG frames rather than a lossless video: VACE takes frames, the preview steps to any frame without
decoding from a keyframe, and each frame is an exact RGB round trip readable by any tool. A folder is
built under a temporary name and renamed into place whole, so a crash or a cancel leaves no half.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from engine.conditioning.control_settings import ControlError
from engine.progress import CancelToken
from engine.storage.atomic_file import fsync_dir, open_unlinked, temp_prefix
from engine.storage.stale_temp import remove_stale_partials

RECORD_NAME = "control.json"
CACHE_VERSION = 1  # bump when the same inputs would give other frames
_CHUNK = 1 << 20


def frame_name(index: int) -> str:
    """The file name of the control frame at index (0-based)."""
    return f"frame_{index:05d}.png"


def file_sha256(path: Path, cancel: CancelToken | None = None) -> str:
    """The SHA-256 of a file's bytes, read in chunks (cancel is checked between them)."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(_CHUNK):
            if cancel is not None:
                cancel.check()
            digest.update(chunk)
    return digest.hexdigest()


def cache_key(clip_sha256: str, frame_fields: dict[str, Any], models: dict[str, str]) -> str:
    """The cache folder's name: a hash of the clip's bytes, the frame settings and the models' versions."""
    described = {"version": CACHE_VERSION, "clip": clip_sha256, "settings": frame_fields, "models": models}
    return hashlib.sha256(json.dumps(described, sort_keys=True).encode()).hexdigest()[:32]


def cached_entry(cache_dir: Path, key: str, frames: int) -> dict[str, Any] | None:
    """The stored record of a complete cache entry, or None if there is none (or only a damaged one)."""
    folder = cache_dir / key
    for place in (cache_dir, folder):
        if place.is_symlink():  # it may lead out of the film's folder: never written through
            raise ControlError(
                f"{place} is a link; Storyreel keeps control frames only inside the film's media folder."
            )
    record_path = folder / RECORD_NAME
    if not folder.is_dir() or record_path.is_symlink() or not record_path.is_file():
        return None
    try:
        record = json.loads(record_path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return None
    if not isinstance(record, dict) or record.get("frames") != frames:
        return None
    for index in range(frames):
        path = folder / frame_name(index)
        if path.is_symlink() or not path.is_file():
            return None
    return record


def write_file(path: Path, data: bytes) -> None:
    """Write a new file inside a folder being built, flushed to disk before the folder is published."""
    with open_unlinked(path, create=True) as out:
        out.write(data)
        out.flush()
        os.fsync(out.fileno())


@contextlib.contextmanager
def building(cache_dir: Path, key: str) -> Iterator[Path]:
    """Yield a temporary folder; on success it becomes cache_dir/key, on any error it is removed."""
    dest = cache_dir / key
    cache_dir.mkdir(parents=True, exist_ok=True)
    remove_stale_partials(dest)  # what a killed extraction of the same entry left
    if dest.is_dir() and not dest.is_symlink():
        shutil.rmtree(dest)  # called on a miss: what is there is damaged (a lost frame, a bad record)
    tmp = Path(tempfile.mkdtemp(prefix=temp_prefix(dest), dir=cache_dir))
    try:
        yield tmp
        fsync_dir(tmp)
        try:
            os.rename(tmp, dest)
        except OSError:
            if not dest.is_dir():
                raise
            shutil.rmtree(tmp)  # another extraction published the same frames first
        fsync_dir(cache_dir)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
