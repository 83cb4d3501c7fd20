"""Style presets: one look for many shots (prompt template, negative, LoRAs, grade, logo, settings)."""

from __future__ import annotations

import dataclasses
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.project.cast_mentions import check_cast_name
from app.project.migrations import Migration
from app.project.record_build import build_record
from app.project.versioned_document import DocumentError, DocumentFormat
from engine.errors import StoryreelError

# The preset format this version writes; PRESET_MIGRATIONS[n] turns format n into n + 1.
PRESET_FORMAT_VERSION = 1
PRESET_MIGRATIONS: dict[int, Migration] = {}
PRESET_FILE = "preset.json"
PLACEHOLDER = "{prompt}"
CORNERS = ("top-left", "top-right", "bottom-left", "bottom-right")
EXPERTS = ("both", "high-noise", "low-noise")
MAX_PRESET_CAST = 16  # members a brand carries (products, a mascot), each with 1-4 images


class PresetError(StoryreelError, ValueError):
    """A preset could not be read, written or used; the message says which and why."""

    hint = "Check the preset's files, or import the preset again."


@dataclass
class LoraRef:
    """A LoRA adapter of a preset: a .safetensors file in its folder, a weight, and the expert(s)."""

    file: str
    weight: float = 1.0
    expert: str = "both"  # "high-noise", "low-noise" or "both"
    sha256: str = ""


@dataclass
class GradeRef:
    """A colour grade: a .cube LUT (3D or 1D) in the preset's folder, blended by strength."""

    lut: str
    strength: float = 1.0
    sha256: str = ""


@dataclass
class WatermarkRef:
    """A logo (PNG with alpha) placed in a corner; margin and scale are fractions of the frame."""

    image: str
    corner: str = "bottom-right"
    margin: float = 0.04  # of the frame height, from both edges of the corner
    scale: float = 0.15  # logo width as a fraction of the frame width
    opacity: float = 0.8
    sha256: str = ""


@dataclass
class PresetCastMember:
    """A cast member a brand preset carries (a product, a mascot): added to the film the preset is applied to."""

    name: str
    kind: str = "product"  # one of the project's CAST_KINDS
    description: str = ""
    images: list[str] = field(default_factory=list)  # 1-4 image files in the preset's folder


@dataclass
class PresetSettings:
    """Default generation settings; None inherits the project's, and a shot's own values win."""

    width: int | None = None
    height: int | None = None
    fps: int | None = None
    frames: int | None = None
    steps: int | None = None
    guidance_scale: float | None = None
    guidance_scale_2: float | None = None


@dataclass
class Preset:
    """A named look: what it adds to prompts, which adapters it loads, and how frames are finished."""

    name: str
    description: str = ""
    prompt_template: str = PLACEHOLDER
    negative_prompt: str = ""
    loras: list[LoraRef] = field(default_factory=list)
    grade: GradeRef | None = None
    watermark: WatermarkRef | None = None
    settings: PresetSettings = field(default_factory=PresetSettings)
    cast: list[PresetCastMember] = field(default_factory=list)
    font: str | None = None  # a TTF or OTF for titles and captions, shipped with its licence
    font_license: str | None = None

    def prompt_for(self, prompt: str) -> str:
        """The prompt sent for a shot: the template with {prompt} replaced (other braces kept)."""
        return self.prompt_template.replace(PLACEHOLDER, prompt).strip()

    def assets(self) -> list[str]:
        """Relative paths of every file the preset uses."""
        files = [lora.file for lora in self.loras]
        if self.grade is not None:
            files.append(self.grade.lut)
        if self.watermark is not None:
            files.append(self.watermark.image)
        files += [image for member in self.cast for image in member.images]
        files += [name for name in (self.font, self.font_license) if name]
        return files

    def generation_hash(self) -> str:
        """A content hash of what decides generated frames (template, negative, LoRAs, settings).

        The grade and the watermark are left out: they are applied at preview and export time, so
        changing them never makes a take outdated.
        """
        data = {
            "prompt_template": self.prompt_template,
            "negative_prompt": self.negative_prompt.strip(),
            "loras": [[lora.sha256 or lora.file, lora.weight, lora.expert] for lora in self.loras],
            "settings": dataclasses.asdict(self.settings),
        }
        blob = json.dumps(data, sort_keys=True, ensure_ascii=False).encode("utf-8")
        return hashlib.sha256(blob).hexdigest()[:16]

    def to_dict(self) -> dict[str, Any]:
        """The preset.json document."""
        return {"format_version": PRESET_FORMAT_VERSION, **dataclasses.asdict(self)}


def preset_format() -> DocumentFormat:
    """The preset document's format, with the version and migrations as they are now."""
    return DocumentFormat(
        "preset", PRESET_FORMAT_VERSION, PRESET_MIGRATIONS, ("presets", "preset.schema.json")
    )


PRESET_SCHEMA = preset_format().check


def preset_from_dict(doc: Any, where: str = "preset") -> Preset:
    """Validate, migrate and build a preset document; raises PresetError naming `where`."""
    try:
        doc = preset_format().load(doc)
    except DocumentError as exc:
        raise PresetError(f"{where}: {exc}") from None
    grade, mark = doc.get("grade"), doc.get("watermark")
    return Preset(
        name=doc["name"],
        description=doc.get("description", ""),
        prompt_template=doc.get("prompt_template", PLACEHOLDER),
        negative_prompt=doc.get("negative_prompt", ""),
        loras=[build_record(LoraRef, item) for item in doc.get("loras", [])],
        grade=build_record(GradeRef, grade) if grade else None,
        watermark=build_record(WatermarkRef, mark) if mark else None,
        settings=build_record(PresetSettings, doc.get("settings") or {}),
        cast=_cast(doc.get("cast") or [], where),
        font=doc.get("font"),
        font_license=doc.get("font_license"),
    )


def _cast(items: list[dict[str, Any]], where: str) -> list[PresetCastMember]:
    """The preset's cast members (the schema has checked their shape), names usable as @name and unique."""
    members = [build_record(PresetCastMember, item) for item in items]
    seen: set[str] = set()
    for member in members:
        try:
            check_cast_name(member.name)
        except ValueError as exc:
            raise PresetError(f"{where}: {exc}") from None
        if member.name.casefold() in seen:
            raise PresetError(f"{where}: two cast members are named {member.name!r}")
        seen.add(member.name.casefold())
    return members


def validate_preset(preset: Preset) -> None:
    """Raise PresetError if the preset would not survive a save and reload."""
    preset_from_dict(preset.to_dict(), f"preset {preset.name!r}")


def read_preset_file(path: Path) -> Preset:
    """Read a preset.json file; raises PresetError naming the file."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise PresetError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise PresetError(f"{path}: cannot be read ({exc})") from None
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise PresetError(f"{path}: not valid JSON ({exc.msg} at line {exc.lineno})") from None
    return preset_from_dict(doc, str(path))


def file_sha256(path: Path) -> str:
    """The SHA-256 of a file's bytes, read in chunks."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()
