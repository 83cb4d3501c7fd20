"""Depth control frames: a Depth Anything / DPT model through transformers' depth-estimation pipeline."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np


class DepthFrames:
    """Turns RGB frames into depth frames (near is bright), one model loaded once."""

    def __init__(self, folder: Path, device: str = "cpu") -> None:
        from transformers import pipeline

        self.pipe: Any = pipeline(
            "depth-estimation", model=str(folder), device=device, model_kwargs={"use_safetensors": True}
        )

    def __call__(self, frame: np.ndarray) -> np.ndarray:
        """The frame's depth as an RGB (grey) frame of the same size, as the pipeline normalises it."""
        import numpy as np
        import torch
        from PIL import Image

        with torch.inference_mode():
            depth = self.pipe(Image.fromarray(frame))["depth"]
        grey = np.asarray(depth.convert("L"), dtype=np.uint8)
        return np.repeat(grey[..., None], 3, axis=2)
