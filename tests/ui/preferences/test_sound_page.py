"""Preferences > Sound: the voice and music models, a repo id or a folder; empty keeps the default."""

from __future__ import annotations

from app.settings.sound_settings import SoundSettings, load_sound_settings, store_sound_settings
from app.settings.user_settings import UserSettings
from engine.film.sound_generation import DEFAULT_SOUND_MODEL
from engine.film.voice_over import DEFAULT_VOICE_MODEL
from ui.preferences.preferences_dialog import PreferencesDialog


def test_the_sound_tab_edits_the_voice_and_music_models(qtbot, tmp_path):
    settings = UserSettings()
    store_sound_settings(settings, SoundSettings(sound_model="me/music"))
    dialog = PreferencesDialog(settings)
    qtbot.addWidget(dialog)
    page = dialog.sound_page
    assert dialog.tabs.indexOf(page) >= 0
    assert page.voice.text() == "" and page.voice.placeholderText() == DEFAULT_VOICE_MODEL
    assert page.music.text() == "me/music"
    page.voice.setText(f"  {tmp_path}  ")
    page.music.setText("")
    dialog.apply(settings)
    assert load_sound_settings(settings) == SoundSettings(str(tmp_path), DEFAULT_SOUND_MODEL)
