"""SoundPrompt: what music or effect to make with Stable Audio, how long, and as which kind of clip."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLineEdit,
    QWidget,
)

from engine.film.sound_generation import MAX_SOUND_SECONDS


class SoundPrompt(QDialog):
    """A prompt, seconds (up to Stable Audio Open's 47) and music or effect."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("SoundPrompt")
        self.setWindowTitle(self.tr("Generate Music"))
        form = QFormLayout(self)
        self.prompt = QLineEdit()
        self.prompt.setPlaceholderText(self.tr("calm piano, soft rain"))
        self.seconds = QDoubleSpinBox()
        self.seconds.setRange(1.0, MAX_SOUND_SECONDS)
        self.seconds.setValue(10.0)
        self.seconds.setSuffix(self.tr(" s"))
        self.kind = QComboBox()
        self.kind.addItem(self.tr("Music"), "music")
        self.kind.addItem(self.tr("Sound effect"), "effect")
        form.addRow(self.tr("Sounds like"), self.prompt)
        form.addRow(self.tr("Length"), self.seconds)
        form.addRow(self.tr("Kind"), self.kind)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def accept(self) -> None:
        if self.prompt.text().strip():  # an empty prompt is no request; the dialog waits for one
            super().accept()
