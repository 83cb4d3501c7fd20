"""The keyframe builder: each image at its frame, grey elsewhere; the mask black where kept."""

from __future__ import annotations

import pytest
from PIL import Image

from engine.conditioning.keyframes import GREY, KeyframeError, keyframe_video


def test_pinned_frames_are_given_and_kept_the_rest_grey_and_generated() -> None:
    red, blue = Image.new("RGB", (16, 8), "red"), Image.new("RGB", (16, 8), "blue")
    video, mask = keyframe_video([(0, red), (4, blue)], 5, 16, 8)
    assert len(video) == len(mask) == 5
    assert video[0] is red and video[4] is blue
    assert all(frame.getpixel((3, 3)) == GREY and frame.size == (16, 8) for frame in video[1:4])
    assert [m.mode for m in mask] == ["L"] * 5
    assert [m.getextrema() for m in mask] == [(0, 0), (255, 255), (255, 255), (255, 255), (0, 0)]


@pytest.mark.parametrize(
    ("frames", "message"),
    [
        ([5], "frame 5 is outside the shot, whose frames are 0 to 4"),
        ([-1], "outside"),
        ([2, 2], "Two keyframes"),
    ],
)
def test_frames_outside_the_shot_or_pinned_twice_are_refused(frames: list[int], message: str) -> None:
    image = Image.new("RGB", (16, 8))
    with pytest.raises(KeyframeError, match=message):
        keyframe_video([(f, image) for f in frames], 5, 16, 8)


def test_an_image_not_fitted_to_the_shot_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="fit it to 16×8 RGB first"):
        keyframe_video([(0, Image.new("RGB", (8, 8)))], 5, 16, 8)
