"""In-between frames: repeat, blend and the optical-flow interpolator against a known motion."""

from __future__ import annotations

import numpy as np
import pytest

from engine.video.motion import FlowInterpolator, blend, in_between, retimed


def sliding(shift: float, size: int = 64) -> np.ndarray:
    """A smooth texture moved right by shift pixels (sub-pixel exact: built from its formula)."""
    y, x = np.mgrid[0:size, 0:size].astype(np.float64)
    x = x - shift
    value = 128 + 60 * np.sin(x / 3.1) * np.cos(y / 4.3) + 50 * np.sin((x + 2 * y) / 5.7)
    return np.repeat(np.clip(value, 0, 255).astype(np.uint8)[..., None], 3, axis=2)


def psnr(a: np.ndarray, b: np.ndarray) -> float:
    error = np.mean((a.astype(np.float64) - b.astype(np.float64))[8:-8, 8:-8] ** 2)
    return float(10 * np.log10(255**2 / max(error, 1e-9)))


def test_the_flow_in_between_follows_the_motion_better_than_blending():
    a, b, truth = sliding(0), sliding(3), sliding(1.5)
    flow = psnr(FlowInterpolator()(a, b, 0.5), truth)
    assert flow > psnr(blend(a, b, 0.5), truth) + 6
    assert flow > 30


def test_each_slot_gets_its_own_time():
    frames = [np.full((2, 2, 3), 10 * i, np.uint8) for i in range(3)]
    assert [int(f[0, 0, 0]) for f in retimed(iter(frames), 16, 32, 6, blend)] == [0, 5, 10, 15, 20, 20]
    assert [int(f[0, 0, 0]) for f in retimed(iter(frames), 16, 24, 5, blend)] == [0, 7, 13, 20, 20]


def test_choices():
    assert in_between("repeat") is None and in_between("blend") is blend
    with pytest.raises(ValueError, match="Unknown motion"):
        in_between("smooth")


def test_flows_found_on_smaller_frames_are_scaled_to_the_frame(monkeypatch):
    from engine.video import motion

    monkeypatch.setattr(motion, "FLOW_SIDE", 48)  # the 96-pixel frames' flows are found at half size
    a, b, truth = sliding(0, 96), sliding(4, 96), sliding(2, 96)
    # About 70 dB, as at full size; a flow left in the small frame's pixels moves half as far (~40).
    assert psnr(FlowInterpolator()(a, b, 0.5), truth) > 55
