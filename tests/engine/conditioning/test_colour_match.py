"""Colour matching at a join: a known colour shift is undone (mean Lab difference under 1.0, above 5 without)."""

from __future__ import annotations

import numpy as np
import pytest
from control_support import moving_frames

from engine.conditioning.colour_match import join_difference, match_colour


def shifted(frames: np.ndarray, gain: tuple[float, float, float], offset: tuple[int, int, int]) -> np.ndarray:
    """frames with a per-channel gain and offset, as a VAE round trip tints and lifts a segment."""
    return np.clip(frames.astype(np.float32) * gain + offset, 0, 255).round().astype(np.uint8)


def scene(count: int) -> np.ndarray:
    """A textured moving scene without clipped colours, so a shift can be undone exactly."""
    return (moving_frames(count, 48, 64).astype(np.float32) * 0.6 + 40).astype(np.uint8)


def test_a_known_shift_across_the_join_is_matched_away() -> None:
    # The old segment ends with frames 8..15 of the scene; the new one regenerates them (its first 8
    # frames, the overlap) and goes on, all with a warm tint and a lift.
    old = scene(16)
    new = shifted(scene(24)[8:], (1.08, 1.0, 0.9), (12, 4, -6))
    overlap = 8
    before = join_difference(old[-1], new[overlap - 1])
    matched, record = match_colour(new, new[:overlap], old[-overlap:])
    after = join_difference(old[-1], matched[overlap - 1])
    print(f"mean Lab difference across the join: {before:.2f} without matching, {after:.2f} with")
    assert before > 5.0
    assert after < 1.0
    assert record.join_difference_before > 5.0 and record.join_difference_after < 1.0
    # The frames past the overlap are recoloured the same way: the scene's own frames come back.
    assert np.abs(matched[overlap:].astype(int) - scene(24)[16:].astype(int)).mean() < 2.0
    assert record.to_dict()["method"] == "rgb-mean-covariance" and record.to_dict()["overlap_frames"] == 8


def test_matching_what_already_matches_changes_nothing_visible() -> None:
    frames = scene(12)
    matched, record = match_colour(frames, frames[:4], frames[:4])
    assert np.abs(matched.astype(int) - frames.astype(int)).max() <= 1
    assert record.join_difference_after < 0.5 and max(map(abs, record.mean_shift)) < 1e-3


def test_a_flat_overlap_shifts_the_mean_without_failing() -> None:
    grey = np.full((2, 8, 8, 3), 100, np.uint8)
    warmer = np.full((2, 8, 8, 3), (130, 100, 80), np.uint8)
    matched, record = match_colour(warmer, warmer, grey)
    assert np.abs(matched.astype(int) - 100).max() <= 2
    assert record.join_difference_after < 1.0


def test_overlaps_of_other_shapes_are_refused() -> None:
    with pytest.raises(ValueError, match="differ in shape"):
        match_colour(scene(4), scene(4)[:2], scene(4)[:3])
