"""Project settings: name, output size and rate, default model and default generation settings."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.project.project_settings import GenerationDefaults, ProjectSettings
from app.settings.model_settings import load_model_settings
from app.settings.user_settings import UserSettings
from engine.generation.request import DEFAULT_MODEL
from ui.preferences.image_model_field import ImageModelField, ReferenceModelField
from ui.widgets.labels import precedence_text, setting_label
from ui.widgets.settings_form import SettingsForm

KNOWN_MODELS = (DEFAULT_MODEL, "Wan-AI/Wan2.2-TI2V-5B-Diffusers")
FILM_FIELDS = ("width", "height", "fps")
DEFAULT_FIELDS = ("frames", "steps", "guidance_scale", "guidance_scale_2")


class ProjectSettingsDialog(QDialog):
    """Edits a copy of the settings; `changes()` gives the fields that differ, for one undo step."""

    def __init__(
        self,
        settings: ProjectSettings,
        parent: QWidget | None = None,
        user_settings: UserSettings | None = None,
        open_preferences: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.user_settings, self.open_preferences = user_settings, open_preferences
        self.setWindowTitle(self.tr("Project Settings"))
        self.original = settings
        self.name = QLineEdit(settings.name)
        self.model = QComboBox()
        self.model.setEditable(True)
        self.model.addItems(list(KNOWN_MODELS))
        self.model.setCurrentText(settings.model)
        self.model.setToolTip(self.tr("A Hugging Face repo id or a local diffusers folder"))
        d = settings.defaults
        self.film_form = SettingsForm(FILM_FIELDS, optional=False)
        self.film_form.set_values(dataclasses.asdict(settings))
        self.film_form.form.insertRow(0, self.tr("Name"), self.name)
        self.film_form.form.addRow(setting_label("model"), self.model)
        # The film's model travels with the film; this machine's own, if set, wins here: say so.
        self.precedence = QLabel()
        self.precedence.setObjectName("ModelPrecedence")
        self.precedence.setWordWrap(True)
        self.preferences_button = QPushButton(self.tr("Preferences > Model…"))
        self.preferences_button.clicked.connect(self._go_to_preferences)
        self.model.currentTextChanged.connect(self._show_precedence)
        if user_settings is not None:
            self.film_form.form.addRow("", self.precedence)
            self.film_form.form.addRow("", self.preferences_button)
        self.preferences_button.setEnabled(open_preferences is not None)
        self._show_precedence()
        self.image_model = ImageModelField(settings.image_model)
        self.film_form.form.addRow(self.tr("Image model"), self.image_model)
        self.reference_model = ReferenceModelField(settings.vace_model, settings.vace_model_revision)
        self.film_form.form.addRow(self.tr("Reference model"), self.reference_model)
        self.defaults_form = SettingsForm(DEFAULT_FIELDS, optional=False)
        self.defaults_form.set_values(dataclasses.asdict(d))
        self.negative = QPlainTextEdit(d.negative_prompt)
        self.negative.setMaximumHeight(80)
        self.defaults_form.form.addRow(setting_label("negative_prompt"), self.negative)
        spins = {**self.film_form.spins, **self.defaults_form.spins}
        self.width_spin, self.height_spin, self.fps = spins["width"], spins["height"], spins["fps"]
        self.frames, self.steps = spins["frames"], spins["steps"]
        self.guidance, self.guidance_2 = spins["guidance_scale"], spins["guidance_scale_2"]

        general = QGroupBox(self.tr("Film"))
        QVBoxLayout(general).addWidget(self.film_form)
        gen = QGroupBox(self.tr("Default generation settings"))
        QVBoxLayout(gen).addWidget(self.defaults_form)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(general)
        layout.addWidget(gen)
        layout.addWidget(buttons)

    def _show_precedence(self, *args: object) -> None:
        if self.user_settings is not None:
            film_model = self.model.currentText().strip() or DEFAULT_MODEL
            self.precedence.setText(precedence_text(load_model_settings(self.user_settings), film_model))

    def _go_to_preferences(self) -> None:
        if self.open_preferences is not None:
            self.open_preferences()
            self._show_precedence()  # the machine's model may have changed there

    def changes(self) -> dict:
        """Fields whose value the user changed (defaults as one new GenerationDefaults)."""
        defaults = GenerationDefaults(
            **self.defaults_form.values(),
            negative_prompt=self.negative.toPlainText(),
        )
        new = {
            "name": self.name.text().strip() or self.original.name,
            **self.film_form.values(),
            "model": self.model.currentText().strip() or DEFAULT_MODEL,
            "image_model": self.image_model.value(),
            **self.reference_model.values(),
            "defaults": defaults,
        }
        current = dataclasses.asdict(self.original)
        return {
            k: v for k, v in new.items() if (dataclasses.asdict(v) if k == "defaults" else v) != current[k]
        }
