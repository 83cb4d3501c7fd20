"""Generate > Regenerate Outdated Shots: a new take of every shot whose take no longer matches it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from app.generation.batch_generation import outdated_shots

if TYPE_CHECKING:
    from engine.jobs.job_queue import Job
    from ui.generation.generation_actions import GenerationController


def regenerate_outdated(controller: GenerationController) -> list[Job]:
    """Queue a take for each outdated shot not already queued; says so when there is none."""
    busy = set(controller.take_queue.shot_jobs()) if controller.take_queue is not None else set()
    ids = [s.id for s in outdated_shots(controller.project) if s.id not in busy]
    if not ids:
        controller.status.showMessage(
            QCoreApplication.translate("OutdatedAction", "No shot is outdated: every take matches its shot"),
            5000,
        )
        return []
    return controller.generate(ids)


def install_regenerate_outdated(controller: GenerationController, menu: QMenu) -> QAction:
    """Add the action to the Generate menu, after Generate All Shots Without a Take."""
    action = QAction(QCoreApplication.translate("OutdatedAction", "Regenerate &Outdated Shots"), menu)
    tip = QCoreApplication.translate(
        "OutdatedAction",
        "Queue a new take of every shot whose prompt, settings or preset changed since its take",
    )
    action.setToolTip(tip)
    action.setStatusTip(tip)
    action.triggered.connect(lambda checked=False: regenerate_outdated(controller))
    following = menu.actions()[menu.actions().index(controller.act_generate_missing) + 1]
    menu.insertAction(following, action)
    return action
