"""Presets with a grade and a logo saved into the per-test library."""

from __future__ import annotations

from pathlib import Path

from looks_support import write_3d
from PIL import Image

from app.presets.library import save_preset
from app.presets.preset import GradeRef, Preset, PresetCastMember, WatermarkRef

MEI = PresetCastMember(
    "Mei", "character", "a girl in a red hanfu", ["cast/mei-front.png", "cast/mei-side.png"]
)
TEAPOT = PresetCastMember("茶壶", "product", "a celadon teapot", ["cast/teapot.png"])


def make_assets(folder: Path) -> dict[str, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    logo = folder / "logo.png"
    Image.new("RGBA", (16, 8), (255, 255, 255, 200)).save(logo)
    return {"look.cube": write_3d(folder / "look.cube"), "logo.png": logo}


def make_preset(
    tmp_path: Path, name: str = "Brand", extra: dict[str, Path] | None = None, **changes: object
) -> Preset:
    """Save a preset with a grade and a logo (and extra files) into the (per-test) library."""
    preset = Preset(
        name=name,
        description="ours",
        prompt_template="{prompt}, in our brand style",
        negative_prompt="off-brand",
        grade=GradeRef("look.cube", 0.8),
        watermark=WatermarkRef("logo.png", "top-left", 0.05, 0.2, 0.9),
        **changes,
    )
    save_preset(preset, {**make_assets(tmp_path / f"src-{name}"), **(extra or {})})
    return preset


def make_cast_preset(
    tmp_path: Path, cast: tuple[PresetCastMember, ...] = (MEI, TEAPOT), name: str = "Brand"
) -> dict[str, Path]:
    """A library preset with a grade, a logo and cast members; returns its image files by asset name."""
    from image_support import still

    src = tmp_path / f"cast-src-{name}"
    src.mkdir(exist_ok=True)
    images: dict[str, Path] = {}
    for asset in [asset for member in cast for asset in member.images]:
        images[asset] = src / Path(asset).name
        images[asset].write_bytes(still(len(images)))  # each a different image
    make_preset(tmp_path, name, extra=images, cast=list(cast))
    return images
