"""Reading and writing video files with PyAV: lossless take masters, frames, probing."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING

from engine.errors import StoryreelError
from engine.progress import ENCODING, CancelToken, Progress, ProgressCallback, ignore_progress
from engine.storage.atomic_file import atomic_path

if TYPE_CHECKING:
    import av.container
    import av.video.frame
    import av.video.stream
    import numpy as np

FEW_FRAMES = 8  # reads up to this many frames from the start decode on one thread
# H.264's MaxDpbMbs by level_idc (Table A-1): how many macroblocks its decoded picture buffer holds,
# and so how many frames a stream may hold back for reordering (16 at most).
H264_DPB_MBS = {
    **dict.fromkeys((9, 10), 396),
    11: 900,
    **dict.fromkeys((12, 13, 20), 2376),
    21: 4752,
    **dict.fromkeys((22, 30), 8100),
    31: 18000,
    32: 20480,
    **dict.fromkeys((40, 41), 32768),
    42: 34816,
    50: 110400,
    **dict.fromkeys((51, 52), 184320),
    **dict.fromkeys((60, 61, 62), 696320),
}
H264_MAX_REORDER = 16


class VideoError(StoryreelError):
    """A video file could not be opened, probed or decoded."""

    hint = "Check that the file is a video FFmpeg can read, or generate the take again."


@dataclass(frozen=True)
class ClipInfo:
    """What a video file holds: size, rate, exact frame count, duration, codec."""

    width: int
    height: int
    fps: Fraction
    frame_count: int
    duration: float
    codec: str
    pix_fmt: str


def progress_every(total: int) -> int:
    """How many steps between progress reports, so a task sends about a hundred."""
    return max(1, total // 100)


def write_clip(
    frames: np.ndarray,
    fps: int,
    dest: Path,
    cancel: CancelToken | None = None,
    on_progress: ProgressCallback = ignore_progress,
    replace: bool = True,
) -> None:
    """Write uint8 RGB frames (F,H,W,3) to dest as a lossless H.264 master, atomically.

    With replace=False an existing dest is never replaced (FileExistsError): takes use this.
    """
    import av

    if frames.ndim != 4 or frames.shape[-1] != 3 or frames.dtype.name != "uint8" or len(frames) == 0:
        raise ValueError(
            f"write_clip wants a non-empty uint8 array (F,H,W,3), got {frames.dtype} {frames.shape}"
        )
    if fps <= 0:
        raise ValueError(f"fps must be positive, got {fps}")
    total, height, width = frames.shape[:3]
    # libx264rgb at crf 0 stores RGB as-is (no YUV matrix, no chroma subsampling): an exact round trip.
    lossless = "libx264rgb" in av.codecs_available
    every = progress_every(total)
    with atomic_path(dest, replace=replace) as tmp:
        container = av.open(str(tmp), "w")
        try:
            if lossless:
                stream = container.add_stream(
                    "libx264rgb", rate=fps, options={"crf": "0", "preset": "medium"}
                )
                stream.pix_fmt = "rgb24"
            else:
                stream = container.add_stream("libx264", rate=fps, options={"crf": "8", "preset": "medium"})
                stream.pix_fmt = "yuv444p"
                tag_bt709(stream)
            stream.width, stream.height = width, height
            stream.time_base = stream.codec_context.time_base = 1 / Fraction(fps)
            # PyAV defaults to slice threads; frame threads are about 1.5x faster for libx264.
            stream.codec_context.thread_type = "AUTO"
            for index in range(total):
                if cancel is not None:
                    cancel.check()
                # from_numpy_buffer wraps the array's memory (no copy); rgb24 is what libx264rgb takes.
                frame = _rgb_frame(frames[index])
                if not lossless:
                    frame = frame.reformat(format="yuv444p", dst_colorspace="ITU709", dst_color_range="MPEG")
                frame.pts, frame.time_base = index, stream.codec_context.time_base
                container.mux(stream.encode(frame))
                if (index + 1) % every == 0 or index + 1 == total:
                    on_progress(Progress(ENCODING, index + 1, total))
            container.mux(stream.encode(None))
        except BaseException:
            # The original error matters more than one from closing a half-written file.
            with contextlib.suppress(Exception):
                container.close()
            raise
        container.close()


def _rgb_frame(image: np.ndarray) -> av.video.frame.VideoFrame:
    """Wrap one (H,W,3) uint8 image as an rgb24 frame, without a copy where rows are contiguous."""
    from av.video.frame import VideoFrame

    if image.strides[1:] == (3, 1):
        return VideoFrame.from_numpy_buffer(image, format="rgb24")
    return VideoFrame.from_ndarray(image, format="rgb24")


def tag_bt709(stream: av.video.stream.VideoStream) -> None:
    """Tag an encoder's output as BT.709 limited range, matching how frames are converted to YUV."""
    from av.video.reformatter import ColorPrimaries, ColorRange, Colorspace, ColorTrc

    ctx = stream.codec_context
    ctx.colorspace = Colorspace.ITU709
    ctx.color_primaries = ColorPrimaries.BT709
    ctx.color_trc = ColorTrc.BT709
    ctx.color_range = ColorRange.MPEG


