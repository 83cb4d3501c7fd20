"""The sound models in the user settings: defaults, round trip, wrong kinds ignored."""

from __future__ import annotations

from app.settings.sound_settings import SoundSettings, load_sound_settings, store_sound_settings
from app.settings.user_settings import UserSettings
from engine.film.sound_generation import DEFAULT_SOUND_MODEL
from engine.film.voice_over import DEFAULT_VOICE_MODEL


def test_sound_models_round_trip_and_bad_values_keep_defaults():
    settings = UserSettings()
    assert load_sound_settings(settings) == SoundSettings(DEFAULT_VOICE_MODEL, DEFAULT_SOUND_MODEL)
    store_sound_settings(settings, SoundSettings("/models/mms-tts-cmn", "me/music"))
    assert load_sound_settings(settings) == SoundSettings("/models/mms-tts-cmn", "me/music")
    settings.extra["sound"] = {"voice_model": 3, "sound_model": "  "}
    assert load_sound_settings(settings) == SoundSettings()
