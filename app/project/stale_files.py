"""A project's temporary files that a killed Storyreel left behind, found by its own name patterns.

Whether one may go is decided by its owner (engine/storage/stale_temp.py): a leftover of a killed
process goes at once, whatever else runs; a live save or render keeps its own.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from pathlib import Path

from app.project.media_paths import UnsafePath, contained
from app.project.project import Project
from engine.storage.stale_temp import OWNER, matching, remove_stale

log = logging.getLogger(__name__)

_TAKE_TEMP = re.compile(rf"^\.take-\d{{3,}}\.{OWNER}\.(mp4|json)$")


def project_temp_patterns(project_file: Path) -> tuple[re.Pattern[str], ...]:
    """Temp names of saves of this project file (.FILM.<owner>.reel) and of its backup (.FILM.reel.<owner>.tmp)."""
    stem, suffix = re.escape(project_file.stem), re.escape(project_file.suffix)
    name = re.escape(project_file.name)
    return re.compile(rf"^\.{stem}\.{OWNER}{suffix}$"), re.compile(rf"^\.{name}\.{OWNER}\.tmp$")


def _candidates(project: Project) -> Iterator[tuple[Path, re.Match[str]]]:
    """Every entry that matches one of Storyreel's temp patterns, beside the project and in its shots' folders."""
    path, media = project.path, project.media_dir
    if path is None or media is None:
        return
    yield from matching(path.parent, project_temp_patterns(path))
    for shot in project.shots:
        try:
            folder = contained(media, shot.id)
        except UnsafePath:
            continue
        yield from matching(folder, (_TAKE_TEMP,))


def remove_stale_temp_files(project: Project, before: float | None = None) -> list[Path]:
    """Delete this project's temp files whose writer is gone; returns them.

    before: the time before which a temp file without a recorded owner counts as stale (default: the
    start of the oldest live Storyreel).
    """
    removed = remove_stale(_candidates(project), before)
    if removed:
        log.info("removed %d stale temp file(s) of %s", len(removed), project.path)
    return removed
