"""Writes the bundled presets (LUTs, logo, preset.json) and the example project's embedded copies.

Run from the repository root: `.venv/bin/python resources/presets/make_presets.py`. The output is
deterministic, so running it again changes nothing unless this script changed.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from app.presets.library import write_preset_folder  # noqa: E402
from app.presets.preset import GradeRef, Preset, WatermarkRef  # noqa: E402
from engine.looks.cube_lut import identity_lattice, write_cube  # noqa: E402

HERE = ROOT / "resources" / "presets"
EXAMPLE = ROOT / "resources" / "examples" / "example.reel"


def smoothstep(x: np.ndarray) -> np.ndarray:
    return x * x * (3 - 2 * x)


def warm_film_lut(path: Path) -> None:
    """A 1D LUT: lifted blacks, soft highlights, red up and blue down (a warm print look)."""
    x = np.linspace(0.0, 1.0, 1024)
    curve = 0.04 + 0.92 * (0.7 * smoothstep(x) + 0.3 * x)
    table = np.clip(np.stack([curve**0.9 * 1.03, curve**0.97, curve**1.12 * 0.94], -1), 0, 1)
    write_cube(path, table, "Storyreel Warm Film")


def teal_orange_lut(path: Path) -> None:
    """A 3D LUT: shadows towards teal, skin tones and highlights towards orange, more contrast."""
    rgb = identity_lattice(17)
    luma = rgb @ np.array([0.2126, 0.7152, 0.0722])
    contrast = smoothstep(np.clip(luma, 0, 1))[..., None]
    teal, orange = np.array([0.0, 0.45, 0.55]), np.array([1.0, 0.6, 0.25])
    tint = (1 - contrast) * teal + contrast * orange
    graded = rgb + 0.25 * (tint - 0.5) * (4 * contrast * (1 - contrast) + 0.3)
    graded = luma[..., None] + 1.15 * (graded - luma[..., None])  # a little more saturation
    write_cube(
        path,
        np.clip(graded * 0.9 + 0.1 * smoothstep(np.clip(graded, 0, 1)), 0, 1),
        "Storyreel Teal and Orange",
    )


def monochrome_lut(path: Path) -> None:
    """A 3D LUT: Rec. 709 luma with an S-curve and a faint cool tone in the shadows."""
    luma = identity_lattice(17) @ np.array([0.2126, 0.7152, 0.0722])
    curve = 0.7 * smoothstep(np.clip(luma, 0, 1)) + 0.3 * luma
    write_cube(
        path,
        np.clip(np.stack([curve * 0.98, curve, curve * 1.02 + 0.01 * (1 - curve)], -1), 0, 1),
        "Storyreel Monochrome",
    )


def logo(path: Path, size: int = 256) -> None:
    """A film-reel mark: a white ring with five holes on a soft dark disc, transparent around it."""
    scale = 4  # drawn large and reduced, for smooth edges
    big = size * scale
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    c = big / 2
    draw.ellipse([0, 0, big - 1, big - 1], fill=(10, 12, 20, 110))
    r = big * 0.42
    draw.ellipse([c - r, c - r, c + r, c + r], fill=(255, 255, 255, 235))
    hub = big * 0.07
    for k in range(5):
        a = 2 * np.pi * k / 5 - np.pi / 2
        x, y, hr = c + np.cos(a) * big * 0.22, c + np.sin(a) * big * 0.22, big * 0.095
        draw.ellipse([x - hr, y - hr, x + hr, y + hr], fill=(0, 0, 0, 0))
    draw.ellipse([c - hub, c - hub, c + hub, c + hub], fill=(0, 0, 0, 0))
    image.resize((size, size), Image.Resampling.LANCZOS).save(path, optimize=True)


PRESETS = [
    (
        Preset(
            name="Warm Film",
            description="Golden 35 mm print look: warm highlights, lifted blacks, a small logo.",
            prompt_template="{prompt}, shot on 35mm film, warm golden light, soft film grain",
            negative_prompt="oversaturated, harsh digital sharpening, flat lighting",
            grade=GradeRef("warm-film.cube", strength=1.0),
            watermark=WatermarkRef("logo.png", corner="bottom-right", margin=0.04, scale=0.08, opacity=0.7),
        ),
        {"warm-film.cube": warm_film_lut, "logo.png": logo},
    ),
    (
        Preset(
            name="Teal and Orange",
            description="Blockbuster contrast: teal shadows, orange skin tones and highlights.",
            prompt_template="cinematic film still, {prompt}, dramatic teal and orange lighting, anamorphic",
            negative_prompt="washed out, low contrast, amateur footage",
            grade=GradeRef("teal-orange.cube", strength=0.85),
            watermark=WatermarkRef("logo.png", corner="top-right", margin=0.04, scale=0.08, opacity=0.6),
        ),
        {"teal-orange.cube": teal_orange_lut, "logo.png": logo},
    ),
    (
        Preset(
            name="Monochrome",
            description="Black and white with a gentle S-curve; no logo.",
            prompt_template="black and white photograph, {prompt}, high contrast, fine grain",
            negative_prompt="colour cast, sepia",
            grade=GradeRef("monochrome.cube", strength=1.0),
        ),
        {"monochrome.cube": monochrome_lut},
    ),
]


def write_bundled() -> None:
    """The three presets in resources/presets/NAME/."""
    with tempfile.TemporaryDirectory() as tmp:
        for preset, makers in PRESETS:
            sources = {}
            for name, make in makers.items():
                sources[name] = Path(tmp, preset.name, name)
                sources[name].parent.mkdir(parents=True, exist_ok=True)
                make(sources[name])
            write_preset_folder(preset, HERE / preset.name, sources)
            print(f"wrote {HERE / preset.name}")


def embed_in_example(project_preset: str = "Warm Film", shot_presets: dict[str, str] | None = None) -> None:
    """Embed bundled presets into the example project (files in example.media/presets/).

    Only the preset keys of the JSON change; everything else in the file is kept as it is.
    """
    from app.presets.embedded import embed_copy
    from app.presets.preset import read_preset_file
    from app.project.reel_file import load_project

    shot_presets = shot_presets if shot_presets is not None else {"f07c2a3c3e": "Monochrome"}
    project = load_project(EXAMPLE)
    doc = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    doc["settings"]["preset"] = project_preset
    for shot in doc["shots"]:
        shot["preset"] = shot_presets.get(shot["id"])
    doc["presets"] = {}
    for name in sorted({project_preset, *shot_presets.values()}):
        folder = HERE / name
        doc["presets"][name] = embed_copy(project, read_preset_file(folder / "preset.json"), folder)
    EXAMPLE.write_text(json.dumps(doc, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"embedded {sorted(doc['presets'])} in {EXAMPLE}")


if __name__ == "__main__":
    write_bundled()
    embed_in_example()
