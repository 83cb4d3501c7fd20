"""The Repaint and Extend dialogs: what a new take of a painted region, or a longer take, is made with."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.generation.shot_requests import MAX_SEED
from app.generation.take_direction import MAX_EXTEND_FRAMES


@dataclass(frozen=True)
class RepaintChoice:
    """A repaint's new prompt (None: the shot's own) and seed (None: the shot's or a random one)."""

    prompt: str | None
    seed: int | None


@dataclass(frozen=True)
class ExtendChoice:
    """How many frames an extension adds, and whether before the take rather than after it."""

    frames: int
    before: bool


def _buttons(dialog: QDialog, ok: str) -> QDialogButtonBox:
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


class RepaintDialog(QDialog):
    """Repaint the painted region: an optional new prompt and seed."""

    def __init__(self, prompt: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Repaint"))
        note = QLabel(
            self.tr(
                "A new take is made with the painted part generated again; the rest of the take's "
                "pixels are kept. Leave the prompt as it is, or say what the region should show."
            )
        )
        note.setWordWrap(True)
        self.prompt = QPlainTextEdit(prompt)
        self.original = prompt
        self.fixed_seed = QCheckBox(self.tr("Fixed seed"))
        self.seed = QSpinBox()
        self.seed.setRange(
            0, min(MAX_SEED, 2**31 - 1)
        )  # QSpinBox holds an int; past 2^31 type it in the shot
        self.seed.setEnabled(False)
        self.fixed_seed.toggled.connect(self.seed.setEnabled)
        form = QFormLayout()
        form.addRow(self.tr("Prompt"), self.prompt)
        form.addRow(self.fixed_seed, self.seed)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(_buttons(self, self.tr("Repaint")))

    def choice(self) -> RepaintChoice:
        """What was chosen (the prompt only when it was changed)."""
        text = self.prompt.toPlainText().strip()
        prompt = text if text and text != self.original.strip() else None
        return RepaintChoice(prompt, self.seed.value() if self.fixed_seed.isChecked() else None)


class ExtendDialog(QDialog):
    """Extend the active take: N new frames after it (or before it)."""

    def __init__(self, fps: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Extend Take"))
        self.fps = max(1, fps)
        self.frames = QSpinBox()
        self.frames.setRange(1, MAX_EXTEND_FRAMES)
        self.frames.setValue(min(MAX_EXTEND_FRAMES, 2 * self.fps))
        self.frames.setSuffix(self.tr(" frames"))
        self.seconds = QLabel()
        self.frames.valueChanged.connect(self._show_seconds)
        self.after = QRadioButton(self.tr("After the take"))
        self.after.setChecked(True)
        self.before = QRadioButton(self.tr("Before the take"))
        note = QLabel(
            self.tr(
                "The new frames continue from the take's last (or first) frames, so the motion goes on "
                "with its direction and speed. The new take holds the old frames and the new ones."
            )
        )
        note.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Add"), self.frames)
        form.addRow("", self.seconds)
        form.addRow(self.tr("Where"), self.after)
        form.addRow("", self.before)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(_buttons(self, self.tr("Extend")))
        self._show_seconds(self.frames.value())

    def _show_seconds(self, frames: int) -> None:
        self.seconds.setText(self.tr("{0} s at {1} fps").format(f"{frames / self.fps:.2f}", self.fps))

    def choice(self) -> ExtendChoice:
        """What was chosen."""
        return ExtendChoice(self.frames.value(), self.before.isChecked())
