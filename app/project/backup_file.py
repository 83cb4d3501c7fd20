"""Opening a project from its backup (FILM.reel.bak) when FILM.reel itself is damaged."""

from __future__ import annotations

from pathlib import Path

from app.project.project import Project
from app.project.reel_file import ProjectError, disk_stamp, load_project


def backup_path(path: Path | str) -> Path:
    """Where save_project keeps the previous version of a project file."""
    path = Path(path)
    return path.with_name(path.name + ".bak")


def readable_backup(path: Path | str) -> Project | None:
    """The project in path's backup, if there is one that loads; bound to path, not to the backup."""
    backup = backup_path(path)
    if not backup.is_file():
        return None
    try:
        project = load_project(backup)
    except ProjectError:
        return None
    project.path = Path(path).resolve()  # its media folder and next save are the original's
    project.disk_stamp = disk_stamp(project.path)  # the damaged file is the one to replace
    return project
