"""The film's frames in order: conformed spans joined by cuts, crossfades and fades through black."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Generator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from engine.film.film_timing import FilmTiming, Transition, time_film
from engine.video.conform import (
    PLANES,
    ClipSpan,
    Conformer,
    conformed_frame_count,
    plane_rows,
    span_frames,
    span_range,
)
from engine.video.motion import Interpolator
from engine.video.video_io import ClipInfo, probe

if TYPE_CHECKING:
    import av.video.frame

    VideoFrame = av.video.frame.VideoFrame


@dataclass(frozen=True)
class FilmPlan(FilmTiming):
    """The film's timing plus what each span reads: its clip, the clip's facts and its frame range."""

    spans: list[ClipSpan] = field(default_factory=list)
    infos: list[ClipInfo] = field(default_factory=list)
    ranges: list[tuple[int, int]] = field(default_factory=list)


def plan_film(
    spans: list[ClipSpan],
    transitions: list[Transition] | None,
    fps: int,
    fade_in: float = 0.0,
    fade_out: float = 0.0,
) -> FilmPlan:
    """Probe the spans and time the film; transitions[i] leads into spans[i] ([0] is ignored)."""
    if fps <= 0:  # before probing: time_film checks it too, but only after every clip was opened
        raise ValueError(f"fps must be positive, got {fps}")
    # Probe everything first: a bad clip or trim fails before any encoding, and progress knows its total.
    # Without sniffing: the container's facts are all a plan needs, and decoding a lossless take's
    # first frames here (about 0.14 s each, on one core before the export starts) is paid again when
    # the span is read.
    infos = [probe(span.path, sniff=False) for span in spans]
    ranges = [span_range(span, info) for span, info in zip(spans, infos, strict=True)]
    counts = [
        conformed_frame_count(stop - first, info.fps, fps)
        for (first, stop), info in zip(ranges, infos, strict=True)
    ]
    t = time_film(counts, transitions, fps, fade_in, fade_out)
    return FilmPlan(t.counts, fps, t.overlap, t.fade_in, t.fade_out, list(spans), infos, ranges)


def mix(parts: list[tuple[VideoFrame, float]], pix_fmt: str) -> VideoFrame:
    """black + sum(weight * (frame - black)): a crossfade, a fade, or both; weights need not sum to 1."""
    if len(parts) == 1 and parts[0][1] == 1.0:
        return parts[0][0]
    import numpy as np
    from av.video.frame import VideoFrame

    first = parts[0][0]
    out = VideoFrame(first.width, first.height, pix_fmt)
    limit = 1023 if pix_fmt.endswith("10le") else 255
    for index, (dtype, _, _, black, per) in enumerate(PLANES[pix_fmt]):
        dst = out.planes[index]
        width = dst.width * per
        # YUV and RGB are linear in each other, so blending the encoder's own planes equals blending RGB.
        acc = np.full((dst.height, width), float(black), np.float32)
        for frame, weight in parts:
            src = plane_rows(frame.planes[index], dtype)[:, :width]
            acc += weight * (src.astype(np.float32) - black)
        plane_rows(dst, dtype)[:, :width] = np.clip(np.rint(acc), 0, limit).astype(dtype)
    return out


ConformerFactory = Callable[[ClipSpan, ClipInfo], Callable[["VideoFrame"], "VideoFrame"]]


def film_frames(
    plan: FilmPlan,
    width: int,
    height: int,
    pix_fmt: str = "yuv420p",
    fill: bool = False,
    conformer: ConformerFactory | None = None,
    between: Interpolator | None = None,
) -> Generator[VideoFrame, None, None]:
    """Yield plan.total frames of the film at width x height in pix_fmt (ready for the encoder).

    Frames may repeat as the same object (a slower clip): consumers must not change them.
    """

    def default_conformer(span: ClipSpan, info: ClipInfo) -> Callable[[VideoFrame], VideoFrame]:
        return Conformer(info.width, info.height, width, height, span.look, pix_fmt=pix_fmt, fill=fill)

    make = conformer or default_conformer
    held: list[tuple[VideoFrame, float]] = []  # the previous span's tail, waiting for its crossfade
    spans = len(plan.spans)
    for i, (span, info, (first, stop), count) in enumerate(
        zip(plan.spans, plan.infos, plan.ranges, plan.counts, strict=True)
    ):
        head, tail = plan.overlap[i], plan.overlap[i + 1] if i + 1 < spans else 0
        keep: list[tuple[VideoFrame, float]] = []
        frames = span_frames(span, info, first, stop, count, plan.fps, make(span, info), between)
        with contextlib.closing(frames):
            for k, frame in enumerate(frames):
                weight = plan.weight(i, k)
                if k >= count - tail:
                    keep.append((frame, weight))
                elif k < head:
                    yield mix([held[k], (frame, weight)], pix_fmt)
                else:
                    yield mix([(frame, weight)], pix_fmt)
        held = keep
