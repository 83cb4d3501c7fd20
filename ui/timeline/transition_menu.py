"""The timeline's context menu for transitions: how each selected shot begins, and the film's fades."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QMenu, QWidget

from app.project.project import Project
from engine.film.export_settings import CUT
from ui.editing.undo_commands import EditSettingsCommand, EditShotCommand
from ui.widgets.labels import TRANSITION_LABELS, transition_label

DURATIONS = (0.25, 0.5, 1.0, 2.0)
FILM_FADE = 1.0  # seconds, when a film fade is switched on from the menu


def set_transition(project: Project, undo_stack: QUndoStack, shot_ids: list[str], **fields: object) -> None:
    """Set transition fields on shots as one undo step."""
    changed = [sid for sid in shot_ids if any(getattr(project.shot(sid), k) != v for k, v in fields.items())]
    if not changed:
        return
    undo_stack.beginMacro(
        QCoreApplication.translate("TransitionMenu", "Set Transition")
        if len(changed) == 1
        else QCoreApplication.translate("TransitionMenu", "Set Transition of {0} Shots").format(len(changed))
    )
    for sid in changed:
        undo_stack.push(
            EditShotCommand(
                project,
                sid,
                dict(fields),
                text=QCoreApplication.translate("TransitionMenu", "Set Transition"),
            )
        )
    undo_stack.endMacro()


def transition_menu(
    project: Project, undo_stack: QUndoStack, shot_ids: list[str], parent: QWidget | None = None
) -> QMenu:
    """Transition In (cut, crossfade, fade) and its duration for the shots; film fade in and out."""
    menu = QMenu(parent)
    # The first shot starts the film: it has no boundary before it.
    ids = [sid for sid in shot_ids if project.index_of(sid) > 0]
    shots = [project.shot(sid) for sid in ids]
    kinds = {s.transition for s in shots}
    durations = {s.transition_duration for s in shots}
    into = menu.addMenu(QCoreApplication.translate("TransitionMenu", "Transition &In"))
    into.setEnabled(bool(ids))
    for kind in TRANSITION_LABELS:
        action = into.addAction(transition_label(kind))
        action.setCheckable(True)
        action.setChecked(kinds == {kind})
        action.triggered.connect(
            lambda checked=False, k=kind: set_transition(project, undo_stack, ids, transition=k)
        )
    duration = menu.addMenu(QCoreApplication.translate("TransitionMenu", "Transition &Duration"))
    duration.setEnabled(bool(ids) and kinds != {CUT})
    for seconds in DURATIONS:
        action = duration.addAction(f"{seconds:g} s")
        action.setCheckable(True)
        action.setChecked(durations == {seconds})
        action.triggered.connect(
            lambda checked=False, s=seconds: set_transition(project, undo_stack, ids, transition_duration=s)
        )
    if shot_ids and not ids:
        into.setToolTip(
            QCoreApplication.translate(
                "TransitionMenu", "The first shot starts the film; use the film fades below"
            )
        )
    menu.addSeparator()
    settings = project.settings
    fades = (
        ("fade_in", QCoreApplication.translate("TransitionMenu", "Film Fades &In From Black")),
        ("fade_out", QCoreApplication.translate("TransitionMenu", "Film Fades &Out to Black")),
    )
    for field, label in fades:
        action = menu.addAction(label)
        action.setCheckable(True)
        action.setChecked(getattr(settings, field) > 0)
        action.triggered.connect(
            lambda checked, f=field: undo_stack.push(
                EditSettingsCommand(
                    project,
                    {f: FILM_FADE if checked else 0.0},
                    text=QCoreApplication.translate("TransitionMenu", "Set Film Fade"),
                )
            )
        )
    return menu
