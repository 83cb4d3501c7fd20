"""A control clip conformed to its shot: by time (fps), length (trim and hold, or loop) and size (fit or fill)."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import numpy as np
from control_support import make_clip, moving_frames

from engine.conditioning.clip_conform import shot_sources
from engine.conditioning.control_extraction import extract_control
from engine.conditioning.control_settings import ControlSettings


def video(frames: int, fps: int = 16, width: int = 32, height: int = 32, **fields: object) -> ControlSettings:
    """The clip's own frames as control of a shot of that size, rate and length."""
    return ControlSettings("video", width=width, height=height, fps=fps, frames=frames, **fields)  # type: ignore[arg-type]


def test_the_rate_is_resampled_by_time() -> None:
    assert shot_sources(video(8, fps=16), 4, Fraction(8)) == [0, 1, 1, 2, 2, 3, 3, 3]
    assert shot_sources(video(4, fps=8), 8, Fraction(16)) == [0, 2, 4, 6]


def test_a_short_clip_holds_its_last_frame_or_loops() -> None:
    assert shot_sources(video(6), 4, Fraction(16)) == [0, 1, 2, 3, 3, 3]
    assert shot_sources(video(6, length="loop"), 4, Fraction(16)) == [0, 1, 2, 3, 0, 1]
    assert shot_sources(video(3, length="loop"), 9, Fraction(16)) == [0, 1, 2]


def test_a_slower_clip_becomes_the_shots_frames(tmp_path: Path) -> None:
    frames = moving_frames(4)
    clip = make_clip(tmp_path / "slow.mp4", frames, fps=8)
    control = extract_control(clip, video(7, length="loop"), tmp_path / "c")
    assert np.array_equal(control.load(), frames[[0, 1, 1, 2, 2, 3, 3]])
    looped = extract_control(clip, video(12, fps=8, length="loop"), tmp_path / "c")
    assert np.array_equal(looped.load(), frames[[0, 1, 2, 3] * 3])


def test_fill_crops_and_fit_pads_a_wide_clip(tmp_path: Path) -> None:
    frames = np.zeros((5, 32, 64, 3), np.uint8)
    frames[:, :, :16] = (255, 0, 0)  # a red left quarter, outside a centred square crop
    frames[:, :, 16:48] = (0, 200, 0)
    clip = make_clip(tmp_path / "wide.mp4", frames)
    filled = extract_control(clip, video(5, size="fill"), tmp_path / "c").load()
    assert filled.shape == (5, 32, 32, 3)
    assert np.abs(filled[:, :, 4:28].astype(int) - (0, 200, 0)).max() < 8  # the centre, no red
    fitted = extract_control(clip, video(5, size="fit"), tmp_path / "c").load()
    assert (fitted[:, :6] == 0).all() and (fitted[:, -6:] == 0).all()  # black bars above and below
    assert fitted[0, 16, 2, 0] > 200  # the red quarter is kept, scaled
