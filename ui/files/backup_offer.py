"""When a project file will not open but its backup does: offer the backup, and keep the damaged file."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from app.project.backup_file import backup_path, readable_backup
from app.project.project import Project
from app.project.reel_file import set_damaged_aside

if TYPE_CHECKING:
    from ui.widgets.dialogs import Dialogs


def offer_backup(dialogs: Dialogs, path: Path, reason: str) -> Project | None:
    """The backup's project if there is a readable one and the person chooses it; else None."""
    project = readable_backup(path)
    if project is None:
        return None
    if not dialogs.open_backup(path.name, reason, backup_path(path).name):
        return None
    set_damaged_aside(path)
    return project
