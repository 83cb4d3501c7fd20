"""Ordered migrations of project files from older integer format versions to the current one."""

from __future__ import annotations

from collections.abc import Callable

from engine.errors import StoryreelError
from engine.values import is_json_int

# The format this version of Storyreel writes.
FORMAT_VERSION = 1

# MIGRATIONS[n] turns a format-n document into a format-(n+1) one. Each step is a pure function on
# the parsed JSON, so a failed migration leaves the file on disk untouched.
Migration = Callable[[dict], dict]
MIGRATIONS: dict[int, Migration] = {}


class MigrationError(StoryreelError):
    """A document could not be brought to the current format."""

    hint = "The file may come from a newer Storyreel; update the app, or open its backup."


def migrate(
    doc: dict, target: int = FORMAT_VERSION, migrations: dict[int, Migration] | None = None
) -> tuple[dict, int]:
    """Apply each step from the document's version up to target; returns (document, original version).

    `migrations` defaults to the project file's; other versioned formats (presets) pass their own.
    """
    steps = MIGRATIONS if migrations is None else migrations
    original = doc.get("format_version")
    if not is_json_int(original):
        raise MigrationError("format_version is missing or not an integer")
    version = original
    while version < target:
        step = steps.get(version)
        if step is None:
            raise MigrationError(f"no migration from format {version} to {version + 1}")
        try:
            doc = step(dict(doc))
        except Exception as exc:  # a broken step must not escape as a traceback
            raise MigrationError(f"migrating from format {version} failed: {exc}") from exc
        version += 1
        doc["format_version"] = version
    return doc, original
