"""Join trimmed clips into one H.264 film, conforming each to the output size and frame rate."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING

from engine.atomic_file import atomic_path
from engine.progress import STITCHING, CancelToken, Progress, ProgressCallback, ignore_progress
from engine.video_io import ClipInfo, VideoError, iter_av_frames, probe, progress_every, tag_bt709

if TYPE_CHECKING:
    import av.container
    import av.video.frame
    import av.video.reformatter
    import av.video.stream
    import numpy as np

# At crf 18 veryfast is visually the same as medium and encoded 832x480 about 2.3x faster here
# (2 cores); the cost is a somewhat larger file (content-dependent, typically 10-25%). An export of
# a final cut may pass preset="medium" or slower.
DEFAULT_PRESET = "veryfast"
DEFAULT_CRF = 18

# Limited-range black in YUV, for letterbox and pillarbox bars.
BLACK_Y, BLACK_UV = 16, 128


@dataclass
class ClipSpan:
    """A clip and the frames of it to use: trim_in inclusive, trim_out exclusive (None = to the end)."""

    path: Path
    trim_in: int = 0
    trim_out: int | None = None
    # The shot's look (grade, watermark): takes an RGB uint8 (H, W, 3) frame at the size it will
    # have in the film (before any letterbox bars) and returns the frame to show.
    look: Callable[[np.ndarray], np.ndarray] | None = None


@dataclass(frozen=True)
class StitchInfo:
    """What stitch wrote: frame count and duration in seconds."""

    frames: int
    duration: float


def _round_half_up(value: Fraction) -> int:
    """Round to nearest, halves up, as ffmpeg's fps filter does for positive times."""
    return int(value + Fraction(1, 2))


def conformed_frame_count(source_frames: int, clip_fps: Fraction | int, out_fps: Fraction | int) -> int:
    """How many output frames source_frames at clip_fps become at out_fps (the duration is kept)."""
    if source_frames <= 0:
        return 0
    return max(1, _round_half_up(Fraction(source_frames) * Fraction(out_fps) / Fraction(clip_fps)))


def source_index(out_index: int, clip_fps: Fraction | int, out_fps: Fraction | int) -> int:
    """The source frame nearest in time to output frame out_index (both counted from the span start)."""
    return _round_half_up(Fraction(out_index) * Fraction(clip_fps) / Fraction(out_fps))


def span_range(span: ClipSpan, info: ClipInfo) -> tuple[int, int]:
    """The span's trim as (first, stop) clamped to the clip; ValueError if it holds no frames."""
    stop = info.frame_count if span.trim_out is None else min(span.trim_out, info.frame_count)
    if span.trim_in < 0 or stop <= span.trim_in:
        raise ValueError(
            f"Empty trim range {span.trim_in}..{span.trim_out} for {span.path} ({info.frame_count} frames)"
        )
    return span.trim_in, stop


def span_frame_count(span: ClipSpan, out_fps: Fraction | int, info: ClipInfo | None = None) -> int:
    """How many frames a span contributes to a film at out_fps (probes the clip unless info is given)."""
    info = info or probe(span.path)
    first, stop = span_range(span, info)
    return conformed_frame_count(stop - first, info.fps, out_fps)


def fit_size(width: int, height: int, box_w: int, box_h: int) -> tuple[int, int]:
    """The largest even size with width:height's aspect that fits in box_w x box_h."""
    if width * box_h == height * box_w:
        return box_w, box_h
    if width * box_h > height * box_w:  # wider than the box: full width, bars above and below
        return box_w, max(2, min(box_h, 2 * round(height * box_w / width / 2)))
    return max(2, min(box_w, 2 * round(width * box_h / height / 2))), box_h


class _Conformer:
    """Scales (and pads) decoded frames of one clip into output-sized yuv420p frames."""

    def __init__(self, src_w: int, src_h: int, out_w: int, out_h: int,
                 look: Callable[[np.ndarray], np.ndarray] | None = None) -> None:
        from av.video.reformatter import VideoReformatter

        # One reformatter per clip keeps its swscale context cached between frames.
        self.reformatter: av.video.reformatter.VideoReformatter = VideoReformatter()
        self.look = look
        self.out_w, self.out_h = out_w, out_h
        self.fit_w, self.fit_h = fit_size(src_w, src_h, out_w, out_h)
        # Offsets are even so the chroma planes (half size) line up with the luma.
        self.left = (out_w - self.fit_w) // 4 * 2
        self.top = (out_h - self.fit_h) // 4 * 2

    def __call__(self, frame: av.video.frame.VideoFrame) -> av.video.frame.VideoFrame:
        """One conformed frame; a source already in the output form passes through unchanged."""
        if self.look is not None:
            frame = self._looked(frame)
        # One swscale pass does scaling and RGB->YUV together (BT.709, limited range, as tagged).
        scaled = self.reformatter.reformat(
            frame,
            self.fit_w,
            self.fit_h,
            "yuv420p",
            dst_colorspace="ITU709",
            dst_color_range="MPEG",
            interpolation="BICUBIC",
        )
        if (self.fit_w, self.fit_h) == (self.out_w, self.out_h):
            return scaled
        return self._pad(scaled)

    def _looked(self, frame: av.video.frame.VideoFrame) -> av.video.frame.VideoFrame:
        """The frame scaled to its place in the film as RGB, through the look."""
        from av.video.frame import VideoFrame

        rgb = self.reformatter.reformat(frame, self.fit_w, self.fit_h, "rgb24", interpolation="BICUBIC")
        return VideoFrame.from_ndarray(self.look(rgb.to_ndarray()), format="rgb24")

    def _pad(self, scaled: av.video.frame.VideoFrame) -> av.video.frame.VideoFrame:
        """Place a scaled frame centred on black."""
        import numpy as np
        from av.video.frame import VideoFrame

        out = VideoFrame(self.out_w, self.out_h, "yuv420p")
        for index, (src, dst) in enumerate(zip(scaled.planes, out.planes, strict=True)):
            shift = 0 if index == 0 else 1
            dst_rows = np.frombuffer(dst, np.uint8).reshape(dst.height, dst.line_size)
            src_rows = np.frombuffer(src, np.uint8).reshape(src.height, src.line_size)[:, : src.width]
            dst_rows.fill(BLACK_Y if index == 0 else BLACK_UV)
            top, left = self.top >> shift, self.left >> shift
            dst_rows[top : top + src.height, left : left + src.width] = src_rows
        return out


