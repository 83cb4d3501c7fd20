"""Edge control frames: OpenCV's Canny, white edges on black."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np


def edge_frame(frame: np.ndarray, low_threshold: int, high_threshold: int) -> np.ndarray:
    """The Canny edges of an RGB frame, as an RGB frame of the same size."""
    import cv2

    edges = cv2.Canny(cv2.cvtColor(frame, cv2.COLOR_RGB2GRAY), low_threshold, high_threshold)
    return cv2.cvtColor(edges, cv2.COLOR_GRAY2RGB)
