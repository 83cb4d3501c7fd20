"""Project Settings' image model: the model for shots that start from an image (empty: the film's model)."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QWidget

I2V_MODEL = "Wan-AI/Wan2.2-I2V-A14B-Diffusers"
TI2V_MODEL = "Wan-AI/Wan2.2-TI2V-5B-Diffusers"


class ImageModelField(QComboBox):
    """A Hub repo id or a local folder; empty means the film's model, when it can take an image."""

    def __init__(self, value: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ImageModel")
        self.setEditable(True)
        self.addItems(["", I2V_MODEL, TI2V_MODEL])
        line = self.lineEdit()
        if line is not None:
            line.setPlaceholderText(self.tr("The film's model, when it takes an image (TI2V-5B)"))
        self.setCurrentText(value or "")
        self.setToolTip(
            self.tr(
                "The model for shots with a start image or continuing the previous shot: a Hugging Face repo id "
                "or a local diffusers folder. Empty: the film's model, when it takes an image."
            )
        )

    def value(self) -> str | None:
        """The image model, or None for the film's model."""
        return self.currentText().strip() or None
