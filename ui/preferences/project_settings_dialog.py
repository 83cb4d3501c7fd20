"""Project settings: name, output size and rate, default model and default generation settings."""

from __future__ import annotations

import dataclasses

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.project.model import GenerationDefaults, ProjectSettings
from app.project.shot_timing import MAX_FRAMES, snap_frames
from engine.generation.request import DEFAULT_MODEL

KNOWN_MODELS = (DEFAULT_MODEL, "Wan-AI/Wan2.2-TI2V-5B-Diffusers")


class ProjectSettingsDialog(QDialog):
    """Edits a copy of the settings; `changes()` gives the fields that differ, for one undo step."""

    def __init__(self, settings: ProjectSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Project Settings")
        self.original = settings
        self.name = QLineEdit(settings.name)
        self.width_spin = QSpinBox()
        self.height_spin = QSpinBox()
        for spin, value in ((self.width_spin, settings.width), (self.height_spin, settings.height)):
            spin.setRange(16, 4096)
            spin.setSingleStep(16)
            spin.setValue(value)
            spin.setToolTip("Multiples of 16; Wan 2.2 A14B is made for 1280×720 and 832×480")
        self.fps = QSpinBox()
        self.fps.setRange(1, 120)
        self.fps.setValue(settings.fps)
        self.fps.setToolTip("Frames per second of the film (Wan 2.2 A14B: 16)")
        self.model = QComboBox()
        self.model.setEditable(True)
        self.model.addItems(list(KNOWN_MODELS))
        self.model.setCurrentText(settings.model)
        self.model.setToolTip("A Hugging Face repo id or a local diffusers folder")
        d = settings.defaults
        self.frames = QSpinBox()
        self.frames.setRange(1, MAX_FRAMES)
        self.frames.setSingleStep(4)
        self.frames.setValue(d.frames)
        self.frames.setToolTip("Default frames per shot; snapped to 4k+1")
        self.steps = QSpinBox()
        self.steps.setRange(1, 1000)
        self.steps.setValue(d.steps)
        self.guidance = QDoubleSpinBox()
        self.guidance.setRange(0.0, 50.0)
        self.guidance.setValue(d.guidance_scale)
        self.guidance.setToolTip("Guidance of the high-noise expert")
        self.guidance_2 = QDoubleSpinBox()
        self.guidance_2.setRange(-0.5, 50.0)
        self.guidance_2.setSingleStep(0.5)
        self.guidance_2.setSpecialValueText("Same as high")
        self.guidance_2.setValue(-0.5 if d.guidance_scale_2 is None else d.guidance_scale_2)
        self.guidance_2.setToolTip("Guidance of the low-noise expert")
        self.negative = QPlainTextEdit(d.negative_prompt)
        self.negative.setMaximumHeight(80)

        general = QGroupBox("Film")
        form = QFormLayout(general)
        form.addRow("Name", self.name)
        form.addRow("Width", self.width_spin)
        form.addRow("Height", self.height_spin)
        form.addRow("Frame rate", self.fps)
        form.addRow("Model", self.model)
        gen = QGroupBox("Default generation settings")
        form2 = QFormLayout(gen)
        form2.addRow("Frames", self.frames)
        form2.addRow("Steps", self.steps)
        form2.addRow("Guidance (high)", self.guidance)
        form2.addRow("Guidance (low)", self.guidance_2)
        form2.addRow("Negative prompt", self.negative)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(general)
        layout.addWidget(gen)
        layout.addWidget(buttons)

    def changes(self) -> dict:
        """Fields whose value the user changed (defaults as one new GenerationDefaults)."""
        g2 = self.guidance_2.value()
        defaults = GenerationDefaults(
            frames=snap_frames(self.frames.value()),
            steps=self.steps.value(),
            guidance_scale=round(self.guidance.value(), 2),
            guidance_scale_2=None if g2 < 0 else round(g2, 2),
            negative_prompt=self.negative.toPlainText(),
        )
        new = {
            "name": self.name.text().strip() or self.original.name,
            "width": self.width_spin.value() // 16 * 16,
            "height": self.height_spin.value() // 16 * 16,
            "fps": self.fps.value(),
            "model": self.model.currentText().strip() or DEFAULT_MODEL,
            "defaults": defaults,
        }
        current = dataclasses.asdict(self.original)
        return {
            k: v for k, v in new.items() if (dataclasses.asdict(v) if k == "defaults" else v) != current[k]
        }
