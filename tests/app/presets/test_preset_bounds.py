"""Bounded preset import: bombs refused before unpacking, LUTs streamed, logos sized from the header."""

from __future__ import annotations

import json
import struct
import subprocess
import sys
import tracemalloc
import zipfile
import zlib
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from app.cli.main import run_cli
from app.presets.archive import MAX_PRESET_JSON_BYTES, import_preset
from app.presets.library import library_dir
from app.presets.preset import PresetError, preset_format
from engine.looks.cube_lut import read_cube
from engine.looks.watermark import WatermarkError, read_logo

ROOT = Path(__file__).resolve().parents[3]
DOC = {"format_version": 1, "name": "Bomb", "grade": {"lut": "look.cube", "strength": 1.0}}


def write_style(path: Path, doc: dict, members: dict[str, bytes | int]) -> Path:
    """A .reelstyle; an int member is that many bytes of one repeated LUT row, streamed (deflated)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("preset.json", json.dumps(doc))
        for name, content in members.items():
            if isinstance(content, bytes):
                archive.writestr(name, content)
                continue
            with archive.open(name, "w", force_zip64=True) as out:
                out.write(b"LUT_3D_SIZE 256\n")
                row = b"0 0 0\n" * (1 << 16)
                for _ in range(content // len(row)):
                    out.write(row)
    return path


def library_is_empty() -> bool:
    root = library_dir()
    return not root.exists() or not any(root.iterdir())


def test_a_zip_bomb_is_refused_before_it_is_unpacked(tmp_path, capsys):
    style = write_style(tmp_path / "bomb.reelstyle", DOC, {"look.cube": 64 << 20})
    assert style.stat().st_size < 1 << 20  # 64 MB of table in well under a megabyte
    preset_format().validate(DOC)  # the schema is compiled once per process: not what is measured here
    tracemalloc.start()
    try:
        with pytest.raises(PresetError, match="zip bomb"):
            import_preset(style)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 4 << 20, f"peak {peak >> 20} MB"
    assert library_is_empty()  # nothing unpacked, no staging folder left behind
    assert run_cli(["preset", "import", str(style)]) == 2
    assert "bomb.reelstyle" in capsys.readouterr().err


def test_each_kind_of_file_has_its_own_size_limit(tmp_path):
    big_json = {**DOC, "description": " " * (MAX_PRESET_JSON_BYTES + 10)}
    style = write_style(tmp_path / "big.reelstyle", big_json, {"look.cube": b"LUT_3D_SIZE 2\n"})
    with pytest.raises(PresetError, match="preset.json unpacks to"):
        import_preset(style)
    assert library_is_empty()


def test_a_lut_larger_than_256_cubed_is_refused_from_its_size_line(tmp_path):
    style = write_style(tmp_path / "huge.reelstyle", DOC, {"look.cube": b"LUT_3D_SIZE 4096\n0 0 0\n"})
    with pytest.raises(PresetError, match="outside 2..256"):
        import_preset(style)


def test_a_lut_with_more_rows_than_its_size_stops_at_once(tmp_path):
    path = tmp_path / "long.cube"
    path.write_bytes(b"LUT_3D_SIZE 2\n" + b"0 0 0\n" * 100)
    with pytest.raises(ValueError, match="has more"):
        read_cube(path)


def test_a_lut_line_without_end_is_not_read_whole(tmp_path):
    path = tmp_path / "line.cube"
    path.write_bytes(b"LUT_3D_SIZE 2\n0 0 0\n" + b"1" * (8 << 20))
    with pytest.raises(ValueError, match="longer than"):
        read_cube(path)


MEASURE = """
import resource, sys, time
sys.path.insert(0, {root!r})
from engine.looks.cube_lut import read_cube
import numpy as np
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
started = time.perf_counter()
kind, table, domain = read_cube(sys.argv[1])
seconds = time.perf_counter() - started
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(kind, table.nbytes, (peak - before) * 1024, seconds, float(table[1, 2, 3, 0]), float(table[1, 2, 3, 2]))
"""


def test_a_legitimate_lut_costs_less_than_twice_its_table(tmp_path):
    """Measured in a fresh process: the peak resident memory the read adds, over the table's size."""
    size = 128
    path = tmp_path / "big.cube"
    with open(path, "wb") as out:
        out.write(b'TITLE "measured"\nLUT_3D_SIZE 128\n')
        # Blue runs slowest; within a plane red fastest: each row carries its blue index.
        for b in range(size):
            out.write((f"0.5 0.25 {b / (size - 1):.6f}\n" * size * size).encode())
    script = MEASURE.format(root=str(ROOT))
    result = subprocess.run(
        [sys.executable, "-c", script, str(path)], capture_output=True, text=True, timeout=120, check=True
    )
    kind, nbytes, added, seconds, red, blue = result.stdout.split()
    assert kind == "3d" and int(nbytes) == size**3 * 3 * 4
    assert float(red) == 0.5 and float(blue) == pytest.approx(3 / 127, abs=1e-6)  # [r, g, b] indexing
    assert int(added) < 2 * int(nbytes), (
        f"the read added {int(added) >> 20} MB for a {int(nbytes) >> 20} MB table"
    )


def _png_claiming(path: Path, width: int, height: int) -> Path:
    """A 1×1 PNG whose header claims another size (what a decompression bomb's header looks like)."""
    Image.new("RGBA", (1, 1)).save(path)
    data = bytearray(path.read_bytes())
    ihdr = data.index(b"IHDR")
    data[ihdr + 4 : ihdr + 12] = struct.pack(">II", width, height)
    data[ihdr + 17 : ihdr + 21] = struct.pack(">I", zlib.crc32(bytes(data[ihdr : ihdr + 17])))
    path.write_bytes(bytes(data))
    return path


@pytest.mark.parametrize("width, height", [(20000, 10000), (6000, 6000)])
def test_a_huge_logo_is_refused_from_its_header(tmp_path, width, height):
    logo = _png_claiming(tmp_path / "logo.png", width, height)
    tracemalloc.start()
    try:
        with pytest.raises(WatermarkError, match="logo.png"):
            read_logo(logo)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 4 << 20


def test_a_huge_logo_in_a_preset_exits_2(tmp_path, capsys):
    logo = _png_claiming(tmp_path / "logo.png", 20000, 10000)
    doc = {"format_version": 1, "name": "Logo", "watermark": {"image": "logo.png"}}
    style = write_style(tmp_path / "logo.reelstyle", doc, {"logo.png": logo.read_bytes()})
    assert run_cli(["preset", "import", str(style)]) == 2
    err = capsys.readouterr().err
    assert "logo.reelstyle" in err and "logo" in err
    assert library_is_empty()


def test_an_ordinary_preset_still_imports(tmp_path):
    rows = np.random.default_rng(0).random((8, 3))
    cube = b"LUT_3D_SIZE 2\n" + "".join(f"{r:.6f} {g:.6f} {b:.6f}\n" for r, g, b in rows).encode()
    style = write_style(tmp_path / "ok.reelstyle", {**DOC, "name": "Fine"}, {"look.cube": cube})
    assert import_preset(style).name == "Fine"
    kind, table, _ = read_cube(library_dir() / "Fine" / "look.cube")
    assert kind == "3d" and np.allclose(table[1, 0, 0], rows[1], atol=1e-6)
