"""Preferences: how often to autosave."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QSpinBox, QVBoxLayout, QWidget

from app.user_settings import UserSettings


class PreferencesDialog(QDialog):
    """Edits the user settings the window uses; `apply()` writes them into a UserSettings."""

    def __init__(self, settings: UserSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Preferences")
        self.autosave = QSpinBox()
        self.autosave.setRange(0, 3600)
        self.autosave.setSuffix(" s")
        self.autosave.setSpecialValueText("Off")
        self.autosave.setValue(settings.autosave_seconds)
        self.autosave.setToolTip("Seconds between autosaves to a recovery file (Off: never)")
        form = QFormLayout()
        form.addRow("Autosave every", self.autosave)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def apply(self, settings: UserSettings) -> None:
        settings.autosave_seconds = self.autosave.value()
