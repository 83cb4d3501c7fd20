"""Reading and writing .cube LUT files (Adobe/Iridas and Resolve 1D or 3D), as numpy tables.

Why not a library: colour-science reads .cube well, but importing it without Matplotlib puts
MagicMock objects into sys.modules["matplotlib"], after which `import diffusers` fails; pillow-lut
reads 3D tables only and ignores DOMAIN_MIN/MAX. The format is small; tests check this reader
against ffmpeg's own (lut3d/lut1d through PyAV).
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from engine.errors import StoryreelError

if TYPE_CHECKING:
    import numpy as np

MAX_3D, MAX_1D = 256, 65536  # ffmpeg's limits
# A 256³ table written with 8 decimals and CRLF is about 560 MB; anything beyond is not a LUT.
MAX_CUBE_BYTES = 1 << 30
MAX_LINE = 4096  # characters in one line: a row is three numbers, a title a short text
CHUNK_BYTES = 1 << 20  # text parsed at a time: small next to a large table, big enough for numpy
_KEYWORD = re.compile(r"^[A-Z][A-Z0-9_]*$")


class LutError(StoryreelError, ValueError):
    """A LUT file could not be read or used; the message names the file."""

    hint = "Choose another .cube file for the look, or export the LUT again from your grading tool."


def read_cube(path: Path | str) -> tuple[str, np.ndarray, np.ndarray]:
    """Read a .cube file as ("3d" | "1d", table, domain (2, 3)); raises LutError naming the file.

    A 3D table is (N, N, N, 3) indexed [r, g, b] (red varies fastest in the file); a 1D table is
    (M, 3), one column per channel. Values are in output units (normally 0..1). The file is
    streamed: the table is allocated once from the size line and filled chunk by chunk, so a
    256³ LUT costs its table and a few megabytes, never the text as well.
    """
    import numpy as np

    path = Path(path)

    def bad(problem: str) -> LutError:
        return LutError(f"{path}: not a readable .cube LUT ({problem})")

    try:
        handle = open(path, "rb")
    except FileNotFoundError:
        raise LutError(f"{path}: LUT file not found") from None
    except OSError as exc:
        raise LutError(f"{path}: not a readable .cube LUT ({exc})") from None
    with handle:
        if os.fstat(handle.fileno()).st_size > MAX_CUBE_BYTES:
            raise bad(f"the file is over {MAX_CUBE_BYTES >> 20} MB, more than a 256³ table needs")
        key, size, domain, first_row = _read_header(handle, bad)
        kind = "3d" if key == "LUT_3D_SIZE" else "1d"
        rows = size * size if kind == "3d" else size  # one plane of a 3D table (blue fixed), or all
        table = np.empty((size, size, size, 3) if kind == "3d" else (size, 3), dtype=np.float32)
        plane = np.empty((rows, 3), dtype=np.float32)
        filled = done = 0  # rows in the current plane; planes finished
        expected = size**3 if kind == "3d" else size
        for block in _table_blocks(handle, first_row, bad):
            while len(block):
                if done * rows + filled + len(block) > expected:
                    raise bad(f"{key} {size} needs {expected} rows, the file has more")
                take = min(rows - filled, len(block))
                plane[filled : filled + take] = block[:take]
                block, filled = block[take:], filled + take
                if filled == rows:
                    if kind == "3d":  # the file's rows run red fastest: plane[g * N + r] is [r, g, b]
                        table[:, :, done] = plane.reshape(size, size, 3).transpose(1, 0, 2)
                    else:
                        table[:] = plane
                    filled, done = 0, done + 1
    count = done * rows + filled
    if count != expected:
        raise bad(f"{key} {size} needs {expected} rows, the file has {count}")
    if not np.all(np.isfinite(table)) or np.any(domain[1] <= domain[0]):
        raise LutError(f"{path}: the LUT holds invalid values or an empty domain")
    return kind, table, domain


def _read_header(handle: BinaryIO, bad: Callable[[str], LutError]) -> tuple[str, int, np.ndarray, str]:
    """The keyword lines before the table: its size keyword and size, the domain, and the first row."""
    import numpy as np

    sizes: dict[str, int] = {}
    domain = np.array([[0.0] * 3, [1.0] * 3])
    first_row = ""
    number = 0
    while True:
        raw = handle.readline(MAX_LINE + 1)
        if not raw:
            break
        number += 1
        if len(raw) > MAX_LINE:
            raise bad(f"line {number} is longer than {MAX_LINE} characters")
        try:
            line = raw.decode("utf-8-sig" if number == 1 else "utf-8").strip()
        except UnicodeDecodeError:
            raise bad(f"line {number} is not UTF-8 text") from None
        if not line or line.startswith("#") or line.startswith("TITLE"):
            continue
        key, *values = line.split("#", 1)[0].split()
        if not _KEYWORD.match(key):  # the first table row (numbers, nan and inf included)
            if len(values) != 2:
                raise bad(f"line {number} should hold three numbers")
            first_row = line
            break
        try:
            if key in ("LUT_1D_SIZE", "LUT_3D_SIZE"):
                sizes[key] = int(values[0])
            elif key in ("DOMAIN_MIN", "DOMAIN_MAX"):
                domain[0 if key == "DOMAIN_MIN" else 1] = [float(v) for v in values[:3]]
                if len(values) != 3:
                    raise ValueError
            elif key in ("LUT_1D_INPUT_RANGE", "LUT_3D_INPUT_RANGE"):  # Resolve's spelling of the domain
                domain[:] = [[float(values[0])] * 3, [float(values[1])] * 3]
        except (ValueError, IndexError):
            raise bad(f"line {number}: {line[:60]!r}") from None
        # Other keywords (LUT_IN_VIDEO_RANGE and the like) do not change the table.
    if len(sizes) != 1:
        raise bad(
            "it needs exactly one of LUT_1D_SIZE and LUT_3D_SIZE"
            if sizes
            else "no LUT_1D_SIZE or LUT_3D_SIZE line"
        )
    ((key, size),) = sizes.items()
    limit = MAX_3D if key == "LUT_3D_SIZE" else MAX_1D
    if not 2 <= size <= limit:
        raise bad(f"{key} {size} is outside 2..{limit}")
    return key, size, domain, first_row


def _table_blocks(handle: BinaryIO, first_row: str, bad: Callable[[str], LutError]) -> Iterator[np.ndarray]:
    """The table's rows as (k, 3) float32 arrays, parsed by numpy a chunk of text at a time."""
    import numpy as np

    tail = first_row.encode("utf-8") + b"\n"
    while True:
        chunk = handle.read(CHUNK_BYTES)
        text, tail = (tail + chunk).rpartition(b"\n")[::2] if chunk else (tail, b"")
        if len(tail) > MAX_LINE:
            raise bad(f"a table line is longer than {MAX_LINE} characters")
        if text.strip():
            try:
                # From bytes: numpy's C reader parses them without a decoded copy of the text.
                block = np.loadtxt(io.BytesIO(text), dtype=np.float32, comments="#", ndmin=2, encoding=None)
            except ValueError as exc:
                what = (
                    "a table row is not three numbers"
                    if "columns" in str(exc)
                    else "a table value is not a number"
                )
                raise bad(f"{what}: {exc}") from None
            if block.size and block.shape[1] != 3:
                raise bad(f"a table row should hold three numbers, not {block.shape[1]}")
            yield block.reshape(-1, 3)
        if not chunk:
            return


def write_cube(path: Path | str, table: np.ndarray, title: str = "") -> None:
    """Write a 3D (N, N, N, 3) [r, g, b] or 1D (M, 3) table as a .cube file (domain 0..1)."""
    import numpy as np

    table = np.asarray(table, dtype=np.float64)
    lines = [f'TITLE "{title}"'] if title else []
    if table.ndim == 4:
        lines.append(f"LUT_3D_SIZE {table.shape[0]}")
        rows = table.transpose(2, 1, 0, 3).reshape(-1, 3)  # red fastest
    else:
        lines.append(f"LUT_1D_SIZE {table.shape[0]}")
        rows = table
    lines += [f"{r:.6f} {g:.6f} {b:.6f}" for r, g, b in rows]
    Path(path).write_text("\n".join(lines) + "\n", encoding="utf-8")


def identity_lattice(size: int) -> np.ndarray:
    """The identity 3D table: (size, size, size, 3), [r, g, b] -> (r, g, b) in 0..1."""
    import numpy as np

    axis = np.linspace(0.0, 1.0, size)
    return np.stack(np.meshgrid(axis, axis, axis, indexing="ij"), axis=-1)
