"""Preferences: General (autosave, reopen), Model, Remote, Appearance (theme, language), Writing, Review,
Sound."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.settings.model_settings import load_model_settings, store_model_settings
from app.settings.review_settings import load_review_settings, store_review_settings
from app.settings.sound_settings import load_sound_settings, store_sound_settings
from app.settings.user_settings import UserSettings
from app.settings.writing_settings import load_writing_settings, store_writing_settings
from ui.preferences.appearance_page import AppearancePage
from ui.preferences.language_page import LanguagePage
from ui.preferences.model_settings_page import ModelSettingsPage
from ui.preferences.remote_settings_page import RemoteSettingsPage
from ui.preferences.review_page import ReviewPage
from ui.preferences.sound_page import SoundPage
from ui.preferences.writing_page import WritingPage


class PreferencesDialog(QDialog):
    """Edits the user settings the window uses; `apply()` writes them into a UserSettings.

    Another page is added with `self.tabs.addTab(page, "Name")` and applied in `apply()`.
    """

    def __init__(
        self, settings: UserSettings, parent: QWidget | None = None, film_model: str | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Preferences"))
        self.tabs = QTabWidget()
        self.general = QWidget()
        self.autosave = QSpinBox()
        self.autosave.setRange(0, 3600)
        self.autosave.setSuffix(" s")
        self.autosave.setSpecialValueText(self.tr("Off"))
        self.autosave.setValue(settings.autosave_seconds)
        self.autosave.setToolTip(self.tr("Seconds between autosaves to a recovery file (Off: never)"))
        self.reopen_last = QCheckBox(self.tr("Reopen the last film at start"))
        self.reopen_last.setChecked(settings.reopen_last)
        form = QFormLayout(self.general)
        form.addRow(self.tr("Autosave every"), self.autosave)
        form.addRow("", self.reopen_last)
        self.tabs.addTab(self.general, self.tr("General"))
        self.model_page = ModelSettingsPage(load_model_settings(settings), film_model=film_model)
        self.tabs.addTab(self.model_page, self.tr("Model"))
        self.remote_page = RemoteSettingsPage(
            settings.endpoints, in_flight=settings.endpoint_in_flight, max_answer_mb=settings.max_answer_mb
        )
        self.tabs.addTab(self.remote_page, self.tr("Remote"))
        self.appearance_page = AppearancePage(settings)
        # The language is part of the look: its choice sits under the theme's on the same page.
        self.language_page = LanguagePage(settings)
        self.language_page.form.setContentsMargins(0, 0, 0, 0)
        appearance = self.appearance_page.layout()
        assert isinstance(appearance, QFormLayout)  # the theme's form: the language rows go below it
        appearance.addRow(self.language_page)
        self.tabs.addTab(self.appearance_page, self.tr("Appearance"))
        self.writing_page = WritingPage(load_writing_settings(settings))
        self.tabs.addTab(self.writing_page, self.tr("Writing"))
        self.review_page = ReviewPage(load_review_settings(settings))
        self.tabs.addTab(self.review_page, self.tr("Review"))
        self.sound_page = SoundPage(load_sound_settings(settings))
        self.tabs.addTab(self.sound_page, self.tr("Sound"))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        # A model folder that cannot be used is refused here, not when the first shot fails.
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.model_page.validityChanged.connect(self.ok_button.setEnabled)
        self.ok_button.setEnabled(self.model_page.validate())
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(buttons)
        self.setMinimumWidth(560)

    def apply(self, settings: UserSettings) -> None:
        settings.autosave_seconds = self.autosave.value()
        settings.reopen_last = self.reopen_last.isChecked()
        self.appearance_page.apply(settings)
        model = load_model_settings(settings)
        self.model_page.apply(model)
        store_model_settings(settings, model)
        self.remote_page.apply(settings)
        self.language_page.apply(settings)
        store_writing_settings(settings, self.writing_page.writing())
        review = load_review_settings(settings)
        self.review_page.apply(review)
        store_review_settings(settings, review)
        store_sound_settings(settings, self.sound_page.sound())
