"""Wan's frame counts: the one rule for how many frames a requested length becomes."""

from __future__ import annotations

# Wan 2.2's VAEs (both the A14B's and the TI2V-5B's) compress time by 4: clips are 4k+1 frames.
TEMPORAL_FACTOR = 4


def snap_frames(requested: int, temporal: int = TEMPORAL_FACTOR) -> int:
    """The frame count a Wan pipeline generates when asked for `requested`: temporal*k + 1, at least 1.

    This is diffusers' own rule (pipeline_wan.py, check and round in __call__: n // 4 * 4 + 1 when
    n is not already 4k+1), so 11 becomes 9, 12 becomes 13, 13 stays 13. The inspector, the CLI and
    the engine all use it, so what a person sees is what the take will hold.
    """
    frames = int(requested)
    if frames % temporal != 1:
        frames = frames // temporal * temporal + 1
    return max(frames, 1)
