"""Encoders for each delivery format: a movie container, an animated GIF, a PNG sequence."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from engine.film.export_settings import ExportSettings, FormatPreset
from engine.video.video_io import tag_bt709

if TYPE_CHECKING:
    import av.container
    import av.video.frame
    import av.video.stream

    from engine.film.audio_track import MusicTrack


class FilmWriter(Protocol):
    """What the exporter drives: every frame of the film once per pass, then close (or abort)."""

    @property
    def passes(self) -> int:
        """How many times the exporter sends the whole film."""
        ...

    def write(self, frame: av.video.frame.VideoFrame, pass_index: int = 0) -> None:
        """Take the next frame of pass pass_index (passes come in order)."""
        ...

    def close(self) -> None:
        """Finish the output after the last pass."""
        ...

    def abort(self) -> None:
        """Close without caring about errors (the output is thrown away)."""
        ...


# How the exporter makes a writer: (path, settings, width, height, fps, duration in seconds).
WriterFactory = Callable[["Path", ExportSettings, int, int, int, float], FilmWriter]


def video_stream(
    container: av.container.OutputContainer,
    preset: FormatPreset,
    quality: str,
    width: int,
    height: int,
    fps: int,
) -> av.video.stream.VideoStream:
    """A frame-threaded video stream for the preset, BT.709-tagged when it is YUV."""
    from av.video.stream import VideoStream

    stream = container.add_stream(
        preset.codec, rate=fps, options=dict(preset.quality_options.get(quality, {}))
    )
    # The preset names its codec as a plain string, so PyAV can only say it is some kind of stream.
    if not isinstance(stream, VideoStream):
        raise ValueError(f"The format's codec {preset.codec} is not a video codec")
    stream.width, stream.height, stream.pix_fmt = width, height, preset.pix_fmt
    stream.time_base = stream.codec_context.time_base = Fraction(1, fps)
    if preset.pix_fmt.startswith("yuv"):
        tag_bt709(stream)
    if preset.codec == "libvpx-vp9":
        # libvpx runs its own threads (with row-mt); libavcodec's frame threads don't apply to it.
        stream.codec_context.thread_count = os.cpu_count() or 2
    else:
        # PyAV defaults to slice threads; frame threads are about 1.5x faster for libx264.
        stream.codec_context.thread_type = "AUTO"
    return stream


class MovieWriter:
    """MP4, WebM or MOV: one video stream, optionally music, into a single file."""

    passes = 1

    def __init__(
        self, path: Path, settings: ExportSettings, width: int, height: int, fps: int, duration: float
    ) -> None:
        import av

        preset = settings.preset
        self.container = av.open(
            str(path), "w", format=preset.container, options=dict(preset.container_options)
        )
        self.music: MusicTrack | None = None
        try:
            self.stream = video_stream(self.container, preset, settings.quality, width, height, fps)
            if settings.audio is not None and preset.audio_codec:
                from engine.film.audio_track import MusicTrack

                self.music = MusicTrack(
                    Path(settings.audio), self.container, preset.audio_codec, duration, settings.audio_fade
                )
        except BaseException:
            self.abort()
            raise
        self.fps = fps
        self.count = 0

    def write(self, frame: av.video.frame.VideoFrame, pass_index: int = 0) -> None:
        """Encode one frame (and the music up to its end)."""
        # Decoded frames carry their clip's time base; PyAV rescales pts from the one set here.
        frame.pts, frame.time_base = self.count, self.stream.codec_context.time_base
        self.container.mux(self.stream.encode(frame))
        self.count += 1
        if self.music is not None:
            self.music.encode_until(self.count / self.fps)

    def close(self) -> None:
        """Flush the encoders and finish the file."""
        self.container.mux(self.stream.encode(None))
        if self.music is not None:
            self.music.finish()
        self.container.close()

    def abort(self) -> None:
        """Close without caring about errors (the file is thrown away)."""
        if self.music is not None:
            self.music.close()
        with contextlib.suppress(Exception):
            self.container.close()


class GifWriter:
    """An animated GIF in two passes: the first builds a palette from the whole film, the second uses it."""

    passes = 2

    def __init__(
        self, path: Path, settings: ExportSettings, width: int, height: int, fps: int, duration: float
    ) -> None:
        import av
        from av.video.format import VideoFormat

        self.size, self.fps = (width, height), fps
        self.dither = settings.preset.quality_options[settings.quality]["dither"]
        self.time_base = Fraction(1, fps)
        self.graph = av.filter.Graph()
        self.source = self.graph.add_buffer(
            width=width, height=height, format=VideoFormat("rgb24"), time_base=self.time_base
        )
        palettegen = self.graph.add("palettegen", "stats_mode=full")
        sink = self.graph.add("buffersink")
        self.source.link_to(palettegen)
        palettegen.link_to(sink)
        self.graph.configure()
        self.container = av.open(str(path), "w", format="gif")
        self.stream = self.container.add_stream("gif", rate=fps)
        self.stream.width, self.stream.height, self.stream.pix_fmt = width, height, "pal8"
        self.pass_index, self.count = 0, 0

    def _start_second_pass(self) -> None:
        import av
        from av.video.format import VideoFormat

        self.source.push(None)
        palette = self.graph.vpull()
        self.graph = av.filter.Graph()
        self.source = self.graph.add_buffer(
            width=self.size[0], height=self.size[1], format=VideoFormat("rgb24"), time_base=self.time_base
        )
        palette_in = self.graph.add_buffer(
            width=palette.width, height=palette.height, format=palette.format, time_base=self.time_base
        )
        paletteuse = self.graph.add("paletteuse", f"dither={self.dither}")
        sink = self.graph.add("buffersink")
        self.source.link_to(paletteuse, 0, 0)
        palette_in.link_to(paletteuse, 0, 1)
        paletteuse.link_to(sink)
        self.graph.configure()
        # One palette for the whole film: paletteuse keeps using it after its input ends.
        palette.pts = 0
        palette_in.push(palette)
        palette_in.push(None)
        self.pass_index, self.count = 1, 0

    def write(self, frame: av.video.frame.VideoFrame, pass_index: int = 0) -> None:
        """Feed one frame to this pass: palette statistics first, then dithered output."""
        if pass_index != self.pass_index:
            self._start_second_pass()
        frame.pts, frame.time_base = self.count, self.time_base
        self.count += 1
        self.source.push(frame)
        if self.pass_index == 1:
            self._drain()

    def _drain(self) -> None:
        import av

        while True:
            try:
                # The graph's one sink gives video frames; vpull says so to the type checker.
                out = self.graph.vpull()
            except (BlockingIOError, av.error.EOFError):
                return
            self.container.mux(self.stream.encode(out))

    def close(self) -> None:
        """Flush the filters and the encoder and finish the file."""
        self.source.push(None)
        self._drain()
        self.container.mux(self.stream.encode(None))
        self.container.close()

    def abort(self) -> None:
        """Close without caring about errors."""
        with contextlib.suppress(Exception):
            self.container.close()


class PngSequenceWriter:
    """Numbered PNG files (frame_000001.png, ...) in a folder."""

    passes = 1

    def __init__(
        self, folder: Path, settings: ExportSettings, width: int, height: int, fps: int, duration: float
    ) -> None:
        import av

        self.container = av.open(str(folder / "frame_%06d.png"), "w", format="image2")
        self.stream = video_stream(self.container, settings.preset, settings.quality, width, height, fps)
        self.count = 0

    def write(self, frame: av.video.frame.VideoFrame, pass_index: int = 0) -> None:
        """Encode one frame into its own file."""
        frame.pts, frame.time_base = self.count, self.stream.codec_context.time_base
        self.container.mux(self.stream.encode(frame))
        self.count += 1

    def close(self) -> None:
        """Flush the encoder."""
        self.container.mux(self.stream.encode(None))
        self.container.close()

    def abort(self) -> None:
        """Close without caring about errors."""
        with contextlib.suppress(Exception):
            self.container.close()


WRITERS: dict[str, WriterFactory] = {
    "mp4": MovieWriter,
    "webm": MovieWriter,
    "mov": MovieWriter,
    "gif": GifWriter,
    "png": PngSequenceWriter,
}
