"""The frames a repaint or an extension gives the reference model, read from the take it starts from: one
way for planning the new take (take_direction) and for making it again from its sidecar (direction_record)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from engine.generation.request import ControlConditioning
from engine.generation.still_image import png_bytes
from engine.video.video_io import read_frames

MASK_FOLDER = "masks"  # repaint masks kept in FILM.media/masks/<sha256>.png, so the take can be made again


def frame_pngs(frames: Any) -> tuple[bytes, ...]:
    """Decoded RGB frames as PNG bytes, as a ControlConditioning carries them."""
    from PIL import Image

    return tuple(png_bytes(Image.fromarray(frame)) for frame in frames)


def repaint_control(clip: Path, count: int, masks: tuple[bytes, ...]) -> ControlConditioning:
    """The take's first `count` frames to repaint where the masks (one, or one per frame) are white."""
    return ControlConditioning("repaint", frame_pngs(read_frames(clip, 0, count)), 1.0, masks)


def extend_control(
    clip: Path, frame_count: int, context: int, frames: int, before: bool
) -> ControlConditioning:
    """The take's last (or first) `context` frames as known frames of a run `frames` longer, joined to it."""
    start = 0 if before else frame_count - context
    given = frame_pngs(read_frames(clip, start, start + context))
    return ControlConditioning("known", given, 1.0, (), frames if before else 0, clip, before)
