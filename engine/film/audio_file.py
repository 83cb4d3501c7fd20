"""Audio files for the sound track: facts read from the header, refused before decoding when unusable."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from engine.errors import StoryreelError

if TYPE_CHECKING:
    import numpy as np

RATE = 48000  # the film's sound is mixed at 48 kHz stereo, as the exporter encodes it
MAX_AUDIO_SECONDS = 2 * 3600.0  # longer than any film Storyreel makes; a 10-hour file is a mistake
MAX_AUDIO_BYTES = 2 << 30
LOW_RATE = 22050  # below this, sound is dull once resampled: said, not refused


class AudioFileError(StoryreelError):
    """An audio file cannot be used; the message names it and says why."""

    hint = "Choose a sound file (WAV, FLAC, MP3, AAC or Opus) shorter than two hours."


@dataclass(frozen=True)
class AudioFacts:
    """What the header says: seconds, sample rate, channels, and notes for the person (mono, low rate)."""

    duration: float
    rate: int
    channels: int
    notes: tuple[str, ...] = ()


def probe_audio(path: Path) -> AudioFacts:
    """The file's facts from its header; AudioFileError when empty, too long, or without sound."""
    import av

    try:
        size = path.stat().st_size
    except OSError as exc:
        raise AudioFileError(f"{path.name} cannot be read: {exc.strerror or exc}") from None
    if size == 0:
        raise AudioFileError(f"{path.name} is empty")
    if size > MAX_AUDIO_BYTES:
        raise AudioFileError(f"{path.name} is {size / 2**30:.1f} GB; a sound file is at most 2 GB")
    try:
        with av.open(str(path)) as container:
            if not container.streams.audio:
                raise AudioFileError(f"{path.name} holds no sound")
            stream = container.streams.audio[0]
            if stream.duration is not None and stream.time_base is not None:
                duration = float(stream.duration * stream.time_base)
            else:
                duration = (container.duration or 0) / av.time_base
            rate, channels = stream.rate or 0, stream.channels or 0
    except av.error.FFmpegError as exc:
        raise AudioFileError(f"{path.name} is not a sound file FFmpeg can read ({exc})") from None
    if duration <= 0 or rate <= 0:
        raise AudioFileError(f"{path.name} holds no sound (0 seconds)")
    if duration > MAX_AUDIO_SECONDS:
        raise AudioFileError(
            f"{path.name} lasts {duration / 3600:.1f} hours; a clip is at most {MAX_AUDIO_SECONDS / 3600:.0f}"
        )
    notes = []
    if channels == 1:
        notes.append("mono: played on both channels")
    if rate < LOW_RATE:
        notes.append(f"{rate / 1000:g} kHz: resampled to 48 kHz, it will sound dull")
    return AudioFacts(duration, rate, channels, tuple(notes))


def decode_audio(path: Path, max_seconds: float) -> np.ndarray:
    """At most max_seconds of the file as (2, n) float32 at 48 kHz stereo (probed first)."""
    import av
    import numpy as np

    probe_audio(path)
    limit = round(max_seconds * RATE)
    chunks, count = [], 0
    resampler = av.AudioResampler(format="fltp", layout="stereo", rate=RATE)
    try:
        with av.open(str(path)) as container:
            for frame in container.decode(container.streams.audio[0]):
                for out in resampler.resample(frame):
                    chunks.append(out.to_ndarray())
                    count += chunks[-1].shape[1]
                if count >= limit:  # bounded: only what the film can play is decoded
                    break
            else:
                chunks += [out.to_ndarray() for out in resampler.resample(None)]
    except av.error.FFmpegError as exc:
        raise AudioFileError(f"{path.name} cannot be decoded ({exc})") from None
    samples = np.concatenate(chunks, axis=1) if chunks else np.zeros((2, 0), np.float32)
    return samples[:, :limit].astype(np.float32)


def waveform_peaks(path: Path, buckets: int) -> tuple[np.ndarray, float]:
    """The loudest sample of each of `buckets` equal stretches of the file (0..1), and its seconds.

    Read frame by frame at the file's own rate, so memory stays one frame and `buckets` peaks however long
    the file is (a two-hour clip decoded whole would be gigabytes)."""
    import av
    import numpy as np

    facts = probe_audio(path)
    buckets = max(1, buckets)
    rate = round(facts.rate)
    # The header's length sizes the stretches; the file's real end may differ a little (trimmed below).
    total = max(1, round(facts.duration * rate))
    peaks = np.zeros(buckets + 1, np.float32)
    count = 0
    resampler = av.AudioResampler(format="fltp", layout="stereo", rate=rate)
    try:
        with av.open(str(path)) as container:
            for frame in container.decode(container.streams.audio[0]):
                for out in resampler.resample(frame):
                    loud = np.abs(out.to_ndarray()).max(axis=0)
                    where = np.minimum((count + np.arange(loud.shape[0])) * buckets // total, buckets)
                    np.maximum.at(peaks, where, loud)
                    count += loud.shape[0]
    except av.error.FFmpegError as exc:
        raise AudioFileError(f"{path.name} cannot be decoded ({exc})") from None
    if count == 0:
        return np.zeros(buckets, np.float32), 0.0
    return np.clip(peaks[:buckets], 0.0, 1.0), count / rate
