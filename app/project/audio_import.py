"""Sound files brought into a project: checked from their header, copied into FILM.media/audio/."""

from __future__ import annotations

import hashlib
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from app.project.media_paths import UnsafePath, contained
from app.project.project import Project
from app.project.sound_track import AUDIO_FOLDER, AudioClip, check_clip
from engine.film.audio_file import AudioFacts, AudioFileError, probe_audio
from engine.storage.atomic_file import copy_file_atomic

if TYPE_CHECKING:
    import numpy as np

CHUNK = 1 << 20


def _digest(path: Path) -> str:
    sha = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(CHUNK):
            sha.update(block)
    return sha.hexdigest()


def import_audio(project: Project, source: Path, clip: AudioClip) -> tuple[AudioClip, AudioFacts]:
    """Check source (header first), copy it in under its content hash and add the clip; returns the clip
    and the file's facts (their notes say what the person should know, e.g. mono or 8 kHz)."""
    clip, facts = store_audio(project, source, clip)
    project.add_audio_clip(clip)
    return clip, facts


def store_audio(project: Project, source: Path, clip: AudioClip) -> tuple[AudioClip, AudioFacts]:
    """What import_audio does short of adding the clip (the window adds it as an undo step, on its thread)."""
    check_clip(clip)
    media = project.media_dir
    if media is None:
        raise AudioFileError("Save the project first: sound files are copied into its media folder.")
    facts = probe_audio(source)  # refused before a byte is copied or decoded
    try:
        relative = f"{AUDIO_FOLDER}/{_digest(source)}{source.suffix.lower()[:8]}"
        dest = contained(media, relative)
        if not dest.is_file():
            copy_file_atomic(source, dest)
    except (OSError, UnsafePath) as exc:
        raise AudioFileError(f"{source.name} could not be copied into {media} ({exc})") from None
    clip.path = relative
    return clip, facts


def audio_clip_file(project: Project, clip: AudioClip) -> Path:
    """The clip's file inside FILM.media/audio/ (no symlink, no way out)."""
    media = project.media_dir
    if media is None:
        raise AudioFileError("Save the project first: sound files live in its media folder.")
    try:
        path = contained(media, clip.path)
    except UnsafePath as exc:
        raise AudioFileError(f"audio clip {clip.id}: {exc}") from None
    if path.parent != media / AUDIO_FOLDER:
        raise AudioFileError(f"audio clip {clip.id}: its file must be in the media folder's {AUDIO_FOLDER}/")
    return path


def store_samples(project: Project, samples: np.ndarray, rate: int, clip: AudioClip) -> AudioClip:
    """Made sound (a voice, generated music) saved as a WAV into the media folder like an imported file;
    the clip is not added to the sound track."""
    from engine.film.sound_mix import write_wav

    with tempfile.TemporaryDirectory(prefix="storyreel-sound-") as folder:
        wav = write_wav(Path(folder) / f"{clip.kind}.wav", samples, rate)
        stored, _ = store_audio(project, wav, clip)
    return stored
