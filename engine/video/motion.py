"""Frames between frames, for a film at a higher rate than its clips: repeat, blend or interpolate."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from fractions import Fraction
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

# repeat: the nearest frame, shown again (the classic conversion); blend: the two neighbours mixed by
# time (ghosting, no motion); interpolate: motion-compensated in-between frames.
MOTIONS = ("repeat", "blend", "interpolate")

# An in-between frame of two RGB uint8 frames at time t (0 < t < 1) from the first.
Interpolator = Callable[["np.ndarray", "np.ndarray", float], "np.ndarray"]


def blend(a: np.ndarray, b: np.ndarray, t: float) -> np.ndarray:
    """The two frames mixed by time: what a dissolve between them shows at t."""
    import numpy as np

    mixed = a.astype(np.float32) * (1.0 - t) + b.astype(np.float32) * t
    return np.clip(mixed + 0.5, 0, 255).astype(np.uint8)


# Farneback's dense flow (3 pyramid levels, 15 px windows): DIS, though faster, locks onto the wrong
# period of a repeating texture (bench/interpolation.py: 12 dB against Farneback's 45 on one pair).
FARNEBACK = (0.5, 3, 15, 3, 5, 1.2, 0)
# Flows are found on frames at most this wide or high and scaled up: motion is smooth at that size,
# and a 720p pair costs a quarter of its full-size flows.
FLOW_SIDE = 640


def _flow(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Farneback's flow from grey frame a to b, found at most FLOW_SIDE a side, in a's pixels."""
    import cv2

    height, width = a.shape
    scale = min(1.0, FLOW_SIDE / max(height, width))
    if scale == 1.0:
        return cv2.calcOpticalFlowFarneback(a, b, None, *FARNEBACK)
    size = (max(1, round(width * scale)), max(1, round(height * scale)))
    small_a = cv2.resize(a, size, interpolation=cv2.INTER_AREA)
    small_b = cv2.resize(b, size, interpolation=cv2.INTER_AREA)
    small = cv2.calcOpticalFlowFarneback(small_a, small_b, None, *FARNEBACK)
    full: np.ndarray = cv2.resize(small, (width, height), interpolation=cv2.INTER_LINEAR)
    full *= 1.0 / scale  # a motion of one small pixel is 1/scale pixels of the frame
    return full


class FlowInterpolator:
    """OpenCV's Farneback optical flow both ways, each frame warped to time t, mixed by nearness in time.

    The fallback when no learned interpolator is set: no model, on a CPU. The flows of a pair are
    computed once for all the in-betweens it gives.
    """

    def __init__(self) -> None:
        # The pair whose flows are kept, held so that no other array can take its ids meanwhile.
        self._pair: tuple[np.ndarray, np.ndarray] | None = None
        self._flows: tuple[np.ndarray, np.ndarray] | None = None

    def _flows_of(self, a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        import cv2

        if self._pair is None or self._pair[0] is not a or self._pair[1] is not b or self._flows is None:
            grey_a = cv2.cvtColor(a, cv2.COLOR_RGB2GRAY)
            grey_b = cv2.cvtColor(b, cv2.COLOR_RGB2GRAY)
            self._flows = (_flow(grey_a, grey_b), _flow(grey_b, grey_a))
            self._pair = (a, b)
        return self._flows

    def __call__(self, a: np.ndarray, b: np.ndarray, t: float) -> np.ndarray:
        """The frame at time t between a and b."""
        import cv2
        import numpy as np

        forward, backward = self._flows_of(a, b)
        h, w = a.shape[:2]
        grid = np.indices((h, w), dtype=np.float32)
        ys, xs = grid[0], grid[1]
        # A point at x at time t came from a at x - t*F_ab and goes to b at x - (1-t)*F_ba, taking
        # each flow where the point is (smooth motion: the flow there is near the flow at x).
        from_a = cv2.remap(
            a,
            xs - t * forward[..., 0],
            ys - t * forward[..., 1],
            cv2.INTER_LINEAR,
            borderMode=cv2.BORDER_REPLICATE,
        )
        from_b = cv2.remap(
            b,
            xs - (1 - t) * backward[..., 0],
            ys - (1 - t) * backward[..., 1],
            cv2.INTER_LINEAR,
            borderMode=cv2.BORDER_REPLICATE,
        )
        return blend(from_a, from_b, t)


def retimed(
    frames: Iterator[np.ndarray],
    clip_fps: Fraction | int,
    out_fps: Fraction | int,
    count: int,
    between: Interpolator,
) -> Iterator[np.ndarray]:
    """count frames at out_fps from frames at clip_fps, each slot at its own time: a source frame where
    it falls on one, else between(previous, next, t). Holds two frames at a time."""
    step = Fraction(clip_fps) / Fraction(out_fps)
    source = iter(frames)
    index, current = 0, next(source, None)
    if current is None:
        return
    following = next(source, None)
    for slot in range(count):
        position = slot * step
        while following is not None and position >= index + 1:
            index, current, following = index + 1, following, next(source, None)
        t = float(position - index)
        # Past the last frame (the slots of its own duration) the last frame holds.
        yield current if t == 0 or following is None else between(current, following, t)


def in_between(motion: str) -> Interpolator | None:
    """The function that makes in-between frames for a motion choice (None: repeat frames)."""
    if motion not in MOTIONS:
        raise ValueError(f"Unknown motion {motion!r}; choose one of {', '.join(MOTIONS)}")
    if motion == "blend":
        return blend
    if motion == "interpolate":
        return FlowInterpolator()
    return None
