"""Presets inside a project: embedded copies (assets in FILM.media/presets/NAME/), and per-shot lookup."""

from __future__ import annotations

from pathlib import Path, PurePosixPath
from typing import Any

from app.presets.library import check_assets, find_preset
from app.presets.preset import (
    GradeRef,
    LoraRef,
    Preset,
    PresetError,
    WatermarkRef,
    file_sha256,
    preset_from_dict,
)
from app.project.media_paths import UnsafePath, contained
from app.project.project import Project
from app.project.shot import Shot
from engine.generation.request import LoraSpec
from engine.storage.atomic_file import copy_file_atomic

PRESETS_FOLDER = "presets"  # inside the project's media folder


def preset_name_for(project: Project, shot: Shot) -> str | None:
    """The preset in effect for a shot: its own override, else the project's default."""
    return shot.preset or project.settings.preset


def embedded_preset(project: Project, name: str) -> Preset:
    """The project's embedded copy of a preset; raises PresetError if it has none or it is damaged."""
    doc = project.presets.get(name)
    if doc is None:
        raise PresetError(
            f"the project uses preset {name!r} but holds no copy of it; apply it again "
            "from the preset library"
        )
    return preset_from_dict(doc, f"preset {name!r} in the project")


def shot_preset(project: Project, shot: Shot, strict: bool = True) -> Preset | None:
    """The shot's preset, or None; a missing or damaged one raises PresetError (None if not strict)."""
    name = preset_name_for(project, shot)
    if not name:
        return None
    try:
        return embedded_preset(project, name)
    except PresetError:
        if strict:
            raise
        return None


def project_preset_folder(project: Project, name: str) -> Path:
    """Where the project keeps a preset's assets: FILM.media/presets/NAME/."""
    return _in_media(project, f"{PRESETS_FOLDER}/{name}")


def asset_path(project: Project, preset: Preset, relative: str) -> Path:
    """Absolute path of one of an embedded preset's files."""
    return _in_media(project, f"{PRESETS_FOLDER}/{preset.name}/{relative}")


def _in_media(project: Project, relative: str) -> Path:
    """A path in the media folder through the one containment check (a project's presets are shared)."""
    media = project.media_dir
    if media is None:
        raise PresetError("save the project first: its presets' files live in its media folder")
    try:
        return contained(media, relative)
    except UnsafePath as exc:
        raise PresetError(f"an embedded preset names a file Storyreel will not use: {exc}") from None


def lora_specs(project: Project, preset: Preset | None) -> tuple[LoraSpec, ...]:
    """The preset's LoRA adapters as the engine takes them (absolute paths into the media folder)."""
    if preset is None:
        return ()
    return tuple(
        LoraSpec(str(asset_path(project, preset, lora.file)), lora.weight, lora.expert)
        for lora in preset.loras
    )


def lora_records(preset: Preset | None) -> list[dict[str, object]]:
    """The preset's LoRAs as a take's sidecar keeps them: media-relative file, weight, expert, SHA-256."""
    if preset is None:
        return []
    return [
        {
            "file": f"{PRESETS_FOLDER}/{preset.name}/{lora.file}",
            "weight": lora.weight,
            "expert": lora.expert,
            "sha256": lora.sha256,
        }
        for lora in preset.loras
    ]


def embed_copy(project: Project, preset: Preset, source_folder: Path) -> dict[str, Any]:
    """Copy a preset's assets into the project's media folder; returns the document to embed.

    Each file goes to presets/NAME/<content hash>/<file name>, so a copy made earlier (that an undo
    may bring back) keeps its own files. The project itself is not changed: an undo command sets
    the returned document through the Project API.
    """
    check_assets(preset, source_folder)
    folder = project_preset_folder(project, preset.name)
    copy = preset_from_dict(preset.to_dict(), f"preset {preset.name!r}")
    # Its cast members join the film's own cast when it is applied (app/presets/preset_cast.py), their
    # images in FILM.media/cast/; the embedded copy keeps what renders shots.
    copy.cast = []
    refs: list[tuple[LoraRef | GradeRef | WatermarkRef, str]] = [(lora, "file") for lora in copy.loras]
    refs += [(ref, attr) for ref, attr in ((copy.grade, "lut"), (copy.watermark, "image")) if ref is not None]
    try:
        for ref, attr in refs:
            source = source_folder.joinpath(*PurePosixPath(getattr(ref, attr)).parts)
            ref.sha256 = ref.sha256 or file_sha256(source)
            relative = f"{ref.sha256[:16]}/{PurePosixPath(getattr(ref, attr)).name}"
            target = asset_path(project, copy, relative)
            if not target.is_file() or target.stat().st_size != source.stat().st_size:
                copy_file_atomic(source, target)
            setattr(ref, attr, relative)
    except OSError as exc:
        raise PresetError(
            f"{folder}: the preset's files could not be copied into the project ({exc})"
        ) from None
    return copy.to_dict()


def embed_from_library(project: Project, name: str) -> dict[str, Any]:
    """Copy a library preset into the project's media folder; returns the document to embed."""
    entry = find_preset(name)
    assert entry.preset is not None
    return embed_copy(project, entry.preset, entry.folder)
