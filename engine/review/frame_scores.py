"""Scores measured on the frames alone: motion (optical flow), flicker, and the look against a grade."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from engine.review.review_config import STILL_MOTION
from engine.review.scores import Score

if TYPE_CHECKING:
    import numpy as np

OPENCV = "opencv-farneback"


def motion_score(grey: np.ndarray) -> Score:
    """Mean Farneback optical-flow magnitude between consecutive small grey frames; still below STILL_MOTION."""
    import cv2
    import numpy as np

    frames = tuple(range(len(grey)))
    if len(grey) < 2:
        return Score("motion", 0.0, OPENCV, cv2.__version__, frames, details={"still": True})
    magnitudes = []
    for a, b in zip(grey[:-1], grey[1:], strict=True):
        flow = cv2.calcOpticalFlowFarneback(a, b, None, 0.5, 3, 15, 3, 5, 1.2, 0)
        magnitudes.append(float(np.linalg.norm(flow, axis=2).mean()))
    value = float(np.mean(magnitudes))
    return Score("motion", value, OPENCV, cv2.__version__, frames, details={"still": value < STILL_MOTION})


def flicker_score(grey: np.ndarray) -> Score:
    """Mean |L[t] - (L[t-1] + L[t+1]) / 2| of the frames' mean luma (0-255): jumps count, smooth fades do not."""
    import numpy as np

    luma = grey.reshape(len(grey), -1).mean(axis=1)
    frames = tuple(range(len(grey)))
    if len(luma) < 3:
        return Score("flicker", 0.0, "luma", None, frames)
    value = float(np.abs(luma[1:-1] - (luma[:-2] + luma[2:]) / 2).mean())
    return Score("flicker", value, "luma", None, frames)


def lab_stats(frames: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Mean and standard deviation of CIELAB (L* 0-100, a*, b*) over RGB uint8 frames."""
    import cv2
    import numpy as np

    lab = np.concatenate([cv2.cvtColor(f, cv2.COLOR_RGB2LAB).reshape(-1, 3) for f in frames]).astype(
        np.float64
    )
    lab[:, 0] *= 100 / 255  # OpenCV's 8-bit Lab: L* scaled to 0-255, a* and b* offset by 128
    lab[:, 1:] -= 128
    return lab.mean(axis=0), lab.std(axis=0)


def look_score(
    frames: np.ndarray, indices: tuple[int, ...], grade: Callable[[np.ndarray], np.ndarray]
) -> Score:
    """CIE76 distance between the take's mean Lab colour and that of the take through its preset's grade."""
    import numpy as np

    mean, std = lab_stats(frames)
    target_mean, target_std = lab_stats(np.stack([grade(f) for f in frames]))
    value = float(np.linalg.norm(mean - target_mean))
    details = {
        "mean": mean.tolist(),
        "target_mean": target_mean.tolist(),
        "std_distance": float(np.abs(std - target_std).mean()),
    }
    return Score("look", value, "grade", None, indices, details=details)
