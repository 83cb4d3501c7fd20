"""Presets as single .reelstyle files (a zip of preset.json and its assets), for sharing."""

from __future__ import annotations

import json
import shutil
import tempfile
import zipfile
from pathlib import Path, PurePosixPath

from app.presets.library import check_assets, find_preset, library_dir, list_presets, save_preset
from app.presets.preset import PRESET_FILE, Preset, PresetError, preset_from_dict

STYLE_SUFFIX = ".reelstyle"
MAX_ARCHIVE_BYTES = 4 << 30  # uncompressed: LoRA files can be large, but not unbounded


def export_preset(name: str, dest: Path) -> Path:
    """Write a library preset and its assets to one .reelstyle file (atomically); returns the path."""
    entry = find_preset(name)
    preset = entry.preset
    assert preset is not None
    dest = Path(dest)
    if dest.suffix.lower() != STYLE_SUFFIX:
        dest = dest.with_name(dest.name + STYLE_SUFFIX)
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(f".{dest.name}.tmp")
    try:
        with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr(PRESET_FILE, json.dumps(preset.to_dict(), ensure_ascii=False, indent=2) + "\n")
            for relative in sorted(set(preset.assets())):
                # LoRA weights barely compress: store them to save time.
                kind = zipfile.ZIP_STORED if relative.endswith(".safetensors") else zipfile.ZIP_DEFLATED
                archive.write(entry.folder / relative, relative, compress_type=kind)
        tmp.replace(dest)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise PresetError(f"{dest}: cannot be written ({exc})") from None
    return dest


def read_archive(path: Path, into: Path) -> Preset:
    """Unpack a .reelstyle into an empty folder and return its preset; raises PresetError."""
    path = Path(path)
    try:
        archive = zipfile.ZipFile(path)
    except FileNotFoundError:
        raise PresetError(f"{path}: no such file") from None
    except (zipfile.BadZipFile, OSError) as exc:
        raise PresetError(f"{path}: not a .reelstyle preset file ({exc})") from None
    with archive:
        members = archive.infolist()
        if sum(m.file_size for m in members) > MAX_ARCHIVE_BYTES:
            raise PresetError(f"{path}: too large to be a preset")
        names = {m.filename for m in members}
        if PRESET_FILE not in names:
            raise PresetError(f"{path}: not a .reelstyle preset file (no {PRESET_FILE} inside)")
        try:
            doc = json.loads(archive.read(PRESET_FILE).decode("utf-8-sig"))
        except (ValueError, UnicodeDecodeError) as exc:
            raise PresetError(f"{path}: its {PRESET_FILE} is not valid JSON ({exc})") from None
        preset = preset_from_dict(doc, f"{path} ({PRESET_FILE})")
        for relative in set(preset.assets()):
            # The schema already refuses absolute paths and '..'; only listed files are unpacked.
            if relative not in names:
                raise PresetError(f"{path}: the preset names {relative}, which the file does not contain")
            target = into.joinpath(*PurePosixPath(relative).parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            with archive.open(relative) as src, open(target, "wb") as dst:
                shutil.copyfileobj(src, dst)
    try:
        check_assets(preset, into)
    except PresetError as exc:
        raise PresetError(f"{path}: {exc}") from None
    return preset


def import_preset(path: Path, replace: bool = False, rename: str | None = None) -> Preset:
    """Add a .reelstyle file to the user library; an existing name is an error unless replace."""
    root = library_dir()
    root.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".import-", dir=root) as tmp:
        preset = read_archive(path, Path(tmp))
        if rename:
            preset.name = rename
        existing = {e.name: e for e in list_presets()}
        if preset.name in existing and not existing[preset.name].read_only and not replace:
            raise PresetError(
                f"a preset named {preset.name!r} is already in the library "
                "(replace it, or import under another name)"
            )
        sources = {relative: Path(tmp, relative) for relative in preset.assets()}
        save_preset(preset, sources)
    return preset
