"""ProjectSession: the project the window shows, and whether it holds work not yet saved."""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from app.project import recovery
from app.project.project import Project
from app.project.shot import new_id


class StatusSink(Protocol):
    """Where short notices go (the window's QStatusBar satisfies it)."""

    def showMessage(self, text: str, timeout: int = 0) -> None: ...

    def clearMessage(self) -> None: ...


class ProjectSession(QObject):
    """Owns the shown project, its path and its dirty state; widgets and controllers follow its signals."""

    projectChanged = Signal(object)  # the Project now shown (undo history starts over)
    saved = Signal(object)  # the Path just written
    dirtyChanged = Signal(bool)
    outsideChanged = Signal()  # a change kept outside the undo history: a take, the queue

    def __init__(self, project: Project, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.project = project
        # The session's child, so it goes before the session does and never reports to a dead one.
        self.undo_stack = QUndoStack(self)
        self.key = new_id()  # tells this window's recovery files from another running one's
        self.recovered = False  # the project came from a recovery: unsaved even with a clean stack
        self.outside_changes = False  # takes or queued jobs arrived since the last save
        self._dirty = self.is_dirty()
        self.undo_stack.cleanChanged.connect(self._check_dirty)

    @property
    def path(self) -> Path | None:
        return self.project.path

    def is_dirty(self) -> bool:
        return self.recovered or self.outside_changes or not self.undo_stack.isClean()

    def recovery_key(self) -> str:
        return recovery.recovery_key(self.project.path, self.key)

    def show(self, project: Project, recovered: bool = False) -> None:
        """Show another project; its undo history starts empty."""
        self.project = project
        self.recovered = recovered
        self.outside_changes = False
        self.undo_stack.clear()  # the previous project's commands go with it
        self._check_dirty()
        self.projectChanged.emit(project)

    def mark_saved(self, path: Path) -> None:
        """The project was written to path: nothing is unsaved any more."""
        self.recovered = self.outside_changes = False
        self.undo_stack.setClean()
        self._check_dirty()
        self.saved.emit(path)

    def note_outside_change(self) -> None:
        """A change the undo history does not hold (a generated take, the queue) needs saving."""
        self.outside_changes = True
        self.outsideChanged.emit()
        self._check_dirty()

    def _check_dirty(self, *args: object) -> None:
        dirty = self.is_dirty()
        if dirty != self._dirty:
            self._dirty = dirty
            self.dirtyChanged.emit(dirty)
