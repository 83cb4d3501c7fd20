"""The film's frames in order: conformed spans joined by cuts, crossfades and fades through black."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from fractions import Fraction
from typing import TYPE_CHECKING

from engine.film.conform import (
    PLANES,
    ClipSpan,
    Conformer,
    conformed_frame_count,
    plane_rows,
    span_frames,
    span_range,
)
from engine.film.export_settings import CROSSFADE, CUT, FADE, TRANSITIONS
from engine.video.video_io import ClipInfo, probe

if TYPE_CHECKING:
    import av.video.frame

    VideoFrame = av.video.frame.VideoFrame


@dataclass(frozen=True)
class Transition:
    """How a span begins after the previous one: cut, crossfade or fade (through black), in seconds."""

    kind: str = CUT
    seconds: float = 0.0


@dataclass
class FilmPlan:
    """Every span's frame count and the frames each transition takes, known before encoding."""

    spans: list[ClipSpan]
    infos: list[ClipInfo]
    ranges: list[tuple[int, int]]
    counts: list[int]  # frames of each span at the film's rate
    fps: int
    overlap: list[int] = field(default_factory=list)  # crossfade frames shared with the previous span
    fade_in: list[int] = field(default_factory=list)  # frames fading up from black at a span's head
    fade_out: list[int] = field(default_factory=list)  # frames fading down to black at a span's tail

    @property
    def total(self) -> int:
        """Frames in the film: crossfades overlap their neighbours, so they shorten it."""
        return sum(self.counts) - sum(self.overlap)

    @property
    def duration(self) -> float:
        """The film's length in seconds."""
        return float(Fraction(self.total, self.fps))


def plan_film(
    spans: list[ClipSpan],
    transitions: list[Transition] | None,
    fps: int,
    fade_in: float = 0.0,
    fade_out: float = 0.0,
) -> FilmPlan:
    """Probe the spans and work out frame counts; transitions[i] leads into spans[i] ([0] is ignored)."""
    if not spans:
        raise ValueError("Nothing to export: the list of clips is empty")
    if fps <= 0:
        raise ValueError(f"fps must be positive, got {fps}")
    transitions = list(transitions or [])
    transitions += [Transition()] * (len(spans) - len(transitions))
    # Probe everything first: a bad clip or trim fails before any encoding, and progress knows its total.
    infos = [probe(span.path) for span in spans]
    ranges = [span_range(span, info) for span, info in zip(spans, infos, strict=True)]
    counts = [
        conformed_frame_count(stop - first, info.fps, fps)
        for (first, stop), info in zip(ranges, infos, strict=True)
    ]
    plan = FilmPlan(spans, infos, ranges, counts, fps)
    n = len(spans)
    plan.overlap, plan.fade_in, plan.fade_out = [0] * n, [0] * n, [0] * n
    for i in range(1, n):
        kind, seconds = transitions[i].kind, transitions[i].seconds
        if kind not in TRANSITIONS:
            raise ValueError(f"Unknown transition {kind!r}; choose one of {', '.join(TRANSITIONS)}")
        # Each transition may use at most half of either neighbour, so a span's head and tail never meet.
        room = min(counts[i - 1], counts[i]) // 2
        if kind == CROSSFADE:
            plan.overlap[i] = min(room, round(seconds * fps))
        elif kind == FADE:
            # Half the time down to black, half back up: the film keeps its length.
            half = min(room, round(seconds * fps / 2))
            plan.fade_out[i - 1], plan.fade_in[i] = half, half
    plan.fade_in[0] = max(plan.fade_in[0], min(counts[0], round(fade_in * fps)))
    plan.fade_out[-1] = max(plan.fade_out[-1], min(counts[-1], round(fade_out * fps)))
    return plan


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


def _fade_gain(k: int, count: int, head: int, tail: int) -> float:
    """Brightness of frame k of count with head frames fading up and tail frames fading down."""
    gain = 1.0
    if k < head:
        gain *= (k + 1) / (head + 1)
    if k >= count - tail:
        gain *= (count - k) / (tail + 1)
    return gain


ConformerFactory = Callable[[ClipSpan, ClipInfo], Callable[["VideoFrame"], "VideoFrame"]]


def film_frames(
    plan: FilmPlan,
    width: int,
    height: int,
    pix_fmt: str = "yuv420p",
    fill: bool = False,
    conformer: ConformerFactory | None = None,
) -> Iterator[VideoFrame]:
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
        fade_in, fade_out = plan.fade_in[i], plan.fade_out[i]
        keep: list[tuple[VideoFrame, float]] = []
        frames = span_frames(span, info, first, stop, count, plan.fps, make(span, info))
        with contextlib.closing(frames):
            for k, frame in enumerate(frames):
                gain = _fade_gain(k, count, fade_in, fade_out)
                if k >= count - tail:
                    keep.append((frame, gain))
                elif k < head:
                    alpha = (k + 1) / (head + 1)
                    before, before_gain = held[k]
                    yield mix([(before, before_gain * (1 - alpha)), (frame, gain * alpha)], pix_fmt)
                else:
                    yield mix([(frame, gain)], pix_fmt)
        held = keep
