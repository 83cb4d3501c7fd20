"""The film's clock: how long it runs and how each frame mixes its spans, from frame counts alone.

The exporter, the preview and the status bar all time the film here, so they agree to the frame.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

from engine.film.export_settings import CROSSFADE, CUT, FADE, TRANSITIONS


@dataclass(frozen=True)
class Transition:
    """How a span begins after the previous one: cut, crossfade or fade (through black), in seconds."""

    kind: str = CUT
    seconds: float = 0.0


@dataclass(frozen=True)
class FilmTiming:
    """Every span's frame count at the film's rate and the frames each transition takes."""

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

    @property
    def starts(self) -> list[int]:
        """The film frame each span begins on (a crossfade starts a span before the last one ends)."""
        out, frame = [], 0
        for i, count in enumerate(self.counts):
            frame -= self.overlap[i]
            out.append(frame)
            frame += count
        return out

    def weight(self, index: int, k: int) -> float:
        """How much of span index's frame k goes into the film frame it falls on (1: it alone)."""
        count = self.counts[index]
        head = self.overlap[index]
        tail = self.overlap[index + 1] if index + 1 < len(self.counts) else 0
        return span_weight(k, count, head, tail, self.fade_in[index], self.fade_out[index])


def span_weight(k: int, count: int, head: int, tail: int, fade_in: int, fade_out: int) -> float:
    """Weight of frame k of count: rising through a crossfade head, falling through its tail, faded.

    Frame k of a head of h crossfade frames weighs (k+1)/(h+1); the previous span's frame beneath
    it weighs the rest, so a crossfade's weights sum to one and a fade takes them toward black.
    """
    weight = 1.0
    if k < head:
        weight *= (k + 1) / (head + 1)
    if k >= count - tail:
        weight *= 1 - (k - (count - tail) + 1) / (tail + 1)
    if k < fade_in:
        weight *= (k + 1) / (fade_in + 1)
    if k >= count - fade_out:
        weight *= (count - k) / (fade_out + 1)
    return weight


def time_film(
    counts: list[int],
    transitions: list[Transition] | None,
    fps: int,
    fade_in: float = 0.0,
    fade_out: float = 0.0,
) -> FilmTiming:
    """The film's timing for spans of counts frames; transitions[i] leads into span i ([0] is ignored)."""
    if not counts:
        raise ValueError("Nothing to export: the list of clips is empty")
    if fps <= 0:
        raise ValueError(f"fps must be positive, got {fps}")
    transitions = list(transitions or [])
    transitions += [Transition()] * (len(counts) - len(transitions))
    n = len(counts)
    timing = FilmTiming(list(counts), fps, [0] * n, [0] * n, [0] * n)
    for i in range(1, n):
        kind, seconds = transitions[i].kind, transitions[i].seconds
        if kind not in TRANSITIONS:
            raise ValueError(f"Unknown transition {kind!r}; choose one of {', '.join(TRANSITIONS)}")
        # Each transition may use at most half of either neighbour, so a span's head and tail never meet.
        room = min(counts[i - 1], counts[i]) // 2
        if kind == CROSSFADE:
            timing.overlap[i] = min(room, round(seconds * fps))
        elif kind == FADE:
            # Half the time down to black, half back up: the film keeps its length.
            half = min(room, round(seconds * fps / 2))
            timing.fade_out[i - 1], timing.fade_in[i] = half, half
    timing.fade_in[0] = max(timing.fade_in[0], min(counts[0], round(fade_in * fps)))
    timing.fade_out[-1] = max(timing.fade_out[-1], min(counts[-1], round(fade_out * fps)))
    return timing
