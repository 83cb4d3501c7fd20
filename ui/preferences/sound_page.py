"""SoundPage: the Preferences tab for the voice-over's text-to-speech model and the music model."""

from __future__ import annotations

from PySide6.QtWidgets import QFileDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from app.settings.sound_settings import SoundSettings
from engine.film.sound_generation import DEFAULT_SOUND_MODEL
from engine.film.voice_over import DEFAULT_VOICE_MODEL


class SoundPage(QWidget):
    """Edits SoundSettings: each model a Hub repo id or a folder; an empty field keeps the default."""

    def __init__(self, sound: SoundSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.voice = self._field(sound.voice_model, DEFAULT_VOICE_MODEL)
        self.voice.setToolTip(
            self.tr(
                "A transformers text-to-speech model (Bark, VITS/MMS…): a Hugging Face repo id or a folder"
            )
        )
        self.music = self._field(sound.sound_model, DEFAULT_SOUND_MODEL)
        self.music.setToolTip(
            self.tr("A Stable Audio model for diffusers: a Hugging Face repo id or a folder")
        )
        note = QLabel(
            self.tr(
                "The default voice, Bark, speaks Chinese and English. Stable Audio Open is gated: accept its "
                "licence on Hugging Face first. Models are downloaded once into the Hugging Face cache."
            )
        )
        note.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(self.tr("Voice model"), self._row(self.voice))
        form.addRow(self.tr("Music model"), self._row(self.music))
        form.addRow("", note)

    def _field(self, value: str, default: str) -> QLineEdit:
        field = QLineEdit("" if value == default else value)
        field.setPlaceholderText(default)
        return field

    def _row(self, field: QLineEdit) -> QHBoxLayout:
        """The field and a button that picks a model folder into it."""
        row, button = QHBoxLayout(), QPushButton(self.tr("Folder…"))
        button.clicked.connect(lambda checked=False: self._choose(field))
        row.addWidget(field, 1)
        row.addWidget(button)
        return row

    def _choose(self, field: QLineEdit) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Model folder"), field.text())
        if folder:
            field.setText(folder)

    def sound(self) -> SoundSettings:
        """The settings as edited."""
        return SoundSettings(
            voice_model=self.voice.text().strip() or DEFAULT_VOICE_MODEL,
            sound_model=self.music.text().strip() or DEFAULT_SOUND_MODEL,
        )
