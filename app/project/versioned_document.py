"""The one loader of Storyreel's versioned JSON documents (projects, presets): kind and integer
version checked, the schema checked before and after the ordered migrations."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from app.project.migrations import Migration, MigrationError, migrate
from app.project.schema_check import SchemaCheck
from engine.errors import StoryreelError
from engine.values import is_json_int


class DocumentError(StoryreelError, ValueError):
    """A document is not one this version can read; the caller adds which file it came from."""


@functools.cache
def _schema_check(schema: tuple[str, ...]) -> SchemaCheck:
    return SchemaCheck(*schema)


@dataclass(frozen=True)
class DocumentFormat:
    """A versioned document kind: the version written, the migrations up to it, and its JSON Schema."""

    kind: str  # the word messages use: "project", "preset"
    version: int
    migrations: Mapping[int, Migration]
    schema: tuple[str, ...]  # the schema's path under resources/

    @property
    def check(self) -> SchemaCheck:
        """The schema, compiled: fast for a valid document, jsonschema's message for a refused one."""
        return _schema_check(self.schema)

    def validate(self, doc: Any) -> None:
        """Raise DocumentError, naming the place, unless doc follows the schema."""
        if not isinstance(doc, dict):
            raise DocumentError(f"the file holds JSON, but not a Storyreel {self.kind} (expected an object)")
        error = self.check.first_error(doc)
        if error is not None:
            raise DocumentError(f"invalid {self.kind} at {error[0]}: {error[1]}")

    def load(self, doc: Any) -> dict[str, Any]:
        """The document in the current format (a migrated copy); DocumentError says what is wrong."""
        if not isinstance(doc, dict):
            raise DocumentError(f"the file holds JSON, but not a Storyreel {self.kind} (expected an object)")
        version = doc.get("format_version")
        if not is_json_int(version):
            raise DocumentError(f"not a Storyreel {self.kind} (format_version is missing or not an integer)")
        if version > self.version:
            raise DocumentError(
                f"it was saved by a newer Storyreel ({self.kind} format {version}; this version reads up "
                f"to {self.version}). Update Storyreel to open it."
            )
        # Once per load: a current document is checked once; an older one also before its migration
        # steps, which may assume the shape their own format promised.
        if version != self.version:
            self.validate(doc)
        try:
            current, _ = migrate(dict(doc), self.version, dict(self.migrations))
        except MigrationError as exc:
            raise DocumentError(str(exc)) from None
        self.validate(current)
        return current
