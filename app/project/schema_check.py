"""SchemaCheck: a bundled JSON Schema compiled to Python code, with jsonschema's message when it refuses."""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable
from typing import Any

from app.paths.resources import resource_path

_FIRST_FUNCTION = re.compile(r"^def (\w+)\(", re.MULTILINE)
# Each call of a $ref's function is passed its place in the document for the exception's message,
# made with "....format(**locals())": a dict of every local per call, half the check's time on a
# 2,000-shot film. Only pass or fail is read here (jsonschema words a refusal), so the place is dropped.
_PLACE_ARGUMENT = re.compile(
    r'(custom_formats), \(name_prefix or "data"\) \+ "[^"\n]*"(?:\.format\(\*\*locals\(\)\))?\)$',
    re.MULTILINE,
)
# Without additionalProperties, the set of a dict's keys left unchecked is only ever shrunk: asking the
# dict itself answers the same.
_KEY_SET = re.compile(r"^ *(\w+_keys) = set\((\w+)\.keys\(\)\)$", re.MULTILINE)


def lean_code(code: str) -> str:
    """fastjsonschema's generated code without the work that cannot change whether a document passes."""
    code = _PLACE_ARGUMENT.sub(r"\1, None)", code)
    return "\ndef ".join(_without_key_sets(function) for function in code.split("\ndef "))


def _without_key_sets(function: str) -> str:
    """One generated function with `"x" in data` for each key set that is only ever shrunk."""
    for keys, data in set(_KEY_SET.findall(function)):
        tests = re.findall(rf'^ *if ("[^"\n]*") in {keys}:$', function, re.MULTILINE)
        removals = re.findall(rf'^ *{keys}\.remove\("[^"\n]*"\)$', function, re.MULTILINE)
        creations = re.findall(rf"^ *{keys} = set\(", function, re.MULTILINE)
        uses = len(re.findall(rf"\b{keys}\b", function))
        if uses != len(tests) + len(removals) + len(creations) or len(set(tests)) != len(tests):
            continue  # the leftover keys are read (additionalProperties), or a key is asked twice
        function = re.sub(
            rf"^ *{keys} = set\(\w+\.keys\(\)\)\n|^ *{keys}\.remove\(\"[^\"\n]*\"\)\n",
            "",
            function,
            flags=re.MULTILINE,
        )
        function = function.replace(f" in {keys}:", f" in {data}:")
    return function


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
        code = fastjsonschema.compile_to_code(
            self._schema, use_default=False, use_formats=False, detailed_exceptions=False
        )
        namespace: dict[str, Any] = {}
        exec(compile(lean_code(code), "<schema>", "exec"), namespace)  # noqa: S102 - code made from our own schema
        root = _FIRST_FUNCTION.search(code)
        assert root is not None, "fastjsonschema generated no function"
        validate: Callable[[Any], Any] = namespace[root[1]]
        return validate

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
