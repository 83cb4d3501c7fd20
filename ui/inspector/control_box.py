"""The inspector's control clip: a video file or a take whose motion the shot follows, its kind and strength."""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtGui import QFocusEvent, QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QWidget,
)

from app.project.project import Project
from app.project.shot import Shot
from app.project.shot_inputs import ShotControl
from engine.conditioning.control_settings import MAX_STRENGTH
from ui.editing.undo_commands import EditShotCommand
from ui.i18n.translation import QT_TRANSLATE_NOOP
from ui.widgets.background import BackgroundWorker
from ui.widgets.labels import shot_title

log = logging.getLogger(__name__)
KIND_LABELS = {
    "pose": QT_TRANSLATE_NOOP("ControlBox", "Pose (each person's skeleton)"),
    "depth": QT_TRANSLATE_NOOP("ControlBox", "Depth (near is bright)"),
    "edges": QT_TRANSLATE_NOOP("ControlBox", "Edges (outlines)"),
    "video": QT_TRANSLATE_NOOP("ControlBox", "Video (the clip's own frames)"),
}
LENGTH_LABELS = {
    "trim": QT_TRANSLATE_NOOP("ControlBox", "Trim (a short clip holds its last frame)"),
    "loop": QT_TRANSLATE_NOOP("ControlBox", "Loop (a short clip starts again)"),
}
FIT_LABELS = {
    "fill": QT_TRANSLATE_NOOP("ControlBox", "Fill (crop to the shot)"),
    "fit": QT_TRANSLATE_NOOP("ControlBox", "Fit (black bars)"),
}
VIDEO_FILTER = "Videos (*.mp4 *.mov *.mkv *.webm *.avi *.m4v *.gif)"


class _TakeChoice(QComboBox):
    """The film's takes, listed when the box is opened or focused rather than on every selection."""

    def __init__(self, fill: Callable[[], None]) -> None:
        super().__init__()
        self._fill = fill

    def showPopup(self) -> None:  # noqa: N802 - Qt's name
        self._fill()
        super().showPopup()

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt's name
        self._fill()  # the arrow keys step through the takes without the popup
        super().focusInEvent(event)


