"""Colour matching at a join: a new segment's colours moved onto the frames it continues.

The transfer is the linear mean–covariance (Monge–Kantorovich) map between the two overlaps' RGB
colour distributions: it moves the mean and reshapes the spread, so the drift a VAE round trip
leaves (a gain and a lift per channel, a change of saturation) is undone exactly, which the same
map in Lab cannot do (Lab is not linear in RGB: an 8 % tint left 1.2 ΔE there, 0.002 in RGB). The
join is measured in Lab (CIE76 ΔE), where distances are perceptual. Written here on numpy and
OpenCV's Lab conversion rather than taken from color-matcher, whose GPL-3.0 licence does not fit
this Apache-2.0 project.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np

METHOD = "rgb-mean-covariance"
_EPS = 1e-6  # keeps a flat overlap (one colour) invertible


@dataclass(frozen=True)
class ColourMatch:
    """What a match did, for the take's sidecar: the overlap used and its mean Lab difference before and after."""

    overlap_frames: int
    mean_shift: tuple[float, float, float]  # Lab: the continued overlap's mean minus the new overlap's
    join_difference_before: float
    join_difference_after: float

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready form."""
        return {
            "method": METHOD,
            "overlap_frames": self.overlap_frames,
            "mean_shift": [round(v, 3) for v in self.mean_shift],
            "join_difference_before": round(self.join_difference_before, 3),
            "join_difference_after": round(self.join_difference_after, 3),
        }


def to_lab(frames: np.ndarray) -> np.ndarray:
    """uint8 RGB frames (..., 3) as float32 CIE Lab (L in 0..100)."""
    import cv2
    import numpy as np

    rgb = frames.reshape(-1, 1, 3).astype(np.float32) / 255.0
    return cv2.cvtColor(rgb, cv2.COLOR_RGB2Lab).reshape(frames.shape)


def join_difference(before: np.ndarray, after: np.ndarray) -> float:
    """The mean Lab distance (CIE76 ΔE) between two uint8 RGB frames of one size, pixel by pixel."""
    import numpy as np

    return float(np.linalg.norm(to_lab(before) - to_lab(after), axis=-1).mean())


def _sqrtm(matrix: np.ndarray) -> np.ndarray:
    """The square root of a symmetric positive semi-definite 3×3 matrix."""
    import numpy as np

    values, vectors = np.linalg.eigh(matrix)
    root: np.ndarray = (vectors * np.sqrt(np.clip(values, 0.0, None))) @ vectors.T
    return root


def transfer_map(source: np.ndarray, target: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(matrix, source mean, target mean) moving source's pixels (N, 3) onto target's mean and covariance."""
    import numpy as np

    mu_s, mu_t = source.mean(axis=0), target.mean(axis=0)
    cov_s = np.cov(source, rowvar=False) + _EPS * np.eye(3)
    cov_t = np.cov(target, rowvar=False) + _EPS * np.eye(3)
    root_s = _sqrtm(cov_s)
    inv_root_s = np.linalg.inv(root_s)
    matrix = inv_root_s @ _sqrtm(root_s @ cov_t @ root_s) @ inv_root_s
    return matrix, mu_s, mu_t


def match_colour(
    frames: np.ndarray, new_overlap: np.ndarray, old_overlap: np.ndarray
) -> tuple[np.ndarray, ColourMatch]:
    """frames (F, H, W, 3) uint8, recoloured so new_overlap's colours match old_overlap's (the same moments).

    new_overlap is the new segment's take on the frames it shares with the old segment's old_overlap;
    both (K, H, W, 3) uint8. Returns the matched frames and the record of the match.
    """
    import numpy as np

    if new_overlap.shape != old_overlap.shape or len(new_overlap) == 0:
        raise ValueError(f"the overlaps differ in shape: {new_overlap.shape} and {old_overlap.shape}")
    matrix, mu_s, mu_t = transfer_map(
        new_overlap.reshape(-1, 3).astype(np.float64), old_overlap.reshape(-1, 3).astype(np.float64)
    )
    matched = np.empty_like(frames)
    for index, frame in enumerate(frames):  # one frame at a time: float copies of a whole shot are large
        matched[index] = _mapped(frame, matrix, mu_s, mu_t)
    shift = to_lab(old_overlap).reshape(-1, 3).mean(axis=0) - to_lab(new_overlap).reshape(-1, 3).mean(axis=0)
    record = ColourMatch(
        overlap_frames=len(new_overlap),
        mean_shift=(float(shift[0]), float(shift[1]), float(shift[2])),
        join_difference_before=overlap_difference(old_overlap, new_overlap),
        join_difference_after=overlap_difference(
            old_overlap, np.stack([_mapped(frame, matrix, mu_s, mu_t) for frame in new_overlap])
        ),
    )
    return matched, record


def overlap_difference(old_overlap: np.ndarray, new_overlap: np.ndarray) -> float:
    """The mean Lab distance between two takes on the same frames, averaged over the frames."""
    return sum(join_difference(a, b) for a, b in zip(old_overlap, new_overlap, strict=True)) / len(
        old_overlap
    )


def _mapped(frame: np.ndarray, matrix: np.ndarray, mu_s: np.ndarray, mu_t: np.ndarray) -> np.ndarray:
    """One uint8 RGB frame through the map, rounded and clipped."""
    import numpy as np

    moved = (frame.reshape(-1, 3).astype(np.float64) - mu_s) @ matrix.T + mu_t
    out: np.ndarray = np.clip(np.rint(moved), 0, 255).astype(np.uint8).reshape(frame.shape)
    return out