def _span_frames(
    span: ClipSpan,
    info: ClipInfo,
    first: int,
    stop: int,
    count: int,
    width: int,
    height: int,
    fps: int,
) -> Iterator[av.video.frame.VideoFrame]:
    """Yield the span's frames conformed to the output, one per output slot (count in all)."""
    conform = _Conformer(info.width, info.height, width, height, span.look)
    out_index, frame = 0, None
    for local, source in enumerate(iter_av_frames(span.path, first, stop)):
        # Frames no output slot lands on (a faster clip) are skipped before any conversion.
        if out_index >= count or source_index(out_index, info.fps, fps) > local:
            continue
        frame = conform(source)
        # A slower clip shows this frame in several slots: convert once, encode it each time.
        while out_index < count and source_index(out_index, info.fps, fps) <= local:
            yield frame
            out_index += 1
    if frame is None:
        raise VideoError(f"No frames decoded from {span.path}")
    # A clip that decodes short of its header's count holds its last frame, keeping the timing.
    for _ in range(out_index, count):
        yield frame


def _open_output(
    tmp: Path, width: int, height: int, fps: int, preset: str, crf: int
) -> tuple[av.container.OutputContainer, av.video.stream.VideoStream]:
    """An MP4 container with a libx264 yuv420p stream, BT.709-tagged, frame-threaded."""
    import av

    container = av.open(str(tmp), "w", format="mp4", options={"movflags": "+faststart"})
    stream = container.add_stream("libx264", rate=fps, options={"crf": str(crf), "preset": preset})
    stream.width, stream.height, stream.pix_fmt = width, height, "yuv420p"
    stream.time_base = stream.codec_context.time_base = 1 / Fraction(fps)
    tag_bt709(stream)
    # PyAV defaults to slice threads; frame threads are about 1.5x faster for libx264.
    stream.codec_context.thread_type = "AUTO"
    return container, stream


def stitch(
    spans: list[ClipSpan],
    dest: Path,
    width: int,
    height: int,
    fps: int,
    on_progress: ProgressCallback = ignore_progress,
    cancel: CancelToken | None = None,
    *,
    preset: str = DEFAULT_PRESET,
    crf: int = DEFAULT_CRF,
) -> StitchInfo:
    """Join spans in order into one H.264 yuv420p MP4 at width x height and fps, atomically."""
    if not spans:
        raise ValueError("Nothing to stitch: the list of clips is empty")
    if width <= 0 or height <= 0 or width % 2 or height % 2:
        raise ValueError(f"Output size must be positive and even for yuv420p, got {width}x{height}")
    if fps <= 0:
        raise ValueError(f"fps must be positive, got {fps}")
    # Probe everything first: a bad clip or trim fails before any encoding, and progress knows its total.
    infos = [probe(span.path) for span in spans]
    ranges = [span_range(span, info) for span, info in zip(spans, infos, strict=True)]
    counts = [
        conformed_frame_count(stop - first, info.fps, fps)
        for (first, stop), info in zip(ranges, infos, strict=True)
    ]
    total = sum(counts)
    time_base = 1 / Fraction(fps)
    every = progress_every(total)
    written = 0
    with atomic_path(dest) as tmp:
        container, stream = _open_output(tmp, width, height, fps, preset, crf)
        try:
            for span, info, (first, stop), count in zip(spans, infos, ranges, counts, strict=True):
                with contextlib.closing(
                    _span_frames(span, info, first, stop, count, width, height, fps)
                ) as frames:
                    for frame in frames:
                        if cancel is not None:
                            cancel.check()
                        # Decoded frames carry their clip's time base; PyAV rescales pts from it when encoding.
                        frame.pts, frame.time_base = written, time_base
                        container.mux(stream.encode(frame))
                        written += 1
                        if written % every == 0:
                            on_progress(Progress(STITCHING, written, total))
            container.mux(stream.encode(None))
        except BaseException:
            # The original error matters more than one from closing a half-written file.
            with contextlib.suppress(Exception):
                container.close()
            raise
        container.close()
    if written % every:
        on_progress(Progress(STITCHING, written, total))
    return StitchInfo(frames=written, duration=float(written / Fraction(fps)))
