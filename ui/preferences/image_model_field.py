"""Project Settings' image and reference models: a Hub repo id or a local folder, beside the text model."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QWidget

I2V_MODEL = "Wan-AI/Wan2.2-I2V-A14B-Diffusers"
TI2V_MODEL = "Wan-AI/Wan2.2-TI2V-5B-Diffusers"
VACE_MODEL = "linoyts/Wan2.2-VACE-Fun-14B-diffusers"  # Wan 2.2 VACE-Fun A14B in diffusers format


class ModelSourceField(QComboBox):
    """An editable list of known sources; empty means none of its own."""

    def __init__(self, value: str | None, known: list[str], placeholder: str, tip: str) -> None:
        super().__init__()
        self.setEditable(True)
        self.addItems(["", *known])
        line = self.lineEdit()
        if line is not None:
            line.setPlaceholderText(placeholder)
        self.setCurrentText(value or "")
        self.setToolTip(tip)

    def value(self) -> str | None:
        """The source, or None where the field is empty."""
        return self.currentText().strip() or None


class ImageModelField(ModelSourceField):
    """A Hub repo id or a local folder; empty means the film's model, when it can take an image."""

    def __init__(self, value: str | None, parent: QWidget | None = None) -> None:
        super().__init__(
            value,
            [I2V_MODEL, TI2V_MODEL],
            self.tr("The film's model, when it takes an image (TI2V-5B)"),
            self.tr(
                "The model for shots with a start image or continuing the previous shot: a Hugging Face repo id "
                "or a local diffusers folder. Empty: the film's model, when it takes an image."
            ),
        )
        self.setObjectName("ImageModel")


class ModelRow(QWidget):
    """A model source (an editable list of known ones) and the revision of its repo, on one row."""

    def __init__(
        self, value: str | None, revision: str | None, known: list[str], placeholder: str, tip: str, name: str
    ) -> None:
        super().__init__()
        self.source = ModelSourceField(value, known, placeholder, tip)
        self.source.setAccessibleName(name)
        self.revision = QLineEdit(revision or "")
        self.revision.setPlaceholderText(self.tr("revision (default: main)"))
        self.revision.setToolTip(self.tr("A branch, tag or commit of the model's repo"))
        self.revision.setAccessibleName(self.tr("{0} revision").format(name))
        self.revision.setMaximumWidth(160)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.source, 1)
        row.addWidget(self.revision)

    def pair(self) -> tuple[str | None, str | None]:
        """(source, revision), the revision None when either is empty."""
        source = self.source.value()
        return source, (self.revision.text().strip() or None) if source else None


class ReferenceModelField(ModelRow):
    """The reference (VACE) model for shots that name cast members or pin keyframes, and its revision."""

    def __init__(self, value: str | None, revision: str | None, parent: QWidget | None = None) -> None:
        super().__init__(
            value,
            revision,
            [VACE_MODEL],
            self.tr("None: shots with @Name or keyframes cannot be made"),
            self.tr(
                "The Wan 2.2 VACE model that keeps cast members and pinned frames: a Hugging Face repo id or a "
                "local diffusers folder (`main.py demo-model DIR --arch vace-a14b` makes a tiny one)."
            ),
            self.tr("Reference model"),
        )
        self.setObjectName("ReferenceModel")

    def values(self) -> dict[str, str | None]:
        """vace_model and vace_model_revision as ProjectSettings holds them."""
        source, revision = self.pair()
        return {"vace_model": source, "vace_model_revision": revision}
