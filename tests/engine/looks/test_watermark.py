"""Logo watermarks: placement, opacity, transparency, and clear errors for bad files."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from engine.looks.watermark import Watermark, WatermarkError, load_watermark, read_logo


def write_logo(path: Path, size: tuple[int, int] = (40, 20)) -> Path:
    """An opaque white box with a transparent border."""
    rgba = np.zeros((size[1], size[0], 4), np.uint8)
    rgba[2:-2, 2:-2] = (255, 255, 255, 255)
    Image.fromarray(rgba, "RGBA").save(path)
    return path


def test_logo_lands_in_its_corner_at_its_scale(tmp_path: Path) -> None:
    logo = write_logo(tmp_path / "logo.png")
    frame = np.zeros((100, 200, 3), np.uint8)
    out = load_watermark(logo, "bottom-right", margin=0.1, scale=0.2, opacity=1.0)(frame)
    assert np.array_equal(frame, np.zeros_like(frame))  # the input is left alone
    ys, xs = np.nonzero(out[..., 0] > 128)
    # 40 px wide logo (20% of 200), 20 px tall, 10 px (10% of the height) from the corner's edges.
    assert (xs.min(), xs.max(), ys.min(), ys.max()) == (152, 187, 72, 87)
    assert out[80, 170].tolist() == [255, 255, 255]
    top_left = load_watermark(logo, "top-left", margin=0.1, scale=0.2, opacity=1.0)(frame)
    ys, xs = np.nonzero(top_left[..., 0] > 128)
    assert xs.min() < 20 and ys.min() < 20


def test_opacity_blends_and_transparent_pixels_leave_the_frame(tmp_path: Path) -> None:
    logo = read_logo(write_logo(tmp_path / "logo.png"))
    frame = np.full((100, 200, 3), 100, np.uint8)
    out = Watermark(logo, "top-left", margin=0.0, scale=0.2, opacity=0.5)(frame)
    assert out[10, 20].tolist() == [178, 178, 178]  # 100 + 0.5 * (255 - 100), rounded
    assert out[60, 100].tolist() == [100, 100, 100]
    assert np.array_equal(Watermark(logo, opacity=0.0)(frame), frame)


def test_rgb_png_is_opaque_and_bad_files_name_the_file(tmp_path: Path) -> None:
    rgb = tmp_path / "opaque.png"
    Image.new("RGB", (8, 8), (255, 0, 0)).save(rgb)
    assert read_logo(rgb)[..., 3].min() == 255
    jpeg = tmp_path / "logo.jpg"
    Image.new("RGB", (8, 8)).save(jpeg)
    junk = tmp_path / "junk.png"
    junk.write_bytes(b"\x89PNG\r\n\x1a\nthis is not really a png")
    truncated = tmp_path / "cut.png"
    truncated.write_bytes(write_logo(tmp_path / "whole.png").read_bytes()[:60])
    for path, problem in (
        (jpeg, "must be a PNG"),
        (junk, "not a readable PNG"),
        (truncated, "not a readable PNG"),
        (tmp_path / "none.png", "not found"),
    ):
        with pytest.raises(WatermarkError, match=problem) as caught:
            load_watermark(path)
        assert str(path) in str(caught.value)


def test_bad_settings_are_refused(tmp_path: Path) -> None:
    logo = read_logo(write_logo(tmp_path / "logo.png"))
    with pytest.raises(ValueError, match="corner"):
        Watermark(logo, corner="middle")
    with pytest.raises(ValueError, match="scale"):
        Watermark(logo, scale=0)
