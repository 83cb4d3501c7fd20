"""A logo watermark: a PNG with alpha, scaled to the frame and composited into one corner."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import TYPE_CHECKING

from engine.errors import StoryreelError

if TYPE_CHECKING:
    import numpy as np

CORNERS = ("top-left", "top-right", "bottom-left", "bottom-right")
MAX_LOGO_PIXELS = 4096 * 4096  # a logo is small; Pillow itself only stops at 178 megapixels


class WatermarkError(StoryreelError, ValueError):
    """A logo file could not be read or used; the message names the file."""

    hint = "Choose a PNG logo (a transparent background works best)."


def read_logo(path: Path | str) -> np.ndarray:
    """A PNG as RGBA uint8 (H, W, 4); an image without alpha is taken as opaque. Raises WatermarkError."""
    import numpy as np
    from PIL import Image, UnidentifiedImageError

    path = Path(path)
    try:
        with Image.open(path) as image:
            if image.format != "PNG":
                raise WatermarkError(
                    f"{path}: the logo must be a PNG image, this is {image.format or 'unknown'}"
                )
            # Sized from the header, before a pixel is decoded: a logo this big is a bomb, not a logo.
            if image.width * image.height > MAX_LOGO_PIXELS:
                raise WatermarkError(
                    f"{path}: the logo is {image.width}×{image.height} pixels; at most "
                    f"{MAX_LOGO_PIXELS // 1_000_000} megapixels are taken"
                )
            image.load()
            rgba = image.convert("RGBA")
    except FileNotFoundError:
        raise WatermarkError(f"{path}: logo file not found") from None
    except Image.DecompressionBombError as exc:  # Pillow's own limit, hit while opening
        raise WatermarkError(f"{path}: the logo is too large to be read ({exc})") from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        if isinstance(exc, WatermarkError):
            raise
        raise WatermarkError(f"{path}: not a readable PNG image ({type(exc).__name__}: {exc})") from None
    return np.asarray(rgba, dtype=np.uint8).copy()


class Watermark:
    """Composites a logo over RGB uint8 frames; the scaled logo is prepared once per frame size."""

    def __init__(
        self,
        logo: np.ndarray,
        corner: str = "bottom-right",
        margin: float = 0.04,
        scale: float = 0.15,
        opacity: float = 0.8,
    ) -> None:
        if corner not in CORNERS:
            raise ValueError(f"unknown corner {corner!r}; use one of {', '.join(CORNERS)}")
        if not (0 < scale <= 1 and 0 <= margin <= 0.5 and 0 <= opacity <= 1):
            raise ValueError("watermark scale must be in (0, 1], margin in [0, 0.5], opacity in [0, 1]")
        self.logo, self.corner, self.margin, self.scale, self.opacity = logo, corner, margin, scale, opacity
        self._placed: dict[tuple[int, int], tuple[int, int, np.ndarray, np.ndarray]] = {}

    def _place(self, width: int, height: int) -> tuple[int, int, np.ndarray, np.ndarray]:
        """(top, left, premultiplied RGB * opacity, 1 - alpha * opacity) for a frame size."""
        import numpy as np
        from PIL import Image

        placed = self._placed.get((width, height))
        if placed is not None:
            return placed
        logo_h, logo_w = self.logo.shape[:2]
        margin = round(self.margin * height)
        w = max(1, min(width - 2 * margin, round(self.scale * width)))
        h = max(1, min(height - 2 * margin, round(w * logo_h / logo_w)))
        # Resample premultiplied ("RGBa") so transparent pixels do not darken the logo's edges.
        image = Image.fromarray(self.logo, "RGBA").convert("RGBa").resize((w, h), Image.Resampling.LANCZOS)
        premult = np.asarray(image, dtype=np.float32)
        alpha = premult[..., 3:4] / 255.0 * self.opacity
        color = premult[..., :3] * self.opacity
        top = margin if self.corner.startswith("top") else height - margin - h
        left = margin if self.corner.endswith("left") else width - margin - w
        placed = (max(0, top), max(0, left), color, 1.0 - alpha)
        self._placed[(width, height)] = placed
        return placed

    def __call__(self, frame: np.ndarray) -> np.ndarray:
        """A copy of an RGB uint8 (H, W, 3) frame with the logo composited in."""
        import numpy as np

        out = frame.copy()
        if self.opacity == 0:
            return out
        top, left, color, keep = self._place(frame.shape[1], frame.shape[0])
        h, w = color.shape[:2]
        region = out[top : top + h, left : left + w]
        blended = region.astype(np.float32) * keep[: region.shape[0], : region.shape[1]]
        blended += color[: region.shape[0], : region.shape[1]]
        np.rint(blended, out=blended)
        np.clip(blended, 0, 255, out=blended)
        region[...] = blended.astype(np.uint8)
        return out


@functools.lru_cache(maxsize=8)
def _cached_logo(path: str, mtime_ns: int, size: int) -> np.ndarray:
    return read_logo(path)


def load_watermark(
    path: Path | str,
    corner: str = "bottom-right",
    margin: float = 0.04,
    scale: float = 0.15,
    opacity: float = 0.8,
) -> Watermark:
    """A watermark from a PNG file (read once while the file is unchanged); raises WatermarkError."""
    path = Path(path)
    try:
        stat = path.stat()
    except OSError:
        raise WatermarkError(f"{path}: logo file not found") from None
    logo = _cached_logo(str(path.resolve()), stat.st_mtime_ns, stat.st_size)
    return Watermark(logo, corner, margin, scale, opacity)
