"""Temporary files a killed Storyreel left behind, found by its own name patterns and removed safely.

A temp file is removed only when it is older than every Storyreel process still running: a live
save or render may be writing one this very moment, but it cannot be writing one from before it
started.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import stat
from collections.abc import Iterator
from pathlib import Path

from app.project.media_paths import UnsafePath, contained
from app.project.project import Project

log = logging.getLogger(__name__)

# tempfile.mkstemp's random part: 8 characters from this alphabet (see engine/storage/atomic_file).
_RANDOM = r"[a-z0-9_]{8}"
_TAKE_TEMP = re.compile(rf"^\.take-\d{{3,}}\.{_RANDOM}\.(mp4|json)$")
_BACKUP_RANDOM = r"[0-9a-f]{8}"


def project_temp_pattern(project_file: Path) -> re.Pattern[str]:
    """Temp names of saves of this project file (.FILM.xxxxxxxx.reel) and of its backup."""
    stem, suffix = re.escape(project_file.stem), re.escape(project_file.suffix)
    name = re.escape(project_file.name)
    return re.compile(rf"^(\.{stem}\.{_RANDOM}{suffix}|\.{name}\.{_BACKUP_RANDOM}\.tmp)$")


def _is_storyreel(cmdline: list[str]) -> bool:
    return any("storyreel" in part.lower() or Path(part).name == "main.py" for part in cmdline)


def oldest_live_start() -> float:
    """When the longest-running live Storyreel process started (this one at the latest)."""
    import psutil

    oldest = float(psutil.Process(os.getpid()).create_time())
    for process in psutil.process_iter(["cmdline", "create_time"]):
        with contextlib.suppress(psutil.Error, OSError, TypeError):
            if _is_storyreel(process.info["cmdline"] or []):
                oldest = min(oldest, float(process.info["create_time"]))
    return oldest


def _candidates(project: Project) -> Iterator[Path]:
    """Every file that matches one of Storyreel's temp patterns, beside the project and in its shots' folders."""
    path, media = project.path, project.media_dir
    if path is None or media is None:
        return
    pattern = project_temp_pattern(path)
    with contextlib.suppress(OSError):
        yield from (entry for entry in path.parent.iterdir() if pattern.match(entry.name))
    for shot in project.shots:
        try:
            folder = contained(media, shot.id)
        except UnsafePath:
            continue
        with contextlib.suppress(OSError):
            yield from (entry for entry in folder.iterdir() if _TAKE_TEMP.match(entry.name))


def remove_stale_temp_files(project: Project, before: float | None = None) -> list[Path]:
    """Delete Storyreel's own temp files of this project older than any live Storyreel; returns them."""
    limit = oldest_live_start() if before is None else before
    removed = []
    for candidate in _candidates(project):
        try:
            info = os.lstat(candidate)
            if not stat.S_ISREG(info.st_mode) or info.st_mtime >= limit:
                continue  # a link or folder is not ours; a recent file may be a live write
            candidate.unlink()
        except OSError as exc:
            log.warning("could not remove the stale temp file %s: %s", candidate, exc)
            continue
        removed.append(candidate)
    if removed:
        log.info("removed %d stale temp file(s) of %s", len(removed), project.path)
    return removed
