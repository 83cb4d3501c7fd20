"""Temporary files and folders a killed Storyreel left behind, found by name and removed when their owner is gone.

Every temporary name carries the id of the process writing it (see atomic_file.temp_prefix). A
leftover is removed when that process no longer runs, or when the process now holding its id
started after the leftover was last written (the id was reused). A live save, render or export
keeps its own files, and no other live process holds them back. Names from before owners were
recorded are removed only when older than every live Storyreel.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import shutil
import stat
from collections.abc import Iterable
from pathlib import Path

log = logging.getLogger(__name__)

# The owner's process id, then tempfile's random part: 8 characters from its alphabet.
OWNER = r"(?:(?P<pid>\d{1,10})-)?[a-z0-9_]{8}"


def _is_storyreel(cmdline: list[str]) -> bool:
    return any("storyreel" in part.lower() or Path(part).name == "main.py" for part in cmdline)


def oldest_live_start() -> float:
    """When the longest-running live Storyreel process started (this one at the latest)."""
    import psutil

    oldest = psutil.Process(os.getpid()).create_time()
    for process in psutil.process_iter(["cmdline", "create_time"]):
        with contextlib.suppress(psutil.Error, OSError, TypeError):
            if _is_storyreel(process.info["cmdline"] or []):
                oldest = min(oldest, float(process.info["create_time"]))
    return float(oldest)


def owner_is_gone(pid: int, written: float) -> bool:
    """Whether process pid can no longer be writing a file last written at `written` (a time stamp)."""
    import psutil

    try:
        started = psutil.Process(pid).create_time()
    except psutil.NoSuchProcess:
        return True
    except (psutil.Error, OSError):
        return False  # alive but not ours to look at: it may be writing
    # Process start times are rounded; a second of slack keeps a file written at once by its owner.
    return bool(started > written + 1.0)


def remove_stale(
    candidates: Iterable[tuple[Path, re.Match[str]]], legacy_before: float | None = None
) -> list[Path]:
    """Remove each leftover whose owner is gone (see the module's note); returns those removed."""
    removed = []
    limit = legacy_before
    for candidate, match in candidates:
        try:
            info = os.lstat(candidate)
            if not (stat.S_ISREG(info.st_mode) or stat.S_ISDIR(info.st_mode)):
                continue  # a link is never ours: it may lead anywhere
            pid = match.group("pid")
            if pid is not None:
                if not owner_is_gone(int(pid), info.st_mtime):
                    continue
            else:
                limit = oldest_live_start() if limit is None else limit
                if info.st_mtime >= limit:
                    continue
            if stat.S_ISDIR(info.st_mode):
                shutil.rmtree(candidate)  # removes links inside without following them
            else:
                candidate.unlink()
        except OSError as exc:
            log.warning("could not remove the stale temporary %s: %s", candidate, exc)
            continue
        removed.append(candidate)
    return removed


def output_partials(dest: Path) -> list[tuple[Path, re.Match[str]]]:
    """Hidden partial outputs of writes to dest beside it: .film.<owner>.mp4 files, .frames.<owner>/ folders."""
    dest = Path(dest)
    stem, suffix = re.escape(dest.stem), re.escape(dest.suffix)
    return matching(dest.parent, (re.compile(rf"^\.{stem}\.{OWNER}{suffix}(\.old)?$"),))


def matching(folder: Path, patterns: tuple[re.Pattern[str], ...]) -> list[tuple[Path, re.Match[str]]]:
    """The entries of folder whose names match one of the patterns, each with its match."""
    found = []
    with contextlib.suppress(OSError):
        for entry in folder.iterdir():
            match = next((m for m in (p.match(entry.name) for p in patterns) if m is not None), None)
            if match is not None:
                found.append((entry, match))
    return found


def remove_stale_partials(dest: Path) -> list[Path]:
    """Remove the partial outputs that killed writes to dest left beside it; returns them."""
    removed = remove_stale(output_partials(dest))
    if removed:
        log.info("removed %d stale partial output(s) of %s", len(removed), dest)
    return removed
