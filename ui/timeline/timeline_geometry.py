"""TimelineGeometry: where each card lies and what time it shows, as prefix sums searched by bisection."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class TimelineGeometry:
    """Cards' content x edges and film times, built once per layout; lookups cost O(log N)."""

    lefts: list[int]
    rights: list[int]
    starts: list[float]
    ends: list[float]

    @classmethod
    def build(
        cls, seconds: Sequence[float], width: Callable[[float], int], origin: int = 0
    ) -> TimelineGeometry:
        """Cards laid left to right from origin, each `width(seconds)` wide, times summed in order."""
        lefts, rights, starts, ends = [], [], [], []
        x, t = origin, 0.0
        for duration in seconds:
            lefts.append(x)
            starts.append(t)
            x += width(duration)
            t += duration  # summed in the same order as a scan would, so times match to the bit
            rights.append(x)
            ends.append(t)
        return cls(lefts, rights, starts, ends)

    @property
    def total(self) -> float:
        """The film's length in seconds."""
        return self.ends[-1] if self.ends else 0.0

    def x_for_time(self, seconds: float, shift: int = 0) -> float | None:
        """x of a time (content x plus shift), through the first card whose span holds it."""
        row = bisect_left(self.ends, seconds)
        while row < len(self.ends) and self.ends[row] <= self.starts[row]:
            row += 1  # a card of no duration shows no time
        if row >= len(self.ends) or self.starts[row] > seconds:
            return None
        t0, t1, left, right = self.starts[row], self.ends[row], self.lefts[row], self.rights[row]
        # shift + left first, in integers: the sum rounds as the card's own on-screen x would.
        return (shift + left) + (seconds - t0) / (t1 - t0) * (right - left)

    def time_for_x(self, x: float, shift: int = 0) -> float | None:
        """Film time at x (content x plus shift), through the first card that covers it."""
        x -= shift
        row = bisect_left(self.rights, x)
        while row < len(self.rights) and self.rights[row] <= self.lefts[row]:
            row += 1
        if row >= len(self.rights) or self.lefts[row] > x:
            return None
        t0, t1, left, right = self.starts[row], self.ends[row], self.lefts[row], self.rights[row]
        return t0 + (x - left) / (right - left) * (t1 - t0)

    def rows_between(self, x0: float, x1: float) -> range:
        """The rows of the cards that touch content x0..x1."""
        first = bisect_left(self.rights, x0)
        last = bisect_right(self.lefts, x1) - 1
        return range(first, max(first, last + 1))

    def times_between(self, x0: float, x1: float) -> tuple[float, float]:
        """The span of film time shown by the cards that touch content x0..x1 (empty: (0, -1))."""
        rows = self.rows_between(x0, x1)
        if not rows or rows.start >= len(self.starts):
            return 0.0, -1.0
        return self.starts[rows.start], self.ends[rows.stop - 1]
