"""The one title renderer: Pillow with FreeType (shaped by libraqm) draws titles over RGB frames.

The preview and the exporter both call render_titles, so they show the same pixels.
"""

from __future__ import annotations

import functools
import re
from dataclasses import astuple, dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from engine.film.font_file import load_font, shaping_engine
from engine.film.title_elements import TitleElement

if TYPE_CHECKING:
    import numpy as np
    from av.video.frame import VideoFrame
    from PIL import Image as PILImage
    from PIL.ImageFont import FreeTypeFont

# A line may break before or after each CJK character, and at spaces between other words.
_CJK = "\u2e80-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef"
_TOKENS = re.compile(rf"[{_CJK}]|[^\s{_CJK}]+|\s+")
# Font size as a share of the frame's height, by kind.
SIZES = {"card": 1 / 11, "end_card": 1 / 12, "lower_third": 1 / 18, "caption": 1 / 20}


@dataclass(frozen=True)
class TitleStyle:
    """What the brand preset gives the titles: its font (None: the bundled default) and its logo."""

    font: Path | None = None
    logo: Path | None = None


def _fitting(text: str, font: FreeTypeFont, width: float) -> int:
    """How many leading characters of text fit in width (at least 1), by bisection."""
    low, high = 1, len(text)
    while low < high:
        middle = (low + high + 1) // 2
        if font.getlength(text[:middle]) <= width:
            low = middle
        else:
            high = middle - 1
    return low


def wrap_text(text: str, font: FreeTypeFont, width: float, max_lines: int) -> list[str]:
    """Lines of text within width pixels, at most max_lines (the last ends in '…' when cut)."""
    # No glyph is narrower than a fifth of an em: more characters than this can never show.
    text = text[: int(width / max(1.0, font.size / 5) + 1) * (max_lines + 1)]
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        line = ""
        for token in _TOKENS.findall(paragraph):
            if font.getlength(line + token) <= width or not line.strip():
                line += token
                # A single word wider than the frame breaks between its characters.
                while len(lines) <= max_lines and len(line) > 1 and font.getlength(line) > width:
                    cut = _fitting(line, font, width)
                    lines.append(line[:cut])
                    line = line[cut:]
            else:
                lines.append(line.rstrip())
                line = token.lstrip()
            if len(lines) > max_lines:
                break
        lines.append(line.rstrip())
        if len(lines) > max_lines:
            break
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        last = lines[-1]
        lines[-1] = last[: _fitting(last + "…", font, width) - 1] + "…" if last else "…"
    return lines


