"""SchemaCheck: a bundled JSON Schema compiled to Python code, with jsonschema's message when it refuses."""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from typing import Any

from app.paths.resources import resource_path


class SchemaCheck:
    """Validates documents against one schema in resources/: fast when valid, readable when not."""

    def __init__(self, *parts: str) -> None:
        self._parts = parts

    @functools.cached_property
    def _schema(self) -> dict[str, Any]:
        schema: dict[str, Any] = json.loads(resource_path(*self._parts).read_text(encoding="utf-8"))
        return schema

    @functools.cached_property
    def _compiled(self) -> Callable[[Any], Any]:
        import fastjsonschema

        # use_default=False: a check must never fill defaults into the document it checks.
        return fastjsonschema.compile(self._schema, use_default=False, use_formats=False)

    @functools.cached_property
    def _full(self) -> Any:
        import jsonschema

        return jsonschema.Draft202012Validator(self._schema)

    def passes(self, doc: object) -> bool:
        """Whether the compiled schema takes doc (a 2,000-shot film in milliseconds)."""
        import fastjsonschema

        try:
            self._compiled(doc)
        except fastjsonschema.JsonSchemaException:
            return False
        return True

    def first_error(self, doc: object) -> tuple[str, str] | None:
        """(where, what) of the most telling violation, or None if doc follows the schema."""
        if self.passes(doc):
            return None
        return self.full_error(doc)

    def full_error(self, doc: object) -> tuple[str, str] | None:
        """The same answer from jsonschema itself (slow; its message is the one people read)."""
        import jsonschema

        error = jsonschema.exceptions.best_match(self._full.iter_errors(doc))
        if error is None:
            return None
        place = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in error.absolute_path).lstrip(".")
        return place or "(top level)", str(error.message)
