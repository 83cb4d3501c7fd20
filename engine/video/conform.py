"""Conforming clips to an output: trims, frame-rate conversion, and size by fit / fill / pad (films and control clips)."""

from __future__ import annotations

from collections.abc import Callable, Generator
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING

from engine.video.motion import Interpolator, retimed
from engine.video.video_io import ClipInfo, VideoError, frame_to_rgb, iter_av_frames, probe

if TYPE_CHECKING:
    import av.video.frame
    import av.video.plane
    import av.video.reformatter
    import numpy as np

Look = Callable[["np.ndarray"], "np.ndarray"]

# Per output pixel format, each plane's (dtype, x shift, y shift, black level, values per pixel).
# Black is limited-range YUV (16/128 at 8 bits, 64/512 at 10) or RGB zero.
PLANES: dict[str, list[tuple[str, int, int, int, int]]] = {
    "yuv420p": [("uint8", 0, 0, 16, 1), ("uint8", 1, 1, 128, 1), ("uint8", 1, 1, 128, 1)],
    "yuv422p10le": [("uint16", 0, 0, 64, 1), ("uint16", 1, 0, 512, 1), ("uint16", 1, 0, 512, 1)],
    "rgb24": [("uint8", 0, 0, 0, 3)],
}


@dataclass
class ClipSpan:
    """A clip and the frames of it to use: trim_in inclusive, trim_out exclusive (None = to the end)."""

    path: Path
    trim_in: int = 0
    trim_out: int | None = None
    # The shot's look (grade, watermark): takes an RGB uint8 (H, W, 3) frame at the size it will
    # have in the film (before any letterbox bars) and returns the frame to show.
    look: Look | None = None


def _round_half_up(value: Fraction) -> int:
    """Round to nearest, halves up, as ffmpeg's fps filter does for positive times."""
    return int(value + Fraction(1, 2))


