"""Preferences > Appearance: the theme (dark, light, or the system's)."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QWidget

from app.settings.user_settings import UserSettings


class AppearancePage(QWidget):
    """Chooses the theme; `apply()` writes it into the settings."""

    def __init__(self, settings: UserSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.theme = QComboBox()
        for key, label in (
            ("dark", self.tr("Dark")),
            ("light", self.tr("Light")),
            ("system", self.tr("Follow the system")),
        ):
            self.theme.addItem(label, key)
        self.theme.setCurrentIndex(max(0, self.theme.findData(settings.theme)))
        self.theme.setToolTip(self.tr("Dark suits judging pictures; the system's choice where it tells one"))
        note = QLabel(self.tr("The theme changes as soon as you press OK."))
        note.setEnabled(False)
        form = QFormLayout(self)
        form.addRow(self.tr("Theme"), self.theme)
        form.addRow("", note)

    def apply(self, settings: UserSettings) -> None:
        settings.theme = str(self.theme.currentData())