class ControlBox(QGroupBox):
    """Edits one shot's control; each change is one undo step, a clip is checked and copied off the GUI thread."""

    def __init__(self, undo_stack: QUndoStack, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Control clip"), parent)
        self.setObjectName("ControlBox")
        self.undo_stack = undo_stack
        self.project: Project | None = None
        self.shot_id: str | None = None
        self.worker = BackgroundWorker(self)
        self.errors: Callable[[str], None] = self._show_error  # where a refused clip is said
        self.clip = QLabel()
        self.clip.setWordWrap(True)
        self.choose = QPushButton(self.tr("Video File…"))
        self.choose.setToolTip(self.tr("Follow the motion of a video file (copied into the film's media)"))
        self.choose.clicked.connect(self._choose_file)
        self.takes = _TakeChoice(self.fill_takes)
        self._takes_listed = False  # whether self.takes holds the film's takes as they are now
        self.takes.setToolTip(self.tr("Follow the motion of a take of this film"))
        self.takes.activated.connect(self._take_chosen)
        self.remove = QPushButton(self.tr("Remove"))
        self.remove.clicked.connect(lambda: self._set(None, self.tr("Remove Control Clip")))
        self.kind = self._combo(KIND_LABELS, "kind")
        self.length = self._combo(LENGTH_LABELS, "length")
        self.fit = self._combo(FIT_LABELS, "fit")
        self.strength = QDoubleSpinBox()
        self.strength.setRange(0.0, MAX_STRENGTH)
        self.strength.setSingleStep(0.05)
        self.strength.setToolTip(
            self.tr("How closely the shot follows the control (0 to 2; 1 is the model's own)")
        )
        self.strength.editingFinished.connect(
            lambda: self._change("strength", round(self.strength.value(), 2))
        )
        self.status = QLabel()
        self.status.setWordWrap(True)
        buttons = QHBoxLayout()
        for widget in (self.choose, self.takes, self.remove):
            buttons.addWidget(widget)
        form = QFormLayout(self)
        form.addRow(self.clip)
        form.addRow(buttons)
        form.addRow(self.tr("Kind"), self.kind)
        form.addRow(self.tr("Strength"), self.strength)
        form.addRow(self.tr("Length"), self.length)
        form.addRow(self.tr("Size"), self.fit)
        form.addRow(self.status)

    def _combo(self, labels: dict[str, str], field: str) -> QComboBox:
        from PySide6.QtCore import QCoreApplication

        box = QComboBox()
        for value, label in labels.items():
            box.addItem(QCoreApplication.translate("ControlBox", label), value)
        box.activated.connect(lambda _i: self._change(field, box.currentData()))
        return box

    # -- showing -------------------------------------------------------------------------
    def set_shot(self, project: Project, shot: Shot | None) -> None:
        """Show this shot's control (None: no shot)."""
        self.project, self.shot_id = project, shot.id if shot else None
        self.refresh()

    def _control(self) -> ShotControl | None:
        if self.project is None or self.shot_id is None:
            return None
        try:
            return self.project.shot(self.shot_id).control
        except KeyError:
            return None

    def refresh(self) -> None:
        """Show the control's clip and settings; the take list holds this film's takes."""
        control = self._control()
        self.clip.setText(
            self.tr("None: the prompt alone sets the motion.")
            if control is None
            else self.tr("Follows {0}").format(control.name or control.clip)
        )
        # Every take of the film (thousands at 2,000 shots): listed when the box is opened, not per click.
        self._takes_listed = False
        if self.takes.hasFocus() or self.takes.view().isVisible():
            self.fill_takes()
        elif self.takes.count() != 1:
            self.takes.clear()
            self.takes.addItem(self.tr("A take…"), None)
        for widget in (self.kind, self.strength, self.length, self.fit, self.remove):
            widget.setEnabled(control is not None)
        # Without a control the greyed fields show what a new one starts with.
        shown = control or ShotControl("", "")
        self.kind.setCurrentIndex(self.kind.findData(shown.kind))
        self.length.setCurrentIndex(self.length.findData(shown.length))
        self.fit.setCurrentIndex(self.fit.findData(shown.fit))
        self.strength.setValue(shown.strength)

    def fill_takes(self) -> None:
        """List this film's takes in the take box, unless it lists them as they are already."""
        if self._takes_listed:
            return
        self._takes_listed = True
        self.takes.clear()
        self.takes.addItem(self.tr("A take…"), None)
        if self.project is not None:
            for index, shot in enumerate(self.project.shots):
                title = shot_title(shot, index)
                for number, take in enumerate(shot.takes, 1):
                    label = self.tr("{0} · Take {1}").format(title, number)
                    self.takes.addItem(label, f"{shot.id}/{take.id}")

    # -- editing -------------------------------------------------------------------------
    def _set(self, control: ShotControl | None, text: str) -> None:
        if self.project is None or self.shot_id is None:
            return
        if control == self._control():
            return
        self.undo_stack.push(EditShotCommand(self.project, self.shot_id, {"control": control}, text=text))
        self.refresh()

    def _change(self, field: str, value: Any) -> None:
        control = self._control()
        if control is not None and getattr(control, field) != value:
            self._set(dataclasses.replace(control, **{field: value}), self.tr("Edit Control Clip"))

    def _fields(self) -> dict[str, object]:
        control = self._control()
        if control is None:
            return {}
        return {
            "kind": control.kind,
            "strength": control.strength,
            "length": control.length,
            "fit": control.fit,
        }

    def _choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Choose a control clip"), "", VIDEO_FILTER)
        if path:
            self.use_file(Path(path))

    def use_file(self, path: Path) -> None:
        """Check the file's headers, hash and copy it off the GUI thread, then set it (one undo step)."""
        from app.project.control_clips import import_control_clip

        project, shot_id, fields = self.project, self.shot_id, self._fields()
        if project is None or shot_id is None:
            return
        self._busy(self.tr("Checking {0}…").format(path.name))
        self.worker.run(
            lambda: import_control_clip(project, path, **fields),
            lambda control: self._chosen(shot_id, control),
            self._failed,
        )

    def _take_chosen(self, index: int) -> None:
        from app.project.control_clips import take_control

        chosen = self.takes.itemData(index)
        project, fields = self.project, self._fields()
        if chosen is None or project is None or self.shot_id is None:
            return
        shot_of, _, take_id = str(chosen).partition("/")
        take = project.shot(shot_of).take(take_id)
        if take is None:
            return
        shot_id = self.shot_id
        self._busy(self.tr("Checking {0}…").format(take.path))
        self.worker.run(
            lambda: take_control(project, take, **fields),
            lambda control: self._chosen(shot_id, control),
            self._failed,
        )

    def _busy(self, text: str) -> None:
        self.status.setText(text)
        self.choose.setEnabled(False)
        self.takes.setEnabled(False)

    def _idle(self, text: str = "") -> None:
        self.status.setText(text)
        self.status.setStyleSheet("")
        self.choose.setEnabled(True)
        self.takes.setEnabled(True)

    def _chosen(self, shot_id: str, control: ShotControl) -> None:
        self._idle()
        if shot_id == self.shot_id:  # the selection may have moved on while the clip was checked
            self._set(control, self.tr("Set Control Clip"))

    def _failed(self, exc: BaseException) -> None:
        log.warning("control clip refused", exc_info=exc)
        self._idle()
        self.refresh()
        self.errors(str(exc))

    def _show_error(self, message: str) -> None:
        self.status.setText(message)
        self.status.setStyleSheet("color: #dc2626;")

    def shutdown(self) -> None:
        """Wait for a clip being checked; no answer follows."""
        self.worker.shutdown()
