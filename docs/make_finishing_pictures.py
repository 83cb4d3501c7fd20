"""Draw docs/finishing-end-card.png (and -zh.png) and docs/finishing-caption.png with the title renderer
itself: the pixels the exporter writes for them."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from engine.film.title_elements import TitleElement  # noqa: E402
from engine.film.title_render import TitleStyle, render_titles  # noqa: E402

DOCS = Path(__file__).resolve().parent


def main() -> None:
    """Render an end card in English and in Chinese, and a captioned frame with a lower third, at 640x360."""
    frame = np.zeros((360, 640, 3), np.uint8)
    style = TitleStyle(logo=DOCS.parent / "resources" / "presets" / "Warm Film" / "logo.png")
    for name, text, tagline in (
        ("finishing-end-card.png", "Sakura Tea", "Taste spring"),
        ("finishing-end-card-zh.png", "樱花春茶", "品味春天"),
    ):
        end = TitleElement(kind="end_card", text=text, tagline=tagline, url="sakura-tea.example")
        Image.fromarray(render_titles(frame, [end], 1.0, style)).save(DOCS / name, optimize=True)
    ramp = np.linspace(40, 200, 640, dtype=np.uint8)
    film = np.stack(
        [np.tile(ramp, (360, 1)), np.full((360, 640), 120, np.uint8), np.tile(ramp[::-1], (360, 1))], 2
    )
    words = [
        TitleElement(kind="lower_third", text="Mia · 茶园主人", align="left"),
        TitleElement(kind="caption", text="“今年的春茶，比往年更香。” This year's tea is sweeter."),
    ]
    Image.fromarray(render_titles(film, words, 1.0)).save(DOCS / "finishing-caption.png", optimize=True)


if __name__ == "__main__":
    main()
