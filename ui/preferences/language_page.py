"""LanguagePage: the Preferences tab that picks the window's language (the system's, English, 简体中文)."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QWidget

from app.settings.user_settings import LANGUAGES, UserSettings
from ui.i18n.translation import available_languages, resolve_language

# Each language is named in itself, so a person can find theirs whatever the window shows now.
NATIVE_NAMES = {"en": "English", "zh_CN": "简体中文"}


class LanguagePage(QWidget):
    """A choice among LANGUAGES; it applies at the next start, and the page says so when it changed."""

    def __init__(self, settings: UserSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.current = settings.language
        self.language = QComboBox()
        system = NATIVE_NAMES.get(resolve_language(""), "English")
        self.language.addItem(self.tr("System ({0})").format(system), "")
        shipped = available_languages()
        for code in LANGUAGES:
            if code and code in shipped:
                self.language.addItem(NATIVE_NAMES.get(code, code), code)
        self.language.setCurrentIndex(max(0, self.language.findData(self.current)))
        self.language.setToolTip(self.tr("The language of menus, dialogs and messages"))
        self.note = QLabel()
        self.note.setObjectName("LanguageNote")
        self.note.setWordWrap(True)
        self.language.currentIndexChanged.connect(self._update_note)
        self.form = QFormLayout(self)
        self.form.addRow(self.tr("Language"), self.language)
        self.form.addRow("", self.note)
        self._update_note()

    def choice(self) -> str:
        """The chosen language ("" follows the system)."""
        return str(self.language.currentData() or "")

    def _update_note(self, *args: object) -> None:
        changed = self.choice() != self.current
        self.note.setText(self.tr("Restart Storyreel to see the new language.") if changed else "")

    def apply(self, settings: UserSettings) -> None:
        """Store the choice (used from the next start)."""
        settings.language = self.choice()
