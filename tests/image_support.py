"""Still images for tests: good ones, and the hostile kinds a person or an attacker hands over."""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

import numpy as np
from PIL import Image
from speed_support import small_request

from engine.generation.request import GenerationRequest, ImageConditioning
from engine.generation.still_image import png_bytes, still_from_frame


def gradient(width: int = 40, height: int = 24, seed: int = 0) -> np.ndarray:
    """A deterministic colourful RGB uint8 image (height, width, 3)."""
    rng = np.random.default_rng(seed)
    base = rng.integers(0, 256, size=(height, width, 3), dtype=np.uint8)
    return base


def png_file(path: Path, array: np.ndarray | None = None) -> Path:
    """Write an 8-bit RGB PNG."""
    Image.fromarray(gradient() if array is None else array).save(path, format="PNG")
    return path


def encoded(image: Image.Image, fmt: str, **options: object) -> bytes:
    """An image encoded to bytes."""
    out = io.BytesIO()
    image.save(out, format=fmt, **options)
    return out.getvalue()


def png_header_only(width: int, height: int, depth: int = 8, colour: int = 2) -> bytes:
    """A PNG whose header claims width×height (a bomb's or an empty image's header; no real pixels)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    ihdr = struct.pack(">IIBBBBB", width, height, depth, colour, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(b"\0" * 64))
        + chunk(b"IEND", b"")
    )


def png_48bit(width: int = 8, height: int = 8) -> bytes:
    """A real 16-bit-per-channel RGB PNG (Pillow reads it as 8-bit RGB, hiding the depth)."""
    row = b"\0" + b"\x12\x34" * 3 * width
    return png_header_only(width, height, depth=16)[:33] + _idat_iend(row * height)


def _idat_iend(raw: bytes) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    return chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


def bad_images() -> dict[str, tuple[bytes, str]]:
    """name → (file bytes, a phrase its error message must hold)."""
    frames = [Image.new("RGB", (8, 8), c) for c in ("red", "blue")]
    return {
        "not an image": (b"this is a text file, not a picture\n" * 10, "not an image"),
        "empty file": (b"", "not an image"),
        "0x0": (png_header_only(0, 0), "no pixels"),
        "20000x20000": (png_header_only(20000, 20000), "too large"),
        "CMYK": (encoded(Image.new("CMYK", (8, 8), (0, 255, 0, 0)), "JPEG"), "CMYK"),
        "16-bit grey": (encoded(Image.new("I;16", (8, 8)), "PNG"), "16-bit"),
        "16-bit colour": (png_48bit(), "16-bit"),
        "animated PNG": (encoded(frames[0], "PNG", save_all=True, append_images=frames[1:]), "animated"),
        "animated WebP": (encoded(frames[0], "WEBP", save_all=True, append_images=frames[1:]), "animated"),
        "GIF": (encoded(frames[0], "GIF"), "GIF"),
        "truncated": (encoded(Image.fromarray(gradient(64, 64)), "PNG")[:300], "damaged"),
    }


SIZE = 32


def still(seed: int = 0, width: int = SIZE, height: int = SIZE) -> bytes:
    """PNG bytes of a deterministic image."""
    return png_bytes(still_from_frame(gradient(width, height, seed)))


def image_request(loaded, **changes: object) -> GenerationRequest:
    """A small, fast image-to-video request."""
    fields: dict = {
        "prompt": "a girl in a red hanfu turns her head",
        "seed": 11,
        "num_frames": 9,
        "width": SIZE,
        "height": SIZE,
        "num_inference_steps": 2,
        "images": ImageConditioning(still()),
    }
    fields.update(changes)
    return small_request(loaded.spec, **fields)


def direct_settings(request: GenerationRequest) -> dict[str, object]:
    """A diffusers Wan pipeline's call arguments for the request's settings, as a test calls it by hand."""
    import torch

    settings: dict[str, object] = {
        "prompt": request.prompt,
        "negative_prompt": request.negative_prompt,
        "height": request.height,
        "width": request.width,
        "num_frames": request.num_frames,
        "num_inference_steps": request.num_inference_steps,
        "guidance_scale": request.guidance_scale,
        "generator": torch.Generator("cpu").manual_seed(request.seed),
        "output_type": "np",
    }
    if request.guidance_scale_2 is not None:
        settings["guidance_scale_2"] = request.guidance_scale_2
    return settings
