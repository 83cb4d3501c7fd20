"""A shot's caption spoken as a voice clip, placed where the caption shows (and movable like any clip)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from app.film.film_titles import caption_cues
from app.project.audio_import import import_audio
from app.project.project import Project
from app.project.sound_track import AudioClip
from engine.film.sound_mix import write_wav
from engine.film.voice_over import VoiceError, speak


def voice_caption(project: Project, shot_id: str, model: str, revision: str | None = None) -> AudioClip:
    """Speak the shot's caption with model and add it to the sound track at the caption's start."""
    shot = project.shot(shot_id)
    title = shot.display_title(project.index_of(shot_id))
    if not shot.caption.strip():
        raise VoiceError(f"{title} has no caption to speak")
    start = next(cue.start for cue in caption_cues(project) if cue.text == shot.caption)
    samples, rate = speak(shot.caption, model, revision)
    with tempfile.TemporaryDirectory(prefix="storyreel-voice-") as folder:
        wav = write_wav(Path(folder) / "voice.wav", samples, rate)
        clip, _ = import_audio(project, wav, AudioClip("voice", start=start, text=shot.caption))
    return clip
