"""Keyframes as the reference (VACE) model takes them: a `video` with the pinned images and a `mask`.

Pure and Qt-free, so a test can build the same direct `WanVACEPipeline` call as the reference run.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from engine.errors import StoryreelError

if TYPE_CHECKING:
    from PIL import Image

# The frames the model makes are grey in `video`, as in diffusers' WanVACEPipeline example: VACE's
# unknown pixels are 0 after scaling to [-1, 1], and 8 bits come nearest with 128.
GREY = (128, 128, 128)
KNOWN, GENERATED = 0, 255  # the mask: black frames are kept as given, white ones made by the model


class KeyframeError(StoryreelError, ValueError):
    """Keyframes that cannot be placed in the shot; the message names the frame."""

    hint = "Move the keyframe inside the shot (0 is its first frame), or lengthen the shot."


def check_keyframe_frames(frames: Sequence[int], num_frames: int) -> None:
    """Raise KeyframeError unless every frame is within the shot and no frame is pinned twice."""
    seen: set[int] = set()
    for frame in frames:
        if not 0 <= frame < num_frames:
            raise KeyframeError(
                f"A keyframe at frame {frame} is outside the shot, whose frames are 0 to {num_frames - 1}."
            )
        if frame in seen:
            raise KeyframeError(f"Two keyframes are pinned at frame {frame}; keep one.")
        seen.add(frame)


def keyframe_video(
    pinned: Sequence[tuple[int, Image.Image]], num_frames: int, width: int, height: int
) -> tuple[list[Image.Image], list[Image.Image]]:
    """The `video` (each image at its frame, grey elsewhere) and `mask` (black there, white elsewhere).

    Each image must already be RGB at exactly width×height (fitted to the shot), so the pipeline's
    own resizing leaves it as it is.
    """
    from PIL import Image

    check_keyframe_frames([frame for frame, _ in pinned], num_frames)
    for frame, image in pinned:
        if image.size != (width, height) or image.mode != "RGB":
            raise ValueError(
                f"keyframe {frame}: fit it to {width}×{height} RGB first, not {image.size} {image.mode}"
            )
    grey = Image.new("RGB", (width, height), GREY)
    known = Image.new("L", (width, height), KNOWN)
    generated = Image.new("L", (width, height), GENERATED)
    video = [grey] * num_frames
    mask = [generated] * num_frames
    for frame, image in pinned:
        video[frame] = image
        mask[frame] = known
    return video, mask