def _draw_lines(
    layer: PILImage.Image,
    lines: list[str],
    font: FreeTypeFont,
    box: tuple[int, int, int, int],
    element: TitleElement,
    valign: str,
) -> None:
    """Draw lines inside box (left, top, right, bottom), aligned as the element says."""
    from PIL import ImageDraw

    draw = ImageDraw.Draw(layer)
    step = round(font.size * 1.3)
    left, top, right, bottom = box
    y = {"top": top, "bottom": bottom - step * len(lines)}.get(
        valign, (top + bottom - step * len(lines)) // 2
    )
    # zh-Hans picks the Simplified shapes from the font's locl feature (the bundled font holds both).
    language = "zh-Hans" if shaping_engine() == "raqm" else None
    stroke = max(1, font.size // 14) if element.kind in ("caption", "lower_third") else 0
    for line in lines:
        length = font.getlength(line)
        x = {"left": left, "right": right - length}.get(element.align, (left + right - length) / 2)
        draw.text(
            (round(x), y),
            line,
            font=font,
            fill=element.color,
            stroke_width=stroke,
            stroke_fill="#000000",
            language=language,
        )
        y += step


def _backdrop(base: PILImage.Image, element: TitleElement) -> PILImage.Image:
    """A card's full-frame backdrop: its colour, the film blurred, or its image filling the frame."""
    from PIL import Image, ImageFilter, ImageOps

    size = base.size
    if element.background == "blur":
        return base.filter(ImageFilter.GaussianBlur(radius=max(2, size[0] // 40))).convert("RGBA")
    if element.background == "image" and element.image:
        from engine.looks.watermark import read_logo

        picture = Image.fromarray(read_logo(Path(element.image)), "RGBA")
        return ImageOps.fit(picture, size)
    return Image.new("RGBA", size, element.background_color)


def _element_layer(base: PILImage.Image, element: TitleElement, style: TitleStyle) -> PILImage.Image:
    """The element fully in, as an RGBA layer the size of the frame."""
    from PIL import Image, ImageDraw

    width, height = base.size
    font = load_font(style.font, max(8, round(height * SIZES[element.kind])))
    margin = width // 20
    if element.kind == "card":
        layer = _backdrop(base, element)
        lines = wrap_text(element.text, font, width - 2 * margin, 4)
        _draw_lines(layer, lines, font, (margin, 0, width - margin, height), element, "middle")
    elif element.kind == "end_card":
        layer = Image.new("RGBA", base.size, element.background_color)
        if style.logo is not None:
            from engine.looks.watermark import read_logo

            logo = Image.fromarray(read_logo(style.logo), "RGBA")
            logo.thumbnail((width // 3, height // 3))
            layer.alpha_composite(logo, ((width - logo.width) // 2, height // 4 - logo.height // 2))
        words = [w for w in (element.text, element.tagline) if w]
        lines = [line for w in words for line in wrap_text(w, font, width - 2 * margin, 2)]
        _draw_lines(
            layer, lines, font, (margin, height // 2, width - margin, height * 3 // 4), element, "top"
        )
        if element.url:
            small = load_font(style.font, max(8, round(font.size) * 2 // 3))
            url = wrap_text(element.url, small, width - 2 * margin, 1)
            _draw_lines(
                layer,
                url,
                small,
                (margin, height * 3 // 4, width - margin, height - margin),
                element,
                "middle",
            )
    else:
        layer = Image.new("RGBA", base.size, (0, 0, 0, 0))
        lines = wrap_text(element.text, font, width * 0.8, 3 if element.kind == "caption" else 2)
        if element.kind == "lower_third":
            top = height * 2 // 3
            band = (0, top, width, top + round(font.size * 1.3) * len(lines) + margin // 2)
            ImageDraw.Draw(layer).rectangle(band, fill=(0, 0, 0, 140))
            _draw_lines(
                layer, lines, font, (margin, top + margin // 4, width - margin, band[3]), element, "top"
            )
        else:
            _draw_lines(layer, lines, font, (margin, 0, width - margin, height - margin), element, "bottom")
    return layer


@functools.lru_cache(maxsize=16)
def _still_layer(
    fields: tuple[object, ...], size: tuple[int, int], style: TitleStyle
) -> tuple[PILImage.Image, tuple[int, int]]:
    """An element's layer that does not depend on the frame, drawn once per element, size and style, and
    cut to what it covers (a caption is a strip, not a frame): the layer and where it goes."""
    from PIL import Image

    layer = _element_layer(Image.new("RGB", size), TitleElement(*fields), style)  # type: ignore[arg-type]
    box = layer.getbbox() or (0, 0, 1, 1)
    return layer.crop(box), (box[0], box[1])


def _placed_layer(
    base: PILImage.Image, element: TitleElement, t: float, style: TitleStyle
) -> tuple[PILImage.Image, tuple[int, int]]:
    """The element as it shows at film time t over base (faded or slid): the layer and where it goes."""
    import numpy as np
    from PIL import Image

    presence = element.presence(t)
    place = (0, 0)
    if element.kind == "card" and element.background == "blur":
        layer = _element_layer(base, element, style)  # its backdrop is this very frame
    elif element.motion == "slide":
        cut, place = _still_layer(astuple(element), base.size, style)
        layer = Image.new("RGBA", base.size, (0, 0, 0, 0))
        layer.paste(cut, place)
        place = (0, 0)
    else:
        cut, place = _still_layer(astuple(element), base.size, style)
        layer = cut.copy()
    if element.motion == "slide":
        # Slides in from below (lower thirds from the left), fully opaque.
        shifted = Image.new("RGBA", layer.size, (0, 0, 0, 0))
        shift = round((1 - presence) * (layer.width if element.kind == "lower_third" else layer.height))
        shifted.paste(layer, (-shift, 0) if element.kind == "lower_third" else (0, shift))
        layer = shifted
    elif presence < 1:
        alpha = np.asarray(layer.getchannel("A"), np.float32) * presence
        layer.putalpha(Image.fromarray(np.rint(alpha).astype(np.uint8), "L"))
    return layer, place


def render_titles(
    frame: np.ndarray, elements: list[TitleElement], t: float, style: TitleStyle | None = None
) -> np.ndarray:
    """The RGB uint8 frame (H, W, 3) with the elements showing at film time t drawn over it (a new array)."""
    showing = [e for e in elements if e.shows_at(t)]
    if not showing:
        return frame
    import numpy as np
    from PIL import Image

    style = style or TitleStyle()
    base = Image.fromarray(np.ascontiguousarray(frame[:, :, :3]), "RGB")
    out = base.convert("RGBA")
    for element in showing:
        layer, place = _placed_layer(base, element, t, style)
        out.alpha_composite(layer, dest=place)
    return np.asarray(out.convert("RGB"))


def title_rgba(
    element: TitleElement, t: float, size: tuple[int, int], style: TitleStyle | None = None
) -> np.ndarray:
    """The element alone as it shows at film time t, over transparency: RGBA uint8 (H, W, 4), a frame of
    its clip for an editor (a blurred card's backdrop, which is the film, is black here)."""
    import numpy as np
    from PIL import Image

    out = Image.new("RGBA", size, (0, 0, 0, 0))
    if element.shows_at(t):
        layer, place = _placed_layer(Image.new("RGB", size), element, t, style or TitleStyle())
        out.alpha_composite(layer, dest=place)
    return np.asarray(out)


def title_video_frame(
    frame: VideoFrame, elements: list[TitleElement], t: float, style: TitleStyle | None, pix_fmt: str
) -> VideoFrame:
    """An encoder-ready frame with the titles at film time t drawn over it (the same frame when none show)."""
    if not any(e.shows_at(t) for e in elements):
        return frame
    from av.video.frame import VideoFrame as AvFrame

    rgb = render_titles(frame.to_ndarray(format="rgb24"), elements, t, style)
    out = AvFrame.from_ndarray(rgb, format="rgb24")
    return out if pix_fmt == "rgb24" else out.reformat(format=pix_fmt)
