"""LUT files for grade and preset tests."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from engine.looks.cube_lut import identity_lattice, write_cube


def write_3d(path: Path, size: int = 17, identity: bool = False) -> Path:
    """A 3D .cube: identity, or a strong non-linear grade with channel cross-talk."""
    table = identity_lattice(size)
    if not identity:
        r, g, b = table[..., 0], table[..., 1], table[..., 2]
        table = np.stack(
            [
                np.clip(r**0.7 * 0.9 + 0.1 * b, 0, 1),
                np.clip(0.5 * g + 0.5 * g**2 + 0.05 * r, 0, 1),
                np.clip(1 - (1 - b) ** 1.5, 0, 1),
            ],
            -1,
        )
    write_cube(path, table, "test look")
    return path
