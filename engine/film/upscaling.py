"""Frames made larger (×2, ×4) by a super-resolution model that spandrel loads, tile by tile."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from engine.errors import StoryreelError

if TYPE_CHECKING:
    import numpy as np

SCALES = (2, 4)
MAX_SIDE = 8192  # the largest frame an export writes (export_settings' size bound)
TILE = 512  # input pixels a side per pass: an RRDBNet ×4 tile then holds about 1.5 GB of activations
OVERLAP = 16  # input pixels each tile reads past its edges, so its seams see the same neighbours


class UpscaleError(StoryreelError):
    """An upscale that cannot be made; the message says why and what to choose instead."""

    hint = "Choose ×2, a smaller take, or an upscaling model in safetensors that spandrel reads."


def upscaled_size(width: int, height: int, scale: int) -> tuple[int, int]:
    """The size after the upscale; UpscaleError if the scale is not offered or a side passes MAX_SIDE."""
    if scale not in SCALES:
        raise UpscaleError(f"Upscaling ×{scale} is not offered; choose ×{' or ×'.join(map(str, SCALES))}")
    out = (width * scale, height * scale)
    if max(out) > MAX_SIDE:
        raise UpscaleError(
            f"A ×{scale} upscale of {width}x{height} would be {out[0]}x{out[1]}, past the largest frame "
            f"Storyreel writes ({MAX_SIDE} a side); choose ×2 or a smaller size first"
        )
    return out


def tiled(model: Any, scale: int, image: np.ndarray, tile: int = TILE, overlap: int = OVERLAP) -> np.ndarray:
    """image (H, W, 3 uint8) through model tile by tile: memory bounded by the tile, not the frame."""
    import numpy as np
    import torch

    height, width = image.shape[:2]
    upscaled_size(width, height, scale)
    parameter = next(model.parameters(), None)
    device = parameter.device if parameter is not None else torch.device("cpu")
    dtype = parameter.dtype if parameter is not None else torch.float32
    out = np.empty((height * scale, width * scale, 3), np.uint8)
    with torch.inference_mode():
        for top in range(0, height, tile):
            for left in range(0, width, tile):
                bottom, right = min(top + tile, height), min(left + tile, width)
                y0, x0 = max(0, top - overlap), max(0, left - overlap)
                y1, x1 = min(height, bottom + overlap), min(width, right + overlap)
                patch = torch.from_numpy(np.ascontiguousarray(image[y0:y1, x0:x1]))
                batch = patch.to(device=device, dtype=dtype).permute(2, 0, 1).unsqueeze(0) / 255.0
                result = model(batch)[0].clamp(0, 1).mul(255).round().byte().permute(1, 2, 0).cpu().numpy()
                inner = result[
                    (top - y0) * scale : (bottom - y0) * scale, (left - x0) * scale : (right - x0) * scale
                ]
                out[top * scale : bottom * scale, left * scale : right * scale] = inner
    return out


@dataclass
class Upscaler:
    """A loaded super-resolution model and its scale; call it on an RGB frame."""

    model: Any  # a torch.nn.Module taking (1, 3, H, W) in 0..1 and giving (1, 3, H*scale, W*scale)
    scale: int
    tile: int = TILE

    def __call__(self, image: np.ndarray) -> np.ndarray:
        """The frame upscaled, tile by tile."""
        return tiled(self.model, self.scale, image, self.tile)


def weights_file(source: str, revision: str | None = None) -> Path:
    """The .safetensors file of an upscaling model: a file, a folder holding one, or a Hub repo's."""
    from engine.model_hub import safetensors_file

    found = safetensors_file(source, revision, "The upscaling model")
    if found is None:
        raise UpscaleError(f"{source}: no upscaling weights in safetensors (.pth pickles are not loaded)")
    return found


def load_upscaler(
    source: str, scale: int, revision: str | None = None, device: str | None = None
) -> Upscaler:
    """A Real-ESRGAN-class model (any architecture spandrel knows) from a file, folder or Hub repo,
    on the GPU when there is one; UpscaleError if its scale is not the one asked for."""
    import torch
    from safetensors import SafetensorError

    path = weights_file(source, revision)
    try:
        import spandrel
    except ImportError as exc:
        raise UpscaleError(f"Upscaling needs spandrel: pip install 'storyreel[upscale]' ({exc})") from None
    device = device or ("cuda" if torch.cuda.is_available() else "cpu")
    try:
        descriptor = spandrel.ModelLoader(device=device).load_from_file(str(path))
    except (OSError, ValueError, RuntimeError, SafetensorError, spandrel.UnsupportedModelError) as exc:
        raise UpscaleError(f"{path}: not an upscaling model spandrel can load ({exc})") from None
    if not isinstance(descriptor, spandrel.ImageModelDescriptor) or descriptor.scale != scale:
        got = getattr(descriptor, "scale", "?")
        raise UpscaleError(f"{path}: a ×{got} model, not ×{scale}; give a ×{scale} model")
    descriptor.eval()
    return Upscaler(descriptor.model, scale)
