"""Control clips and masks refused before any frame is decoded: length, size, streams, codecs, mask shape."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from engine.conditioning.control_settings import ControlError
from engine.video.video_io import ClipInfo, VideoError, probe

if TYPE_CHECKING:
    import numpy as np

MAX_CONTROL_FRAMES = 4096
MAX_CONTROL_SIDE = 4096
MAX_CONTROL_PIXELS = 4096 * 2160  # DCI 4K
MAX_MASK_BYTES = 64 << 20
# Decoders (FFmpeg's names) of the formats cameras, editors and generators write. Anything else is
# refused by name rather than handed to a decoder nobody here has tried on hostile input.
CONTROL_CODECS = frozenset(
    "h264 hevc vp8 vp9 av1 libdav1d libvpx libvpx-vp9 mpeg4 mpeg2video mpeg1video prores dnxhd mjpeg png "
    "ffv1 ffvhuff huffyuv utvideo rawvideo theora qtrle gif".split()
)
MASK_FORMATS = ("PNG", "JPEG", "WEBP")


def check_control_clip(path: Path) -> ClipInfo:
    """The clip's facts, read from its headers; ControlError (naming the file) if it cannot be a control clip."""
    import av

    try:
        info = probe(path)
    except VideoError as exc:
        raise ControlError(f"The control clip {path} cannot be used: {exc}") from exc
    if info.codec not in CONTROL_CODECS or info.codec not in av.codecs_available:
        raise ControlError(
            f"The control clip {path} is coded as {info.codec or 'an unknown codec'}, which Storyreel does "
            "not read; convert it to H.264, H.265, VP9, AV1 or ProRes first."
        )
    if (
        info.width > MAX_CONTROL_SIDE
        or info.height > MAX_CONTROL_SIDE
        or info.width * info.height > MAX_CONTROL_PIXELS
    ):
        raise ControlError(
            f"The control clip {path} is {info.width}×{info.height}, larger than 4K "
            f"({MAX_CONTROL_SIDE}×2160); scale it down first."
        )
    if info.frame_count > MAX_CONTROL_FRAMES:
        raise ControlError(
            f"The control clip {path} has {info.frame_count:,} frames, more than {MAX_CONTROL_FRAMES:,}; "
            "trim it to the part the shot follows."
        )
    return info


def read_mask(path: Path, width: int, height: int) -> tuple[np.ndarray, str | None]:
    """A repaint mask as a (height, width) uint8 array (white is repainted) and a notice if it was converted.

    A mask of another size is refused before its pixels are decoded; a colour or grey-with-alpha mask
    is converted to its luminance, with a notice saying so.
    """
    import numpy as np
    from PIL import Image, UnidentifiedImageError

    try:
        if path.stat().st_size > MAX_MASK_BYTES:
            raise ControlError(f"The mask {path} is larger than {MAX_MASK_BYTES >> 20} MB.")
        image = Image.open(path)  # reads the header only
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
        raise ControlError(
            f"The mask {path} is not an image Storyreel can read (PNG, JPEG or WebP): {exc}"
        ) from None
    with image:
        if image.format not in MASK_FORMATS:
            raise ControlError(
                f"The mask {path} is a {image.format or 'unknown'} image; use PNG, JPEG or WebP."
            )
        if image.size != (width, height):
            raise ControlError(
                f"The mask {path} is {image.width}×{image.height} but the take is {width}×{height}; "
                "paint the mask at the take's size."
            )
        notice = None
        if image.mode not in ("L", "1"):
            notice = f"The mask {path} has {image.mode} channels; its brightness was used as the mask."
        try:
            grey = image.convert("L")
        except (OSError, SyntaxError, ValueError) as exc:
            raise ControlError(f"The mask {path} is damaged or truncated ({exc}).") from None
        return np.asarray(grey, dtype=np.uint8).copy(), notice
