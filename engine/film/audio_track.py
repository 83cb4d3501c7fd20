"""A music track under the film: decoded, trimmed (or padded) to the film's length, faded out, encoded."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import av.audio.frame
    import av.container
    import numpy as np

RATE = 48000
# Samples per encoder frame: AAC's is fixed at 1024, Opus takes 20 ms frames.
FRAME_SIZE = {"aac": 1024, "libopus": 960}
# What each encoder takes: planar float for AAC, interleaved float for libopus.
SAMPLE_FORMAT = {"aac": "fltp", "libopus": "flt"}


class MusicTrack:
    """Adds an audio stream to an output and fills it as the video advances (so packets interleave)."""

    def __init__(
        self,
        source: Path,
        output: av.container.OutputContainer,
        codec: str,
        duration: float,
        fade: float = 2.0,
    ) -> None:
        import av
        import numpy as np

        try:
            self.input = av.open(str(source))
        except (av.error.FFmpegError, OSError) as exc:
            raise ValueError(f"Cannot read the music file {source}: {exc}") from exc
        if not self.input.streams.audio:
            self.input.close()
            raise ValueError(f"The music file {source} has no audio stream")
        self.source = source
        self.codec, self.format = codec, SAMPLE_FORMAT[codec]
        stream = output.add_stream(codec, rate=RATE, layout="stereo")
        # The codec comes as a plain string, so PyAV can only say it is some kind of stream.
        if not isinstance(stream, av.audio.stream.AudioStream):
            self.input.close()
            raise ValueError(f"{codec} is not an audio codec")
        self.stream = stream
        self.stream.time_base = Fraction(1, RATE)
        if codec == "aac":
            self.stream.codec_context.bit_rate = 192_000
        self.output = output
        self.total = round(duration * RATE)
        self.fade = max(1, round(min(fade, duration / 2) * RATE))
        self.written = 0
        self.size = FRAME_SIZE[codec]
        self._pending = np.zeros((2, 0), np.float32)
        self._chunks = self._decoded()

    def _decoded(self) -> Iterator[np.ndarray]:
        """The music as (2, n) float32 chunks at 48 kHz, then silence for ever."""
        import av
        import numpy as np

        resampler = av.AudioResampler(format="fltp", layout="stereo", rate=RATE)
        stream = self.input.streams.audio[0]
        try:
            for frame in self.input.decode(stream):
                for out in resampler.resample(frame):
                    yield out.to_ndarray()
            for out in resampler.resample(None):
                yield out.to_ndarray()
        except av.error.FFmpegError as exc:
            raise ValueError(f"Cannot decode the music file {self.source}: {exc}") from exc
        # Music shorter than the film: the rest is silence, so the audio still ends with the picture.
        silence = np.zeros((2, FRAME_SIZE[self.codec]), np.float32)
        while True:
            yield silence

    def encode_until(self, seconds: float) -> None:
        """Encode whole encoder frames of music up to this time in the film (never past its end)."""
        target = min(self.total, round(seconds * RATE))
        while self.written + self.size <= target:
            self._encode(self._take(self.size))

    def _take(self, count: int) -> np.ndarray:
        """The next count samples as a (2, count) array."""
        import numpy as np

        while self._pending.shape[1] < count:
            self._pending = np.concatenate([self._pending, next(self._chunks)], axis=1)
        out, self._pending = self._pending[:, :count], self._pending[:, count:]
        return out

    def _encode(self, chunk: np.ndarray) -> None:
        import numpy as np
        from av.audio.frame import AudioFrame

        count = chunk.shape[1]
        start = self.total - self.fade
        if self.written + count > start:
            # Linear fade to silence over the last `fade` samples of the film.
            t = np.arange(self.written, self.written + count, dtype=np.float32)
            chunk = chunk * np.clip((self.total - t) / self.fade, 0.0, 1.0)
        if self.format == "flt":
            data = np.ascontiguousarray(chunk.T).reshape(1, -1)
        else:
            data = np.ascontiguousarray(chunk, dtype=np.float32)
        frame: av.audio.frame.AudioFrame = AudioFrame.from_ndarray(data, format=self.format, layout="stereo")
        frame.sample_rate, frame.pts, frame.time_base = RATE, self.written, Fraction(1, RATE)
        self.written += count
        self.output.mux(self.stream.encode(frame))

    def finish(self) -> None:
        """Encode what is left up to the film's end and flush the encoder."""
        self.encode_until(self.total / RATE)
        if self.written < self.total:  # the last frame may be short (AAC and Opus allow it)
            self._encode(self._take(self.total - self.written))
        self.output.mux(self.stream.encode(None))
        self.close()

    def close(self) -> None:
        """Close the music file."""
        with contextlib.suppress(Exception):
            self.input.close()
