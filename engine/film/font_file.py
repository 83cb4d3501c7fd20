"""Font files for titles: the bundled default and brand fonts, checked before they are used."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import TYPE_CHECKING

from engine.errors import StoryreelError

if TYPE_CHECKING:
    from PIL.ImageFont import FreeTypeFont

# Noto Sans CJK cut to Latin and GB 2312 (resources/fonts/README.md): Chinese never falls back to boxes.
DEFAULT_FONT = Path(__file__).resolve().parents[2] / "resources" / "fonts" / "NotoSansCJK-Subset-Regular.otf"
MAX_FONT_BYTES = 32 * 1024 * 1024  # the full Noto Sans CJK is 16 MB; a bigger "font" is something else
FONT_MAGIC = (b"\x00\x01\x00\x00", b"OTTO", b"true", b"ttcf")  # TrueType, CFF OpenType, Apple, collection


class FontError(StoryreelError):
    """A font file cannot be used; the message says why."""

    hint = "Choose a TrueType (.ttf) or OpenType (.otf) font file."


def check_font_file(path: Path) -> Path:
    """The path, or FontError when it is missing, too big (checked before reading) or not a font."""
    try:
        size = path.stat().st_size
        if size > MAX_FONT_BYTES:
            raise FontError(
                f"{path.name} is {size / 2**20:.0f} MB; a font is at most {MAX_FONT_BYTES // 2**20} MB"
            )
        with path.open("rb") as handle:
            magic = handle.read(4)
    except OSError as exc:
        raise FontError(f"{path.name} cannot be read: {exc.strerror or exc}") from exc
    if magic not in FONT_MAGIC:
        raise FontError(f"{path.name} is not a TrueType or OpenType font")
    try:
        load_font(path, 12)
    except OSError as exc:
        raise FontError(f"{path.name} is not a font FreeType can read ({exc})") from exc
    return path


def shaping_engine() -> str:
    """'raqm' where Pillow has libraqm (shaped, bidirectional text), else 'basic'."""
    from PIL import features

    return "raqm" if features.check("raqm") else "basic"


@functools.lru_cache(maxsize=32)
def _cached_font(path: str, size: int, mtime: int) -> FreeTypeFont:
    from PIL import ImageFont

    layout = ImageFont.Layout.RAQM if shaping_engine() == "raqm" else ImageFont.Layout.BASIC
    return ImageFont.truetype(path, size, layout_engine=layout)


def load_font(path: Path | None, size: int) -> FreeTypeFont:
    """The font at path (the bundled default when None) at size pixels, shaped by libraqm when present."""
    chosen = path or DEFAULT_FONT
    return _cached_font(str(chosen), max(1, size), chosen.stat().st_mtime_ns)
