"""Presets as single .reelstyle files (a zip of preset.json and its assets), for sharing."""

from __future__ import annotations

import json
import tempfile
import zipfile
from pathlib import Path, PurePosixPath

from app.presets.library import check_assets, find_preset, library_dir, list_presets, save_preset
from app.presets.preset import PRESET_FILE, Preset, PresetError, preset_from_dict
from app.project.json_limits import loads_strict
from app.project.media_paths import UnsafePath, contained
from engine.film.font_file import MAX_FONT_BYTES
from engine.looks.cube_lut import MAX_CUBE_BYTES
from engine.storage.atomic_file import atomic_path, open_unlinked

STYLE_SUFFIX = ".reelstyle"
MAX_ARCHIVE_BYTES = 4 << 30  # uncompressed: LoRA files can be large, but not unbounded
MAX_MEMBERS = 256
MAX_PRESET_JSON_BYTES = 1 << 20
MAX_OTHER_BYTES = 16 << 20
# Per kind: a 256³ .cube is about 450 MB of text, a logo PNG a few MB, a LoRA up to a few GB.
MEMBER_LIMITS = {
    ".cube": MAX_CUBE_BYTES,
    ".png": 64 << 20,
    ".safetensors": MAX_ARCHIVE_BYTES,
    ".ttf": MAX_FONT_BYTES,
    ".otf": MAX_FONT_BYTES,
}
MAX_RATIO = 50  # unpacked over stored size; LUT text deflates about 3 to 5 times
BOMB_FLOOR = 1 << 20  # tiny files may compress as well as they like
CHUNK = 1 << 20


def export_preset(name: str, dest: Path) -> Path:
    """Write a library preset and its assets to one .reelstyle file (atomically); returns the path."""
    entry = find_preset(name)
    preset = entry.preset
    assert preset is not None
    dest = Path(dest)
    if dest.suffix.lower() != STYLE_SUFFIX:
        dest = dest.with_name(dest.name + STYLE_SUFFIX)
    try:
        with (
            atomic_path(dest) as tmp,
            open_unlinked(tmp) as out,
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive,
        ):
            archive.writestr(PRESET_FILE, json.dumps(preset.to_dict(), ensure_ascii=False, indent=2) + "\n")
            for relative in sorted(set(preset.assets())):
                # LoRA weights barely compress: store them to save time.
                kind = zipfile.ZIP_STORED if relative.endswith(".safetensors") else zipfile.ZIP_DEFLATED
                # Never through a symlink: a file shared with others holds only the preset's own files.
                archive.write(contained(entry.folder, relative), relative, compress_type=kind)
    except OSError as exc:
        raise PresetError(f"{dest}: cannot be written ({exc})") from None
    except UnsafePath as exc:
        raise PresetError(f"preset {name!r}: {exc}") from None
    return dest


def member_limit(name: str) -> int:
    """The most bytes one file of a preset may unpack to, by its kind."""
    if name == PRESET_FILE:
        return MAX_PRESET_JSON_BYTES
    return MEMBER_LIMITS.get(PurePosixPath(name).suffix.lower(), MAX_OTHER_BYTES)


def check_members(path: Path, infos: dict[str, zipfile.ZipInfo], wanted: list[str]) -> None:
    """Refuse, from the zip's directory alone and before a byte is unpacked, sizes no preset has."""
    total = 0
    for name in wanted:
        info = infos[name]
        if info.file_size > member_limit(name):
            raise PresetError(
                f"{path}: {name} unpacks to {info.file_size >> 20} MB, more than the "
                f"{member_limit(name) >> 20} MB a preset's {PurePosixPath(name).suffix or name} may have"
            )
        # Real assets (LUT text, PNGs, weights) compress a few times at most; a bomb, a thousand times.
        if info.file_size > BOMB_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise PresetError(
                f"{path}: {name} would unpack {info.file_size // max(info.compress_size, 1)} times larger "
                "than it is stored; that is a zip bomb, not a preset"
            )
        total += info.file_size
    if total > MAX_ARCHIVE_BYTES:
        raise PresetError(f"{path}: too large to be a preset (over {MAX_ARCHIVE_BYTES >> 30} GB unpacked)")


def _unpack(archive: zipfile.ZipFile, info: zipfile.ZipInfo, target: Path) -> None:
    """Copy one member to target in chunks, stopping at its declared size (zip headers can lie)."""
    left = info.file_size
    with archive.open(info) as src, open(target, "wb") as dst:
        while chunk := src.read(min(CHUNK, left + 1)):
            left -= len(chunk)
            if left < 0:
                raise PresetError(f"{info.filename} holds more than its declared size")
            dst.write(chunk)


def read_archive(path: Path, into: Path) -> Preset:
    """Unpack a .reelstyle into an empty folder and return its preset; raises PresetError.

    Nothing is unpacked before every listed file has passed its size and ratio limits, and each
    is streamed to disk in chunks: a hostile file costs a few megabytes of memory at most.
    """
    path = Path(path)
    try:
        archive = zipfile.ZipFile(path)
    except FileNotFoundError:
        raise PresetError(f"{path}: no such file") from None
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise PresetError(f"{path}: not a .reelstyle preset file ({exc})") from None
    with archive:
        members = archive.infolist()
        if len(members) > MAX_MEMBERS:
            raise PresetError(f"{path}: holds {len(members)} files; a preset has at most {MAX_MEMBERS}")
        infos = {m.filename: m for m in members}  # a repeated name: the last one, as zipfile reads it
        if PRESET_FILE not in infos:
            raise PresetError(f"{path}: not a .reelstyle preset file (no {PRESET_FILE} inside)")
        check_members(path, infos, [PRESET_FILE])
        try:
            with archive.open(infos[PRESET_FILE]) as handle:
                text = handle.read(MAX_PRESET_JSON_BYTES + 1).decode("utf-8-sig")
            doc = loads_strict(text)
        except (ValueError, UnicodeDecodeError) as exc:  # UnsafeJson and JSONDecodeError included
            raise PresetError(f"{path}: its {PRESET_FILE} is not valid JSON ({exc})") from None
        except (zipfile.BadZipFile, OSError, EOFError) as exc:
            raise PresetError(f"{path}: damaged ({exc})") from None
        preset = preset_from_dict(doc, f"{path} ({PRESET_FILE})")
        wanted = sorted(set(preset.assets()))
        missing = [relative for relative in wanted if relative not in infos]
        if missing:
            raise PresetError(f"{path}: the preset names {missing[0]}, which the file does not contain")
        check_members(path, infos, [PRESET_FILE, *wanted])
        for relative in wanted:
            # The schema already refuses absolute paths and '..'; only listed files are unpacked.
            target = into.joinpath(*PurePosixPath(relative).parts)
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
                _unpack(archive, infos[relative], target)
            except PresetError as exc:
                raise PresetError(f"{path}: {exc}") from None
            except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError) as exc:
                raise PresetError(f"{path}: {relative} cannot be unpacked ({exc})") from None
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
        save_preset(preset, sources, checked=True)  # read_archive has just checked every asset
    return preset
