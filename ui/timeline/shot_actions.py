"""ShotActions: add, duplicate, delete and move the timeline's selected shots, each one undo step."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from app.project.project import Project
from app.project.shot import Shot
from ui.editing.project_session import ProjectSession
from ui.editing.undo_commands import (
    InsertShotsCommand,
    RemoveShotsCommand,
    ReorderShotsCommand,
    duplicate_shot,
    order_after_move,
)
from ui.timeline.timeline_view import TimelineView


class ShotActions(QObject):
    """Edits of the session's shots through the undo stack; the selection follows each edit."""

    shotAdded = Signal(str)  # id of a new empty shot (its prompt wants the focus)

    def __init__(
        self,
        session: ProjectSession,
        undo_stack: QUndoStack,
        timeline: TimelineView,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.session, self.undo_stack, self.timeline = session, undo_stack, timeline

    @property
    def project(self) -> Project:
        return self.session.project

    def add_shot(self) -> None:
        ids = self.timeline.selected_ids()
        row = self.project.index_of(ids[-1]) + 1 if ids else len(self.project.shots)
        shot = Shot()
        self.undo_stack.push(InsertShotsCommand(self.project, row, [shot], self.tr("Add Shot")))
        self.timeline.select_ids([shot.id])
        self.shotAdded.emit(shot.id)

    def duplicate_selected(self) -> None:
        ids = self.timeline.selected_ids()
        if not ids:
            return
        twins = [duplicate_shot(self.project.shot(i)) for i in ids]
        row = max(self.project.index_of(i) for i in ids) + 1
        text = (
            self.tr("Duplicate Shot")
            if len(twins) == 1
            else self.tr("Duplicate {0} Shots").format(len(twins))
        )
        self.undo_stack.push(InsertShotsCommand(self.project, row, twins, text))
        self.timeline.select_ids([t.id for t in twins])

    def delete_selected(self) -> None:
        ids = self.timeline.selected_ids()
        if not ids:
            return
        after = max(self.project.index_of(i) for i in ids) + 1
        neighbour = next((s.id for s in self.project.shots[after:]), None)
        self.undo_stack.push(RemoveShotsCommand(self.project, ids))
        if neighbour is None and self.project.shots:
            neighbour = self.project.shots[-1].id
        self.timeline.select_ids([neighbour] if neighbour else [])

    def move_shots_to(self, ids: list[str], row: int) -> None:
        """Move shots to insert before row (a drop): one undo step."""
        order = order_after_move(self.project, ids, row)
        command = ReorderShotsCommand(
            self.project,
            order,
            self.tr("Move Shot") if len(ids) == 1 else self.tr("Move {0} Shots").format(len(ids)),
        )
        if not command.isObsolete():
            self.undo_stack.push(command)
        self.timeline.select_ids(ids)

    def move_selection(self, delta: int) -> None:
        ids = self.timeline.selected_ids()
        if not ids:
            return
        rows = [self.project.index_of(i) for i in ids]
        row = min(rows) - 1 if delta < 0 else max(rows) + 2
        if row < 0 or row > len(self.project.shots):
            return
        self.move_shots_to(ids, row)
