"""The film's sound track: music, voice and effect clips placed on the film's clock."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from engine.film.sound_mix import KINDS
from engine.values import is_json_number

AUDIO_FOLDER = "audio"  # clips live in FILM.media/audio/, named by their content hash
MAX_GAIN_DB = 24.0
MAX_START = 24 * 3600.0


@dataclass
class AudioClip:
    """One clip: its kind, file (relative to the media folder), start in film seconds and gain in dB."""

    kind: str = "music"
    path: str = ""
    start: float = 0.0
    gain_db: float = 0.0
    text: str = ""  # what a voice says, or the prompt music was made from
    id: str = field(default_factory=lambda: uuid.uuid4().hex[:12])


def check_clip(clip: AudioClip) -> AudioClip:
    """The clip itself, or ValueError saying which field is wrong."""
    if clip.kind not in KINDS:
        raise ValueError(f"an audio clip is one of {', '.join(KINDS)}, not {clip.kind!r}")
    if not is_json_number(clip.start) or not 0 <= clip.start <= MAX_START:
        raise ValueError(f"an audio clip starts from 0 to {MAX_START:.0f} seconds, not {clip.start!r}")
    if not is_json_number(clip.gain_db) or not -60 <= clip.gain_db <= MAX_GAIN_DB:
        raise ValueError(f"an audio clip's gain is from -60 to {MAX_GAIN_DB:g} dB, not {clip.gain_db!r}")
    return clip
