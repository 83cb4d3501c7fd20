"""The user's preset library: one folder per preset (preset.json + assets), plus read-only bundled ones."""

from __future__ import annotations

import json
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from app.paths.resources import resource_path
from app.paths.user_paths import data_dir
from app.presets.preset import (
    PRESET_FILE,
    Preset,
    PresetError,
    file_sha256,
    read_preset_file,
    validate_preset,
)
from engine.storage.atomic_file import write_bytes_atomic


@dataclass(frozen=True)
class LibraryEntry:
    """A preset found in the library: where its folder is, and whether it may be changed."""

    name: str
    folder: Path
    preset: Preset | None  # None when the folder holds a damaged preset (see error)
    read_only: bool = False  # bundled with Storyreel
    error: str | None = None


def library_dir() -> Path:
    """The user's preset folder (in the data folder; STORYREEL_HOME moves it)."""
    return data_dir() / "presets"


def bundled_dir() -> Path:
    """The presets shipped with Storyreel, offered read-only."""
    return resource_path("presets")


def _scan(root: Path, read_only: bool) -> list[LibraryEntry]:
    entries: list[LibraryEntry] = []
    if not root.is_dir():
        return entries
    for folder in sorted(root.iterdir(), key=lambda p: p.name.casefold()):
        if folder.name.startswith(".") or not (folder / PRESET_FILE).is_file():
            continue
        try:
            entries.append(
                LibraryEntry(folder.name, folder, read_preset_file(folder / PRESET_FILE), read_only)
            )
        except PresetError as exc:
            entries.append(LibraryEntry(folder.name, folder, None, read_only, str(exc)))
    return entries


def list_presets() -> list[LibraryEntry]:
    """The user's presets, then the bundled ones they do not shadow, each sorted by name."""
    user = _scan(library_dir(), read_only=False)
    names = {entry.name for entry in user}
    return user + [entry for entry in _scan(bundled_dir(), read_only=True) if entry.name not in names]


def find_preset(name: str) -> LibraryEntry:
    """The library entry of a preset; raises PresetError if there is none or it is damaged."""
    for entry in list_presets():
        if entry.name == name:
            if entry.preset is None:
                raise PresetError(entry.error or f"preset {name!r} is damaged")
            return entry
    raise PresetError(f"no preset named {name!r} in the library ({library_dir()})")


def check_assets(preset: Preset, folder: Path) -> None:
    """Raise PresetError if an asset is missing or cannot be used (LUTs and logos are opened)."""
    from engine.looks.grade import LutError, read_lut
    from engine.looks.watermark import WatermarkError, read_logo

    for relative in preset.assets():
        if not (folder / relative).is_file():
            raise PresetError(f"preset {preset.name!r}: missing file {relative} in {folder}")
    try:
        if preset.grade is not None:
            read_lut(folder / preset.grade.lut)
        if preset.watermark is not None:
            read_logo(folder / preset.watermark.image)
    except (LutError, WatermarkError) as exc:
        raise PresetError(f"preset {preset.name!r}: {exc}") from None
    if preset.font is not None:
        from engine.film.font_file import FontError, check_font_file

        if preset.font_license is None:
            raise PresetError(f"preset {preset.name!r}: the font {preset.font} comes without its licence")
        try:
            check_font_file(folder / preset.font)
        except FontError as exc:
            raise PresetError(f"preset {preset.name!r}: {exc}") from None
    for lora in preset.loras:
        _check_safetensors(folder / lora.file)
    for member in preset.cast:
        for relative in member.images:
            check_cast_image(folder, relative, f"preset {preset.name!r}, cast member {member.name!r}")


def check_cast_image(folder: Path, relative: str, what: str) -> Path:
    """The path of a preset's cast image, refused (PresetError) unless it is inside folder (no symlink
    on the way) and an image a shot can use; read bounded, as shot images are."""
    from app.project.media_paths import UnsafePath, contained
    from engine.generation.still_image import MAX_IMAGE_BYTES, ImageError, read_still

    try:
        path = contained(folder, relative)
        with open(path, "rb") as handle:
            read_still(handle.read(MAX_IMAGE_BYTES + 1), f"{what}: {relative}")
    except (UnsafePath, ImageError) as exc:
        raise PresetError(str(exc)) from None
    except OSError as exc:
        raise PresetError(f"{what}: {relative} cannot be read ({exc.strerror or exc})") from None
    return path


