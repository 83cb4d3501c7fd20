"""Where the bundled resources (schemas, examples, icons) live."""

from __future__ import annotations

from pathlib import Path

RESOURCES = Path(__file__).resolve().parents[2] / "resources"


def resource_path(*parts: str) -> Path:
    """Path of a bundled resource file."""
    return RESOURCES.joinpath(*parts)
