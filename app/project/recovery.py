"""Autosave recovery files: written beside the user's state, offered at the next start, never forced."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import time
from dataclasses import dataclass
from pathlib import Path

from app.paths.user_paths import state_dir
from app.project.project import Project
from app.project.reel_file import PROJECT_SUFFIX, ProjectError, dumps_project, parse_project
from engine.storage.atomic_file import write_bytes_atomic


def recovery_dir() -> Path:
    """The folder holding recovery files."""
    return state_dir() / "recovery"


def recovery_key(project_path: Path | None, session: str) -> str:
    """A file name stem: a hash of the project's path, or the session id for an unsaved project."""
    if project_path is None:
        return f"untitled-{session}"
    return hashlib.sha256(str(Path(project_path).resolve()).encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class Recovery:
    """One recovery file and what it recovers."""

    file: Path
    project_path: Path | None  # None: the project had never been saved
    name: str
    written: float  # time.time() of the autosave

    @property
    def meta_file(self) -> Path:
        return self.file.with_suffix(".json")


def write_recovery(text: str, project_path: Path | None, name: str, key: str) -> Recovery:
    """Write autosaved project text (from dumps_project) and a note saying which project it is."""
    folder = recovery_dir()
    file = folder / f"{key}{PROJECT_SUFFIX}"
    written = time.time()
    write_bytes_atomic(file, text.encode("utf-8"))
    meta = {
        "project_path": str(project_path) if project_path else None,
        "name": name,
        "written": written,
        "pid": os.getpid(),
        "process_started": _process_started(os.getpid()),
    }
    write_bytes_atomic(file.with_suffix(".json"), json.dumps(meta, ensure_ascii=False).encode("utf-8"))
    return Recovery(file, Path(project_path) if project_path else None, name, written)


def autosave(project: Project, key: str) -> Recovery:
    """Write a recovery file for a project (serialized here, on the caller's thread)."""
    return write_recovery(dumps_project(project), project.path, project.settings.name, key)


def _process_started(pid: int) -> float | None:
    """When a process started (None if it does not exist): with the pid, it names one process."""
    import psutil

    try:
        return float(psutil.Process(pid).create_time())
    except (psutil.Error, OSError):
        return None


def belongs_to_running_app(file: Path) -> bool:
    """True when another Storyreel still running wrote this recovery file: it is not abandoned work."""
    try:
        meta = json.loads(file.with_suffix(".json").read_text(encoding="utf-8"))
        pid, started = int(meta["pid"]), float(meta["process_started"])
    except (OSError, ValueError, KeyError, TypeError):
        return False
    return pid != os.getpid() and _process_started(pid) == started


def _read(file: Path) -> Recovery | None:
    try:
        meta = json.loads(file.with_suffix(".json").read_text(encoding="utf-8"))
        raw_path = meta.get("project_path")
        return Recovery(
            file,
            Path(raw_path) if raw_path else None,
            str(meta.get("name") or file.stem),
            float(meta.get("written") or file.stat().st_mtime),
        )
    except (OSError, ValueError, AttributeError, TypeError):
        return None


def is_newer_than_project(recovery: Recovery) -> bool:
    """True when the recovery holds work the project file does not (or there is no project file)."""
    if recovery.project_path is None:
        return True
    try:
        return recovery.file.stat().st_mtime > recovery.project_path.stat().st_mtime
    except FileNotFoundError:
        return recovery.file.exists()


def find_recoveries() -> list[Recovery]:
    """Recovery files worth offering, newest first; stale ones (older than their project) are deleted."""
    found = []
    for file in sorted(recovery_dir().glob(f"*{PROJECT_SUFFIX}")):
        recovery = _read(file)
        if recovery is None or belongs_to_running_app(file):
            continue
        if is_newer_than_project(recovery):
            found.append(recovery)
        else:
            discard(recovery)
    return sorted(found, key=lambda r: r.written, reverse=True)


def open_recovery(recovery: Recovery) -> Project:
    """The recovered project, bound to its original path so its media resolve (missing takes stay marked)."""
    try:
        text = recovery.file.read_text(encoding="utf-8")
    except OSError as exc:
        raise ProjectError(recovery.file, f"cannot be read ({exc.strerror})") from None
    project = parse_project(text, recovery.file)
    project.path = recovery.project_path
    return project


def discard(recovery: Recovery) -> None:
    """Delete a recovery file and its note."""
    for file in (recovery.file, recovery.meta_file):
        with contextlib.suppress(OSError):
            file.unlink()


def discard_for(project_path: Path | None, key: str) -> None:
    """Delete the recovery of a project (after it was saved or closed without changes)."""
    file = recovery_dir() / f"{key}{PROJECT_SUFFIX}"
    discard(Recovery(file, project_path, "", 0.0))
