"""What the remote and provider backend tests share: one small request and one lossless clip."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from engine.generation.request import GenerationRequest, ModelSpec
from engine.video.video_io import write_clip

REQUEST = GenerationRequest(
    prompt="a lighthouse",
    negative_prompt="blur",
    seed=7,
    num_frames=5,
    width=32,
    height=32,
    fps=16,
    num_inference_steps=2,
    guidance_scale=4.0,
    guidance_scale_2=3.0,
    model=ModelSpec("tiny"),
)


def make_clip(folder: Path) -> tuple[bytes, np.ndarray]:
    """A small lossless MP4 (as bytes) and the frames it holds."""
    frames = np.random.default_rng(0).integers(0, 255, (5, 32, 32, 3), dtype=np.uint8)
    path = folder / "c.mp4"
    write_clip(frames, 16, path)
    return path.read_bytes(), frames
