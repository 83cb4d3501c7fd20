"""A take's frames read once for every scorer: evenly sampled RGB frames plus small grey frames of all."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from engine.review.review_config import MAX_SAMPLE_FRAMES, ReviewError
from engine.video.video_io import VideoError, iter_frames, probe

if TYPE_CHECKING:
    import numpy as np

# Motion and flicker read every frame at this width: flow on 720p frames would cost more than the
# whole model review, and both measures are about the frame as a whole.
GREY_WIDTH = 256


@dataclass(frozen=True)
class SampledClip:
    """The frames the scorers share: indices, the RGB frames at them, and every frame small and grey."""

    indices: tuple[int, ...]
    frames: np.ndarray  # (len(indices), H, W, 3) uint8 RGB
    grey: np.ndarray  # (frame_count, h, GREY_WIDTH) uint8 luma
    frame_count: int


def sample_indices(frame_count: int, count: int) -> tuple[int, ...]:
    """count indices spread evenly over frame_count frames, first and last included, each once."""
    count = max(1, min(count, MAX_SAMPLE_FRAMES, frame_count))
    if count == 1:
        return (0,)
    step = (frame_count - 1) / (count - 1)
    return tuple(sorted({round(i * step) for i in range(count)}))


def _grey(frame: np.ndarray) -> np.ndarray:
    import cv2

    height, width = frame.shape[:2]
    small_height = max(1, round(height * GREY_WIDTH / width))
    small = cv2.resize(frame, (GREY_WIDTH, small_height), interpolation=cv2.INTER_AREA)
    grey: np.ndarray = cv2.cvtColor(small, cv2.COLOR_RGB2GRAY)
    return grey


def read_sampled(path: Path, count: int) -> SampledClip:
    """Decode a take once; ReviewError naming the file if it is missing, damaged or empty."""
    import numpy as np

    try:
        info = probe(path)
        indices = sample_indices(info.frame_count, count)
        wanted = set(indices)
        picked: list[np.ndarray] = []
        greys: list[np.ndarray] = []
        for index, frame in enumerate(iter_frames(path)):
            if index in wanted:
                picked.append(frame)
            greys.append(_grey(frame))
    except (VideoError, OSError) as exc:
        raise ReviewError(f"Cannot read the take {path.name} to score it: {exc}") from exc
    # A clip whose header promises more frames than decode is damaged; score only what is really there.
    kept = tuple(i for i in indices if i < len(greys))
    if not kept or len(picked) != len(kept):
        raise ReviewError(f"The take {path.name} has no readable frames to score.")
    return SampledClip(kept, np.stack(picked), np.stack(greys), len(greys))
