"""Draw docs/finishing-end-card.png and docs/finishing-caption.png with the title renderer itself."""

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
    """Render an end card and a captioned frame with a lower third at 640x360."""
    end = TitleElement(
        kind="end_card", text="Sakura Tea 春茶", tagline="Taste spring · 品味春天", url="sakura-tea.example"
    )
    frame = np.zeros((360, 640, 3), np.uint8)
    style = TitleStyle(logo=DOCS.parent / "resources" / "presets" / "Warm Film" / "logo.png")
    Image.fromarray(render_titles(frame, [end], 1.0, style)).save(
        DOCS / "finishing-end-card.png", optimize=True
    )
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
