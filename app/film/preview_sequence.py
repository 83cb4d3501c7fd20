"""What the preview plays: shots in timeline order as timed spans of their active takes, with looks."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.film.shot_timing import film_timing, shot_fps, shot_frames
from app.project.media_paths import UnsafePath
from app.project.project import Project
from app.project.shot import Shot
from engine.film.film_timing import span_weight
from engine.video.frame_reader import FrameReader, Transform

EPSILON = 1e-6


@dataclass(frozen=True)
class PreviewSpan:
    """One shot on the film's clock: [start, end), frames first..stop-1 of its clip.

    The film_* fields place it as the exporter does (film_timing): its first film frame, its frame
    count at the film's rate, and the crossfade and fade frames at its head and tail. `place` is
    where its card starts on the timeline, which lays shots end to end.
    """

    shot_id: str
    path: Path | None  # None: no playable take (shown as a gap)
    first: int
    stop: int
    fps: int
    start: float
    look: Transform | None = None
    film_fps: int = 0  # 0: not placed on a film (the span runs frames / fps seconds)
    film_first: int = 0
    count: int = 0
    head: int = 0
    tail: int = 0
    fade_in: int = 0
    fade_out: int = 0
    place: float = 0.0

    @property
    def frames(self) -> int:
        return self.stop - self.first

    @property
    def seconds(self) -> float:
        return self.count / self.film_fps if self.film_fps else self.frames / self.fps

    @property
    def end(self) -> float:
        return self.start + self.seconds

    def source_frame(self, t: float) -> int:
        """The clip frame shown at film time t (clamped to the span)."""
        local = int((t - self.start) * self.fps + EPSILON)
        return self.first + max(0, min(local, self.frames - 1))

    def weight(self, t: float) -> float:
        """How much of this span's frame the film shows at t: below 1 in a crossfade or a fade."""
        if not self.film_fps:
            return 1.0
        k = max(0, min(int(t * self.film_fps + EPSILON) - self.film_first, self.count - 1))
        return span_weight(k, self.count, self.head, self.tail, self.fade_in, self.fade_out)


def look_resolver() -> Callable[[Project, Shot], Transform | None]:
    """How a shot's look is found (a seam the preview tests replace)."""
    from app.film.shot_looks import look_for_shot

    return look_for_shot


def preview_spans(project: Project, with_looks: bool = True) -> list[PreviewSpan]:
    """Every shot as a span, in timeline order, timed as the exporter writes the film."""
    timing = film_timing(project)
    if timing is None:
        return []
    resolve = look_resolver() if with_looks else (lambda project, shot: None)
    spans, place = [], 0.0
    overlap = [*timing.overlap, 0]
    for i, (shot, film_first) in enumerate(zip(project.shots, timing.starts, strict=True)):
        frames, fps = shot_frames(project, shot), shot_fps(project, shot)
        take = shot.active
        try:
            path = project.take_path(take) if take is not None else None
        except UnsafePath:  # shown as a missing take
            path = None
        if path is not None and not path.exists():
            path = None
        first = shot.trim_in if path is not None else 0
        look = None
        if path is not None:
            try:
                look = resolve(project, shot)
            except Exception:  # a broken look must not stop the preview
                look = None
        spans.append(
            PreviewSpan(
                shot.id,
                path,
                first,
                first + frames,
                fps,
                film_first / timing.fps,
                look,
                film_fps=timing.fps,
                film_first=film_first,
                count=timing.counts[i],
                head=overlap[i],
                tail=overlap[i + 1],
                fade_in=timing.fade_in[i],
                fade_out=timing.fade_out[i],
                place=place,
            )
        )
        place += frames / fps
    return spans


def span_at(spans: list[PreviewSpan], t: float) -> PreviewSpan | None:
    """The span showing film time t (in a crossfade the outgoing one; the last at or past the end)."""
    for span in spans:
        if t < span.end - EPSILON:
            return span if t >= span.start - EPSILON else None
    return spans[-1] if spans else None


def mix_at(spans: list[PreviewSpan], t: float) -> list[tuple[PreviewSpan, float]]:
    """The spans the film shows at t with their weights: two in a crossfade, below 1 in a fade."""
    shown = span_at(spans, t)
    if shown is None:
        return []
    index = spans.index(shown)
    parts = [(shown, shown.weight(t))]
    following = spans[index + 1] if index + 1 < len(spans) else None
    if following is not None and following.start - EPSILON <= t < shown.end - EPSILON:
        parts.append((following, following.weight(t)))
    return parts


def timeline_time(spans: list[PreviewSpan], t: float) -> float:
    """Where film time t falls on the timeline, whose cards do not overlap in a crossfade.

    In a crossfade the incoming shot's card holds the playhead, so the mapping stays monotonic and
    film_time_at is its inverse.
    """
    for span in reversed(spans):
        if t >= span.start - EPSILON:
            return span.place + (t - span.start)
    return t


def film_time_at(spans: list[PreviewSpan], place: float) -> float:
    """The film time shown at a timeline position (the inverse of timeline_time)."""
    for span in reversed(spans):
        if place >= span.place - EPSILON:
            return span.start + (place - span.place)
    return place


class SpanFrames:
    """Decoded frames for spans: one FrameReader per clip, the next span's first frame prefetched."""

    def __init__(self, max_readers: int = 3) -> None:
        self.max_readers = max_readers
        self._readers: dict[Path, FrameReader] = {}

    def frame(self, span: PreviewSpan, t: float, wait: float | None = None) -> Any:
        """The (looked) frame of span at film time t: None if not decoded yet (wait=None) or no take."""
        reader = self.reader(span)
        if reader is None:
            return None
        index = span.source_frame(t)
        if wait is None:
            return reader.peek(index)
        return reader.frame(index, timeout=wait)

    def prefetch(self, span: PreviewSpan) -> None:
        """Start decoding a span's first frame (the next shot, before playback reaches it)."""
        reader = self.reader(span)
        if reader is not None:
            reader.prefetch(span.first)

    def reader(self, span: PreviewSpan) -> FrameReader | None:
        """The reader for a span's clip (opened on first use), showing its look."""
        if span.path is None:
            return None
        reader = self._readers.pop(span.path, None)
        if reader is None:
            reader = FrameReader(span.path, transform=span.look)  # probed on its own thread
        else:
            reader.set_transform(span.look)
        self._readers[span.path] = reader  # most recently used last
        while len(self._readers) > self.max_readers:
            oldest = next(iter(self._readers))
            self._readers.pop(oldest).close()
        return reader

    def error(self, span: PreviewSpan) -> Exception | None:
        """Why the span's clip cannot be read (probed or decoded), or None."""
        reader = self._readers.get(span.path) if span.path is not None else None
        return reader.error if reader is not None else None

    def close(self) -> None:
        """Stop every reader's worker."""
        for reader in self._readers.values():
            reader.close()
        self._readers.clear()
