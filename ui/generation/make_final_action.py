"""Generate > Make Final: redo a selected Draft take at Final with the same seed, prompt and conditioning."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction

from ui.editing.undo_commands import EditShotCommand

if TYPE_CHECKING:
    from engine.jobs.job_queue import Job
    from ui.generation.generation_actions import GenerationController


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


def make_final_action(controller: GenerationController) -> QAction:
    """The action, for the Generate menu and the timeline's context menu."""
    action = QAction(QCoreApplication.translate("MakeFinal", "Make &Final"), controller)
    tip = QCoreApplication.translate(
        "MakeFinal", "Generate each selected Draft take again at Final, with the same seed and prompt"
    )
    action.setToolTip(tip)
    action.setStatusTip(tip)
    action.triggered.connect(lambda checked=False: make_final(controller, controller.selected_ids()))
    return action
