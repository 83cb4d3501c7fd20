"""Generate > Make Final: redo a selected Draft take at Final with the same seed, prompt and conditioning."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction

from app.project.project import Project
from engine.jobs.job_queue import Job
from ui.editing.project_session import ProjectSession, StatusSink
from ui.editing.undo_commands import EditShotCommand


class GenerationController(Protocol):
    """What Make Final needs of the window's GenerationController (which creates this action)."""

    session: ProjectSession
    status: StatusSink
    selected_ids: Callable[[], list[str]]

    @property
    def project(self) -> Project: ...

    def generate(
        self, shot_ids: list[str], new_seed: bool = False, seeds: dict[str, int | None] | None = None
    ) -> list[Job]: ...


def make_final(controller: GenerationController, shot_ids: list[str]) -> list[Job]:
    """Set each selected shot whose active take is a Draft to Final (undoable) and queue it with that seed."""
    project = controller.project
    seeds: dict[str, int | None] = {}
    for shot_id in shot_ids:
        shot = project.shot(shot_id)
        take = shot.active
        if take is not None and take.quality == "draft":
            seeds[shot_id] = take.seed
    if not seeds:
        controller.status.showMessage(
            QCoreApplication.translate("MakeFinal", "No selected shot has a Draft take to make final"), 5000
        )
        return []
    stack = controller.session.undo_stack
    stack.beginMacro(QCoreApplication.translate("MakeFinal", "Make Final"))
    for shot_id in seeds:
        if project.shot(shot_id).quality != "final":
            stack.push(EditShotCommand(project, shot_id, {"quality": "final"}))
    stack.endMacro()
    return controller.generate(list(seeds), seeds=seeds)


def make_final_action(controller: GenerationController, parent: QObject) -> QAction:
    """The action, for the Generate menu and the timeline's context menu."""
    action = QAction(QCoreApplication.translate("MakeFinal", "Make &Final"), parent)
    tip = QCoreApplication.translate(
        "MakeFinal", "Generate each selected Draft take again at Final, with the same seed and prompt"
    )
    action.setToolTip(tip)
    action.setStatusTip(tip)
    action.triggered.connect(lambda checked=False: make_final(controller, controller.selected_ids()))
    return action
