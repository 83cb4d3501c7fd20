"""Pose control frames drawn from keypoints: a coloured COCO skeleton on dark grey, as VACE's pose inputs are."""

from __future__ import annotations

import colorsys
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

# #202020, not black: the background ComfyUI's Wan workflows give VACE for pose control.
BACKGROUND = (0x20, 0x20, 0x20)
# COCO's 17 keypoints (nose, eyes, ears, shoulders, elbows, wrists, hips, knees, ankles), joined as
# the COCO skeleton joins them; each limb has its own colour so left and right stay apart.
COCO_LIMBS = (
    (15, 13), (13, 11), (16, 14), (14, 12), (11, 12), (5, 11), (6, 12), (5, 6), (5, 7), (6, 8),
    (7, 9), (8, 10), (1, 2), (0, 1), (0, 2), (1, 3), (2, 4), (3, 5), (4, 6),
)  # fmt: skip


def limb_colour(index: int) -> tuple[int, int, int]:
    """An RGB colour for limb `index`, spread round the hue circle."""
    r, g, b = colorsys.hsv_to_rgb(index / len(COCO_LIMBS), 0.9, 1.0)
    return round(r * 255), round(g * 255), round(b * 255)


def draw_pose(
    height: int, width: int, people: Sequence[tuple[np.ndarray, np.ndarray]], threshold: float
) -> np.ndarray:
    """An RGB frame with each person's skeleton: keypoints (K, 2) as x, y in pixels, with scores (K,)."""
    import cv2
    import numpy as np

    canvas = np.empty((height, width, 3), dtype=np.uint8)
    canvas[:] = BACKGROUND
    thickness = max(1, round(min(height, width) / 128))
    for keypoints, scores in people:
        shown = [
            bool(s >= threshold) and bool(np.isfinite(p).all())
            for p, s in zip(keypoints, scores, strict=True)
        ]
        for index, (a, b) in enumerate(COCO_LIMBS):
            if max(a, b) < len(keypoints) and shown[a] and shown[b]:
                start = tuple(int(round(v)) for v in keypoints[a])
                end = tuple(int(round(v)) for v in keypoints[b])
                cv2.line(canvas, start, end, limb_colour(index), thickness, cv2.LINE_AA)
        for point, visible in zip(keypoints, shown, strict=True):
            if visible:
                cv2.circle(
                    canvas,
                    tuple(int(round(v)) for v in point),
                    thickness + 1,
                    (255, 255, 255),
                    -1,
                    cv2.LINE_AA,
                )
    return canvas
