"""Reading and writing .cube LUT files (Adobe/Iridas and Resolve 1D or 3D), as numpy tables.

Why not a library: colour-science reads .cube well, but importing it without Matplotlib puts
MagicMock objects into sys.modules["matplotlib"], after which `import diffusers` fails; pillow-lut
reads 3D tables only and ignores DOMAIN_MIN/MAX. The format is small; tests check this reader
against ffmpeg's own (lut3d/lut1d through PyAV).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from engine.errors import StoryreelError

if TYPE_CHECKING:
    import numpy as np

MAX_3D, MAX_1D = 256, 65536  # ffmpeg's limits
_KEYWORD = re.compile(r"^[A-Z][A-Z0-9_]*$")


class LutError(StoryreelError, ValueError):
    """A LUT file could not be read or used; the message names the file."""

    hint = "Choose another .cube file for the look, or export the LUT again from your grading tool."


def read_cube(path: Path | str) -> tuple[str, np.ndarray, np.ndarray]:
    """Read a .cube file as ("3d" | "1d", table, domain (2, 3)); raises LutError naming the file.

    A 3D table is (N, N, N, 3) indexed [r, g, b] (red varies fastest in the file); a 1D table is
    (M, 3), one column per channel. Values are in output units (normally 0..1).
    """
    import numpy as np

    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig", errors="strict")
    except FileNotFoundError:
        raise LutError(f"{path}: LUT file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise LutError(f"{path}: not a readable .cube LUT ({exc})") from None

    def bad(problem: str) -> LutError:
        return LutError(f"{path}: not a readable .cube LUT ({problem})")

    sizes: dict[str, int] = {}
    domain = np.array([[0.0] * 3, [1.0] * 3])
    data: list[str] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#") or line.startswith("TITLE"):
            continue
        key, *values = line.split("#", 1)[0].split()
        if not _KEYWORD.match(key):  # a table row (numbers, nan and inf included, are caught below)
            if len(values) != 2:
                raise bad(f"line {number} should hold three numbers")
            data.append(line.split("#", 1)[0])
            continue
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
    expected = size**3 if key == "LUT_3D_SIZE" else size
    try:
        table = np.array(" ".join(data).split(), dtype=np.float32).reshape(-1, 3)
    except ValueError:
        raise bad("a table value is not a number") from None
    if len(table) != expected:
        raise bad(f"{key} {size} needs {expected} rows, the file has {len(table)}")
    if not np.all(np.isfinite(table)) or np.any(domain[1] <= domain[0]):
        raise LutError(f"{path}: the LUT holds invalid values or an empty domain")
    if key == "LUT_1D_SIZE":
        return "1d", table, domain
    return "3d", table.reshape(size, size, size, 3).transpose(2, 1, 0, 3).copy(), domain


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
