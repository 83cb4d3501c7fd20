"""The sound models this person uses: the voice-over's text-to-speech model and the music model."""

from __future__ import annotations

from dataclasses import dataclass

from app.settings.user_settings import UserSettings
from engine.film.sound_generation import DEFAULT_SOUND_MODEL
from engine.film.voice_over import DEFAULT_VOICE_MODEL

SETTINGS_KEY = "sound"


@dataclass
class SoundSettings:
    """Hub ids or local folders; stored in the user settings under "sound"."""

    voice_model: str = DEFAULT_VOICE_MODEL
    sound_model: str = DEFAULT_SOUND_MODEL


def load_sound_settings(settings: UserSettings) -> SoundSettings:
    """The sound settings held in the user settings (a missing or wrong-kind value keeps its default)."""
    doc = settings.extra.get(SETTINGS_KEY)
    sound = SoundSettings()
    if isinstance(doc, dict):
        for name in ("voice_model", "sound_model"):
            value = doc.get(name)
            if isinstance(value, str) and value.strip():
                setattr(sound, name, value.strip())
    return sound


def store_sound_settings(settings: UserSettings, sound: SoundSettings) -> None:
    """Put sound settings into the user settings (saved with them)."""
    settings.extra[SETTINGS_KEY] = {"voice_model": sound.voice_model, "sound_model": sound.sound_model}
