"""SchemaCheck: a bundled JSON Schema compiled to Python code, with jsonschema's message when it refuses."""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import json
import logging
import marshal
import re
from collections.abc import Callable
from pathlib import Path
from types import CodeType
from typing import Any

from app.paths.resources import resource_path
from app.paths.user_paths import cache_dir
from engine.storage.atomic_file import write_bytes_atomic

log = logging.getLogger(__name__)

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
        code, root = _cached_code(resource_path(*self._parts).read_bytes(), self._generate)
        namespace: dict[str, Any] = {}
        exec(code, namespace)  # noqa: S102 - code made from our own schema
        validate: Callable[[Any], Any] = namespace[root]
        return validate

    def _generate(self) -> tuple[CodeType, str]:
        """fastjsonschema's code for the schema, made lean and compiled, and its root function's name."""
        import fastjsonschema

        # use_default=False: a check must never fill defaults into the document it checks.
        code = fastjsonschema.compile_to_code(
            self._schema, use_default=False, use_formats=False, detailed_exceptions=False
        )
        root = _FIRST_FUNCTION.search(code)
        assert root is not None, "fastjsonschema generated no function"
        return compile(lean_code(code), "<schema>", "exec"), root[1]

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


def _cached_code(schema: bytes, generate: Callable[[], tuple[CodeType, str]]) -> tuple[CodeType, str]:
    """The compiled check of a schema, kept in the user's cache between launches.

    Making it takes about 60 ms per schema, paid by every launch before the film could show. The
    key covers everything the code depends on: the schema, this module (lean_code), fastjsonschema
    and the interpreter's bytecode; a digest inside the file catches a torn or altered one.
    """
    from fastjsonschema import VERSION

    key = hashlib.sha256(
        b"\0".join([schema, Path(__file__).read_bytes(), VERSION.encode(), importlib.util.MAGIC_NUMBER])
    ).hexdigest()
    path = cache_dir() / "schemas" / f"{key}.bin"
    try:
        data = path.read_bytes()
        digest, payload = data[:32], data[32:]
        if hashlib.sha256(payload).digest() == digest:
            code, root = marshal.loads(payload)
            if isinstance(code, CodeType) and isinstance(root, str):
                return code, root
        log.info("schema cache %s is damaged; made again", path)
    except FileNotFoundError:
        pass
    except (OSError, ValueError, EOFError, TypeError):
        log.info("schema cache %s cannot be read; made again", path, exc_info=True)
    code, root = generate()
    payload = marshal.dumps((code, root))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_bytes_atomic(path, hashlib.sha256(payload).digest() + payload)
    except OSError:  # only a cache: the check works without it
        log.info("schema cache %s not written", path, exc_info=True)
    return code, root