def _check_safetensors(path: Path) -> None:
    """A cheap check that a file is a safetensors file holding LoRA weights (its header only)."""
    try:
        with open(path, "rb") as handle:
            size = int.from_bytes(handle.read(8), "little")
            header = json.loads(handle.read(size)) if 0 < size < 100_000_000 else None
    except (OSError, ValueError, UnicodeDecodeError):
        header = None
    if not isinstance(header, dict):
        raise PresetError(f"{path}: not a .safetensors file")
    if not any("lora" in key for key in header if key != "__metadata__"):
        raise PresetError(f"{path}: holds no LoRA weights (no 'lora' tensors)")


def write_preset_folder(
    preset: Preset, folder: Path, sources: dict[str, Path] | None = None, checked: bool = False
) -> None:
    """Write preset.json and copy its assets (relative name -> source file) into folder, hashing them."""
    validate_preset(preset)
    folder.mkdir(parents=True, exist_ok=True)
    for relative, source in (sources or {}).items():
        target = folder / relative
        if Path(source).resolve() != target.resolve():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
    if not checked:  # checked: the caller has just opened these very files (a 256³ LUT takes seconds)
        check_assets(preset, folder)
    for ref, attr in [(lora, "file") for lora in preset.loras] + [
        (ref, name) for ref, name in ((preset.grade, "lut"), (preset.watermark, "image")) if ref is not None
    ]:
        ref.sha256 = file_sha256(folder / getattr(ref, attr))
    data = json.dumps(preset.to_dict(), ensure_ascii=False, indent=2) + "\n"
    write_bytes_atomic(folder / PRESET_FILE, data.encode("utf-8"))


def save_preset(
    preset: Preset, sources: dict[str, Path] | None = None, replace: str | None = None, checked: bool = False
) -> Path:
    """Create or update a user preset (replace: its old name, when renamed); returns its folder.

    checked: every asset in sources has just passed check_assets, so it is not opened again.
    """
    root = library_dir()
    root.mkdir(parents=True, exist_ok=True)
    folder = root / preset.name
    old = root / replace if replace else folder
    if folder.exists() and folder != old:
        raise PresetError(f"a preset named {preset.name!r} already exists")
    # Assets the preset keeps come from its previous folder; new ones from anywhere.
    sources = dict(sources or {})
    for relative in preset.assets():
        if relative not in sources and (old / relative).is_file():
            sources[relative] = old / relative
    staging = Path(tempfile.mkdtemp(prefix=".new-", dir=root))
    try:
        write_preset_folder(preset, staging, sources, checked)
        backup = None
        if old.exists():
            backup = root / f".old-{old.name}"
            shutil.rmtree(backup, ignore_errors=True)
            old.rename(backup)
        staging.rename(folder)
        if backup is not None:
            shutil.rmtree(backup, ignore_errors=True)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return folder


def delete_preset(name: str) -> None:
    """Remove a user preset's folder (bundled presets cannot be deleted)."""
    folder = library_dir() / name
    if not (folder / PRESET_FILE).is_file():
        raise PresetError(f"no user preset named {name!r} (bundled presets cannot be deleted)")
    shutil.rmtree(folder)


def duplicate_preset(name: str, new_name: str | None = None) -> Preset:
    """Copy a preset (user or bundled) to a new user preset; returns the copy."""
    entry = find_preset(name)
    taken = {e.name for e in list_presets()}
    new_name = new_name or next(
        n for n in (f"{name} copy", *(f"{name} copy {i}" for i in range(2, 1000))) if n not in taken
    )
    if new_name in taken:
        raise PresetError(f"a preset named {new_name!r} already exists")
    copy = read_preset_file(entry.folder / PRESET_FILE)
    copy.name = new_name
    save_preset(copy, {relative: entry.folder / relative for relative in copy.assets()})
    return copy


def unique_name(name: str) -> str:
    """name, or name with a number after it, so that no library preset has it yet."""
    taken = {e.name for e in list_presets()}
    if name not in taken:
        return name
    return next(f"{name} {i}" for i in range(2, 10_000) if f"{name} {i}" not in taken)
