"""Still images that condition a shot: checked before decoding, decoded to RGB, fitted to the shot."""

from __future__ import annotations

import io
import struct
from typing import TYPE_CHECKING

from engine.errors import StoryreelError

if TYPE_CHECKING:
    import numpy as np
    from PIL import Image

IMAGE_FORMATS = {"PNG": "png", "JPEG": "jpg", "WEBP": "webp"}  # Pillow's name → our file suffix
MAX_IMAGE_BYTES = 256 << 20  # a 16k×16k PNG of photo content is well under this
MAX_IMAGE_SIDE = 16384
MAX_IMAGE_PIXELS = 64_000_000  # checked from the header, before any pixel is decoded
FITS = ("fill", "fit")
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_PLAIN_MODES = {"RGB", "RGBA", "L", "LA", "P", "PA", "1", "La", "RGBa"}


class ImageError(StoryreelError, ValueError):
    """An image cannot condition a shot; the message names it and the problem."""

    hint = "Use an 8-bit RGB PNG, JPEG or WebP still of at most 16384 pixels a side."


def _png_header(data: bytes) -> tuple[int, int, int] | None:
    """(width, height, bit depth) from a PNG's IHDR, which Pillow hides for 16-bit colour."""
    if not data.startswith(_PNG_SIGNATURE) or len(data) < 29 or data[12:16] != b"IHDR":
        return None
    width, height, depth = struct.unpack(">IIB", data[16:25])
    return width, height, depth


def _check_size(width: int, height: int, what: str) -> None:
    if width < 1 or height < 1:
        raise ImageError(f"{what}: the image has no pixels ({width}×{height})")
    if width > MAX_IMAGE_SIDE or height > MAX_IMAGE_SIDE or width * height > MAX_IMAGE_PIXELS:
        raise ImageError(
            f"{what}: {width}×{height} is too large (at most {MAX_IMAGE_SIDE} pixels a side and "
            f"{MAX_IMAGE_PIXELS // 1_000_000} megapixels); scale it down first"
        )


def read_still(data: bytes, what: str = "the image") -> tuple[Image.Image, str]:
    """Decode a PNG, JPEG or WebP still to 8-bit RGB; returns the image and its suffix. ImageError if not."""
    from PIL import Image, UnidentifiedImageError

    if len(data) > MAX_IMAGE_BYTES:
        raise ImageError(f"{what}: {len(data) >> 20} MB is larger than {MAX_IMAGE_BYTES >> 20} MB")
    header = _png_header(data)
    if header is not None:
        _check_size(header[0], header[1], what)  # before Pillow parses it (0×0, bombs)
        if header[2] > 8:
            raise ImageError(f"{what}: a {header[2]}-bit image; save it with 8 bits per channel")
    try:
        image = Image.open(io.BytesIO(data))
    except Image.DecompressionBombError:
        raise ImageError(f"{what}: too large to decode safely (a decompression bomb?)") from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise ImageError(f"{what}: not an image Storyreel can read (PNG, JPEG or WebP)") from None
    with image:
        if image.format not in IMAGE_FORMATS:
            raise ImageError(f"{what}: a {image.format or 'unknown'} image; use PNG, JPEG or WebP")
        _check_size(image.width, image.height, what)
        if getattr(image, "is_animated", False):
            raise ImageError(f"{what}: an animated image; save the one frame you want as a still")
        if image.mode == "CMYK":
            raise ImageError(f"{what}: CMYK colours (a print file); save it as RGB (sRGB)")
        if image.mode not in _PLAIN_MODES:
            raise ImageError(f"{what}: a {image.mode} image (16-bit or floating point); save it as 8-bit RGB")
        try:
            image.load()
        except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
            raise ImageError(f"{what}: the image is damaged or truncated ({exc})") from None
        return _to_rgb(image), IMAGE_FORMATS[image.format]


def _to_rgb(image: Image.Image) -> Image.Image:
    from PIL import Image

    if image.mode == "RGB":
        return image.copy()
    if "A" in image.mode or "a" in image.mode or "transparency" in image.info:
        # Transparent parts become black, not whatever colour the encoder left under them.
        rgba = image.convert("RGBA")
        flat = Image.new("RGB", rgba.size)
        flat.paste(rgba, mask=rgba.getchannel("A"))
        return flat
    return image.convert("RGB")


def fit_still(image: Image.Image, width: int, height: int, fit: str = "fill") -> Image.Image:
    """The image at exactly width×height: 'fill' scales to cover and centre-crops, 'fit' scales and pads."""
    from PIL import Image, ImageOps

    if fit not in FITS:
        raise ImageError(f"the image fit {fit!r} is not one of {', '.join(FITS)}")
    if image.size == (width, height):
        return image.copy()
    if fit == "fill":
        return ImageOps.fit(image, (width, height), method=Image.Resampling.LANCZOS)
    return ImageOps.pad(image, (width, height), method=Image.Resampling.LANCZOS, color=(0, 0, 0))


def still_from_frame(frame: np.ndarray) -> Image.Image:
    """An RGB image of one uint8 video frame (height, width, 3)."""
    from PIL import Image

    return Image.fromarray(frame)


def png_bytes(image: Image.Image) -> bytes:
    """The image as PNG bytes (lossless, so a frame survives exactly)."""
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()