@contextlib.contextmanager
def open_video(
    path: Path, threaded: bool = True, sniff: bool = True
) -> Iterator[tuple[av.container.InputContainer, av.video.stream.VideoStream]]:
    """Open a file's first video stream (with threaded decoding, or one thread); VideoError if that fails.

    sniff=False opens without decoding any frame (a lossless take's first frames cost about 0.14 s):
    the stream's pixel format stays unknown, and an H.264 decoder is told the longest reorder delay its
    level allows instead of the one the skipped frames would have shown.
    """
    import av

    try:
        # Opening decodes up to 7 frames (one thread) to learn the pixel format and, for H.264, how
        # many frames the decoder must hold back; skip_frame stops that decoding only.
        container = av.open(str(path), options=None if sniff else {"skip_frame": "all"})
    except (av.error.FFmpegError, OSError) as exc:
        raise VideoError(f"Cannot open video {path}: {exc}") from exc
    try:
        if not container.streams.video:
            raise VideoError(f"No video stream in {path}")
        stream = container.streams.video[0]
        if threaded:
            stream.thread_type = "AUTO"
        ctx = stream.codec_context
        if not sniff and ctx.name == "h264":
            # A stream that does not declare its delay would otherwise lose its first reordered
            # frames; a longer wait only delays output (the end of the stream flushes it all).
            ctx.reorder_depth = h264_reorder_bound(ctx.level, ctx.width, ctx.height)
        yield container, stream
    finally:
        container.close()


def h264_reorder_bound(level: int, width: int, height: int) -> int:
    """The most frames an H.264 stream of this level and size may hold back to reorder (its DPB's frames).

    The decoder is told this where it cannot learn the stream's own delay: FFmpeg's strict mode waits
    as long, and no conforming stream reorders further. Unknown levels, or a size beyond the level, get 16.
    """
    macroblocks = -(-width // 16) * -(-height // 16)
    dpb = H264_DPB_MBS.get(level, 0)
    if not macroblocks or dpb < macroblocks:
        return H264_MAX_REORDER
    return min(H264_MAX_REORDER, dpb // macroblocks)


def iter_av_frames(
    path: Path, start: int = 0, stop: int | None = None
) -> Iterator[av.video.frame.VideoFrame]:
    """Yield decoded PyAV frames start..stop-1 (indices in decode order), unconverted."""
    import av

    # Frame threads pay off over many frames. For a few (a thumbnail's first frame) they cost more
    # than they save: each thread keeps its own decoder state and buffers, and the pipeline has to
    # fill before the first frame comes out. The same goes for opening without sniffing: a long read
    # saves the frames opening would decode, a short one must not wait out the longest reorder delay.
    many = stop is None or stop > FEW_FRAMES
    with open_video(path, threaded=many, sniff=not many) as (container, stream):
        index = 0
        try:
            for frame in container.decode(stream):
                if stop is not None and index >= stop:
                    break
                if index >= start:
                    yield frame
                index += 1
        except av.error.FFmpegError as exc:
            raise VideoError(f"Cannot decode video {path} at frame {index}: {exc}") from exc


def frame_to_rgb(frame: av.video.frame.VideoFrame) -> np.ndarray:
    """A decoded frame as a (H,W,3) uint8 RGB array."""
    # gbrp (what H.264 RGB decodes to) and rgb24 unpack straight from their planes; others need swscale.
    if frame.format.name in ("rgb24", "gbrp"):
        return frame.to_ndarray()
    return frame.to_ndarray(format="rgb24")


def iter_frames(path: Path, start: int = 0, stop: int | None = None) -> Iterator[np.ndarray]:
    """Yield frames start..stop-1 of a video as (H,W,3) uint8 RGB arrays."""
    for frame in iter_av_frames(path, start, stop):
        yield frame_to_rgb(frame)


def read_frames(path: Path, start: int = 0, stop: int | None = None) -> np.ndarray:
    """Read frames start..stop-1 of a video into one (N,H,W,3) uint8 RGB array."""
    import numpy as np

    images = list(iter_frames(path, start, stop))
    if not images:
        raise VideoError(f"No frames in range {start}..{stop} of {path}")
    return np.stack(images)


def probe(path: Path, sniff: bool = True) -> ClipInfo:
    """Size, rate, exact frame count and duration of a video file; VideoError if unreadable.

    sniff=False decodes nothing where the container says enough (pix_fmt is then ""), and falls
    back to the full probe where it does not.
    """
    import av

    with open_video(path, sniff=sniff) as (container, stream):
        ctx = stream.codec_context
        fps = stream.average_rate or stream.guessed_rate or stream.base_rate
        if not sniff and (not fps or not ctx.width or not ctx.height):
            return probe(path)
        if not fps or not ctx.width or not ctx.height:
            raise VideoError(f"Video {path} has no usable size or frame rate")
        frame_count = stream.frames
        if frame_count <= 0:
            # Some containers (webm, raw streams) don't store a count: count packets, no decoding.
            try:
                frame_count = sum(1 for packet in container.demux(stream) if packet.size)
            except av.error.FFmpegError as exc:
                raise VideoError(f"Cannot read video {path}: {exc}") from exc
        if frame_count <= 0:
            raise VideoError(f"Video {path} has no frames")
        if stream.duration and stream.time_base:
            duration = float(stream.duration * stream.time_base)
        elif container.duration:
            duration = container.duration / av.time_base
        else:
            duration = float(frame_count / fps)
        return ClipInfo(
            width=ctx.width,
            height=ctx.height,
            fps=Fraction(fps),
            frame_count=frame_count,
            duration=duration,
            codec=ctx.name,
            pix_fmt=ctx.pix_fmt or "",
        )
