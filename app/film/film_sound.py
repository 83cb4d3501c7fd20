"""The project's sound track mixed for an export: its clips placed, ducked and normalised into one WAV."""

from __future__ import annotations

import contextlib
import tempfile
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from app.film.shot_timing import film_timing
from app.project.audio_import import audio_clip_file
from app.project.project import Project
from app.project.shot import Shot
from engine.film.export_settings import ExportSettings
from engine.film.sound_mix import SoundClip, mix_sound, write_wav


def sound_clips(project: Project) -> list[SoundClip]:
    """The sound track's clips with their files resolved in the media folder."""
    return [SoundClip(c.kind, audio_clip_file(project, c), c.start, c.gain_db) for c in project.audio]


@contextlib.contextmanager
def with_sound_track(
    project: Project, shots: list[Shot], settings: ExportSettings
) -> Iterator[ExportSettings]:
    """settings, with the mixed sound track as their music when the project has one and the export is the
    whole film with no music file of its own; the WAV lives while the export runs."""
    whole = len(shots) == len(project.shots)
    timing = film_timing(project)
    if not project.audio or settings.audio is not None or not whole or timing is None:
        yield settings
        return
    mixed = mix_sound(sound_clips(project), timing.duration)
    with tempfile.TemporaryDirectory(prefix="storyreel-sound-") as folder:
        wav = write_wav(Path(folder) / "sound.wav", mixed)
        # The mix is already trimmed and faded: the music track adds no second fade.
        yield replace(settings, audio=wav, audio_fade=0.0)
