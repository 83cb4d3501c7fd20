"""Undo takes away the failures of what it changed back: they described a state that is gone."""

from __future__ import annotations

from PySide6.QtCore import QObject

from app.project.project import Project
from ui.editing.project_session import ProjectSession

# Film-wide changes reach every shot's request (size, model, preset, the order that "continue" follows).
_EVERY_SHOT = {"settings_changed", "presets_changed", "shot_moved"}


class UndoneFailures(QObject):
    """Watches the session's undo stack; an undo clears the failure of each shot it touched."""

    def __init__(self, session: ProjectSession) -> None:
        super().__init__(session)
        self.session = session
        self._project: Project | None = None
        self._index = session.undo_stack.index()
        self._touched: set[str] = set()
        self._every = False
        session.projectChanged.connect(self._follow)
        session.undo_stack.indexChanged.connect(self._index_changed)
        self._follow(session.project)

    def _follow(self, project: Project) -> None:
        if self._project is not None:
            self._project.unsubscribe(self._on_event)
        self._project = project
        project.subscribe(self._on_event)
        self._index = self.session.undo_stack.index()
        self._forget()

    def _forget(self) -> None:
        self._touched.clear()
        self._every = False

    def _on_event(self, event: str, details: dict) -> None:
        if event in _EVERY_SHOT:
            self._every = True
        elif event == "shot_changed" and details.get("fields") != ["error"]:
            self._touched.add(str(details.get("shot_id")))

    def _index_changed(self, index: int) -> None:
        undone, self._index = index < self._index, index
        project = self.session.project
        if undone:
            for shot in project.shots:
                if shot.error and (self._every or shot.id in self._touched):
                    project.set_error(shot.id, None)
        self._forget()