def conformed_frame_count(source_frames: int, clip_fps: Fraction | int, out_fps: Fraction | int) -> int:
    """How many output frames source_frames at clip_fps become at out_fps (the duration is kept)."""
    if source_frames <= 0:
        return 0
    if type(clip_fps) is int and type(out_fps) is int and clip_fps > 0:
        # Whole rates (every shot's): floor(n*out/clip + 1/2) in integers, the same value without
        # building Fractions, which a 2,000-shot film's timing would pay thousands of times a layout.
        return max(1, (2 * source_frames * out_fps + clip_fps) // (2 * clip_fps))
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


def cover_size(width: int, height: int, box_w: int, box_h: int) -> tuple[int, int]:
    """The smallest even size with width:height's aspect that covers box_w x box_h."""
    if width * box_h == height * box_w:
        return box_w, box_h
    if width * box_h > height * box_w:  # wider than the box: full height, sides cropped
        return max(box_w, 2 * -(-width * box_h // (2 * height))), box_h
    return box_w, max(box_h, 2 * -(-height * box_w // (2 * width)))


def plane_rows(plane: av.video.plane.VideoPlane, dtype: str) -> np.ndarray:
    """A plane's memory as a 2-D array of rows (line padding included)."""
    import numpy as np

    item = np.dtype(dtype).itemsize
    # Through a memoryview (no copy): numpy's stubs don't take any object with __buffer__.
    return np.frombuffer(memoryview(plane), dtype).reshape(plane.height, plane.line_size // item)


class Conformer:
    """Turns decoded frames of one clip into output frames: look, scale, pad or crop, pixel format."""

    def __init__(
        self,
        src_w: int,
        src_h: int,
        out_w: int,
        out_h: int,
        look: Look | None = None,
        *,
        pix_fmt: str = "yuv420p",
        fill: bool = False,
    ) -> None:
        from av.video.reformatter import ColorRange, Colorspace, VideoReformatter

        # One reformatter per clip keeps its swscale context cached between frames.
        self.reformatter: av.video.reformatter.VideoReformatter = VideoReformatter()
        self.look, self.pix_fmt, self.fill = look, pix_fmt, fill
        self.planes = PLANES[pix_fmt]
        self.out_w, self.out_h = out_w, out_h
        sizer = cover_size if fill else fit_size
        self.fit_w, self.fit_h = sizer(src_w, src_h, out_w, out_h)
        # Offsets are even so the chroma planes (half size) line up with the luma. For fill they
        # say where the crop starts in the scaled frame; for pad, where it goes in the output.
        self.left = abs(out_w - self.fit_w) // 4 * 2
        self.top = abs(out_h - self.fit_h) // 4 * 2
        # BT.709 limited range, as the encoders tag their streams; RGB output keeps RGB (None: as it is).
        yuv = pix_fmt.startswith("yuv")
        self.colorspace: int | None = Colorspace.ITU709 if yuv else None
        self.color_range: int | None = ColorRange.MPEG if yuv else None

    def __call__(self, frame: av.video.frame.VideoFrame) -> av.video.frame.VideoFrame:
        """One conformed frame, scaled and converted in a single swscale pass."""
        w, h = self.fit_w, self.fit_h
        if self.look is not None:
            frame = self._looked(frame)
            if self.fill:  # the look already saw (and got) the cropped frame
                w, h = self.out_w, self.out_h
        scaled = self.reformatter.reformat(
            frame,
            w,
            h,
            self.pix_fmt,
            dst_colorspace=self.colorspace,
            interpolation="BICUBIC",
            dst_color_range=self.color_range,
        )
        if (w, h) == (self.out_w, self.out_h):
            return scaled
        return self._crop(scaled) if self.fill else self._pad(scaled)

    def _looked(self, frame: av.video.frame.VideoFrame) -> av.video.frame.VideoFrame:
        """The frame as RGB at its place in the film (cropped for fill), through the look."""
        from av.video.frame import VideoFrame

        rgb = self.reformatter.reformat(frame, self.fit_w, self.fit_h, "rgb24", interpolation="BICUBIC")
        image = rgb.to_ndarray()
        if self.fill:
            image = image[self.top : self.top + self.out_h, self.left : self.left + self.out_w]
        assert self.look is not None
        return VideoFrame.from_ndarray(self.look(image), format="rgb24")

    def _pad(self, scaled: av.video.frame.VideoFrame) -> av.video.frame.VideoFrame:
        """Place a scaled frame centred on black."""
        from av.video.frame import VideoFrame

        out = VideoFrame(self.out_w, self.out_h, self.pix_fmt)
        for (dtype, xs, ys, black, per), src, dst in zip(self.planes, scaled.planes, out.planes, strict=True):
            dst_rows = plane_rows(dst, dtype)
            src_rows = plane_rows(src, dtype)[:, : src.width * per]
            dst_rows.fill(black)
            top, left = self.top >> ys, (self.left >> xs) * per
            dst_rows[top : top + src.height, left : left + src.width * per] = src_rows
        return out

    def _crop(self, scaled: av.video.frame.VideoFrame) -> av.video.frame.VideoFrame:
        """The centre of a frame scaled to cover the output."""
        from av.video.frame import VideoFrame

        out = VideoFrame(self.out_w, self.out_h, self.pix_fmt)
        for (dtype, xs, ys, _, per), src, dst in zip(self.planes, scaled.planes, out.planes, strict=True):
            dst_rows = plane_rows(dst, dtype)
            top, left = self.top >> ys, (self.left >> xs) * per
            width = dst.width * per
            dst_rows[:, :width] = plane_rows(src, dtype)[top : top + dst.height, left : left + width]
        return out


def span_frames(
    span: ClipSpan,
    info: ClipInfo,
    first: int,
    stop: int,
    count: int,
    fps: Fraction | int,
    conform: Callable[[av.video.frame.VideoFrame], av.video.frame.VideoFrame],
    between: Interpolator | None = None,
) -> Generator[av.video.frame.VideoFrame, None, None]:
    """Yield the span's frames conformed to the output, one per output slot (count in all).

    A slower clip repeats its frames, or with between, fills the slots between them with its frames.
    A frame shown in several slots is the same object each time: never change it.
    """
    if between is not None and Fraction(fps) > Fraction(info.fps):
        # Each slot its own frame: the decoded ones and between's in-betweens, conformed one by one.
        from av.video.frame import VideoFrame

        images = (frame_to_rgb(f) for f in iter_av_frames(span.path, first, stop))
        image = None
        for image in retimed(images, info.fps, fps, count, between):
            yield conform(VideoFrame.from_ndarray(image, format="rgb24"))
        if image is None:
            raise VideoError(f"No frames decoded from {span.path}")
        return
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
