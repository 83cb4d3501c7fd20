"""The film's sound: music, voice and effect clips placed, music trimmed and faded and ducked under
voice, the whole normalised to a loudness target (ITU-R BS.1770 through pyloudnorm)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from engine.film.audio_file import RATE, decode_audio
from engine.storage.atomic_file import atomic_path

if TYPE_CHECKING:
    import numpy as np

KINDS = ("music", "voice", "effect")
TARGET_LUFS = -14.0  # what YouTube, Spotify and most platforms play at
DUCK_DB = -12.0  # music under a voice
PEAK = 0.98  # the normalised mix never clips


@dataclass(frozen=True)
class SoundClip:
    """One clip of the sound track: a file placed at start seconds of the film, its gain in dB."""

    kind: str
    path: Path
    start: float = 0.0
    gain_db: float = 0.0


def _fade_out(samples: np.ndarray, seconds: float) -> np.ndarray:
    import numpy as np

    count = min(samples.shape[1], round(seconds * RATE))
    if count > 0:
        samples[:, -count:] *= np.linspace(1.0, 0.0, count, dtype=np.float32)
    return samples


def _envelope(voice: np.ndarray, seconds: float = 0.25) -> np.ndarray:
    """0..1, 1 where a voice speaks, widened and smoothed over `seconds` so ducking breathes."""
    import numpy as np
    from scipy.ndimage import maximum_filter1d, uniform_filter1d

    loud = (np.abs(voice).max(axis=0) > 0.01).astype(np.float32)
    width = max(1, round(seconds * RATE))
    smooth: np.ndarray = np.clip(uniform_filter1d(maximum_filter1d(loud, width), width), 0.0, 1.0)
    return smooth


def mix_sound(
    clips: list[SoundClip], duration: float, fade: float = 2.0, target_lufs: float | None = TARGET_LUFS
) -> np.ndarray:
    """The film's sound as (2, n) float32 at 48 kHz for duration seconds."""
    import numpy as np

    total = max(1, round(duration * RATE))
    tracks = {kind: np.zeros((2, total), np.float32) for kind in KINDS}
    for clip in clips:
        first = round(clip.start * RATE)
        if first >= total:
            continue
        samples = decode_audio(clip.path, (total - first) / RATE) * np.float32(10 ** (clip.gain_db / 20))
        if clip.kind == "music" and first + samples.shape[1] >= total:
            samples = _fade_out(samples, fade)  # trimmed to the film: fade to its end
        tracks[clip.kind][:, first : first + samples.shape[1]] += samples
    voice = tracks["voice"]
    if voice.any():
        duck = 1.0 - (1.0 - 10 ** (DUCK_DB / 20)) * _envelope(voice)
        tracks["music"] *= duck.astype(np.float32)
    mixed = tracks["music"] + voice + tracks["effect"]
    if target_lufs is not None:
        mixed = normalise(mixed, target_lufs)
    return mixed


def loudness(samples: np.ndarray) -> float:
    """Integrated loudness in LUFS (-inf for silence or under 0.4 s, the standard's shortest block)."""
    import pyloudnorm

    if samples.shape[1] < round(0.4 * RATE) or not samples.any():
        return float("-inf")
    return float(pyloudnorm.Meter(RATE).integrated_loudness(samples.T.astype("float64")))


def normalise(samples: np.ndarray, target_lufs: float) -> np.ndarray:
    """Scaled to target_lufs, then down again if a peak would clip (silence stays silent)."""
    import numpy as np

    measured = loudness(samples)
    if not np.isfinite(measured):
        return samples
    scaled = samples * np.float32(10 ** ((target_lufs - measured) / 20))
    peak = float(np.abs(scaled).max())
    return scaled * np.float32(PEAK / peak) if peak > PEAK else scaled


def write_wav(path: Path, samples: np.ndarray, rate: int = RATE) -> Path:
    """The (channels, n) samples as a 16-bit WAV at rate, written atomically."""
    import numpy as np
    from scipy.io import wavfile

    pcm = (np.clip(samples, -1.0, 1.0) * 32767).round().astype(np.int16).T
    with atomic_path(path) as tmp:
        wavfile.write(tmp, rate, pcm)
    return path
