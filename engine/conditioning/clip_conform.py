"""A control clip conformed to its shot: resampled by time, trimmed, held or looped, and fitted or filled."""

from __future__ import annotations

from collections.abc import Iterator
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING

from engine.conditioning.control_settings import ControlError, ControlSettings
from engine.progress import CancelToken
from engine.video.conform import Conformer, source_index
from engine.video.video_io import ClipInfo, iter_av_frames

if TYPE_CHECKING:
    import numpy as np


def shot_sources(settings: ControlSettings, clip_frames: int, clip_fps: Fraction) -> list[int]:
    """For each of the shot's frames, the clip frame nearest in time (trimmed and held, or looped)."""
    sources = []
    for index in range(settings.frames):
        source = source_index(index, clip_fps, settings.fps)
        sources.append(source % clip_frames if settings.length == "loop" else min(source, clip_frames - 1))
    return sources


def conformed_frames(
    path: Path,
    info: ClipInfo,
    settings: ControlSettings,
    needed: list[int],
    cancel: CancelToken | None = None,
) -> Iterator[tuple[int, np.ndarray]]:
    """Yield (clip frame index, RGB frame at the shot's size) for each needed clip frame, in clip order.

    Decoding stops after the last needed frame; cancel is checked before each frame is decoded further.
    """
    wanted = sorted(set(needed))
    if not wanted:
        return
    conform = Conformer(
        info.width,
        info.height,
        settings.width,
        settings.height,
        pix_fmt="rgb24",
        fill=settings.size == "fill",
    )
    position, found = 0, False
    for index, frame in enumerate(iter_av_frames(path, 0, wanted[-1] + 1)):
        if cancel is not None:
            cancel.check()
        if index == wanted[position]:
            found = True
            yield index, conform(frame).to_ndarray()
            position += 1
            if position == len(wanted):
                return
    if not found:
        raise ControlError(f"No frames could be decoded from the control clip {path}.")
