"""JSON from files people share, parsed with bounds: finite numbers, short integers, shallow nesting."""

from __future__ import annotations

import json
import math
import re
from typing import Any

from engine.errors import StoryreelError

MAX_DEPTH = 64  # a project is about 6 levels deep; embedded presets add a few
MAX_INT_DIGITS = 40  # far beyond any seed or size, and far below Python's 4,300-digit limit
# In decoded text only an escape from \uD800 to \uDFFF makes a lone surrogate: text without one (and
# none raw) needs no look at each string, and its tree is walked for depth alone, containers only.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


class UnsafeJson(StoryreelError, ValueError):
    """Valid JSON that Storyreel will not take: the message says what and where to look."""

    hint = "The file was made or changed by something other than Storyreel: open a copy you trust."


def _refuse_constant(name: str) -> float:
    raise UnsafeJson(f"the file holds {name}, which is not a number JSON allows")


def _parse_int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_INT_DIGITS:
        raise UnsafeJson(f"the file holds an integer of {len(text)} digits (at most {MAX_INT_DIGITS})")
    return int(text)


def _parse_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise UnsafeJson(f"the file holds the number {text[:40]}, too large to be used")
    return value


def check_tree(doc: Any) -> None:
    """Refuse nesting deeper than MAX_DEPTH and strings that are not valid Unicode (lone surrogates)."""
    stack: list[tuple[Any, int]] = [(doc, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, str):
            _check_text(value)
            continue
        if not isinstance(value, dict | list):
            continue
        if depth > MAX_DEPTH:
            raise UnsafeJson(f"the file is nested more than {MAX_DEPTH} levels deep")
        if isinstance(value, dict):
            for key, item in value.items():
                _check_text(key)
                stack.append((item, depth + 1))
        else:
            stack.extend((item, depth + 1) for item in value)


def _check_text(text: str) -> None:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise UnsafeJson(
            f"the text {text[:40]!r} is not valid Unicode (a lone surrogate): it cannot be saved"
        ) from None


def loads_strict(text: str) -> Any:
    """json.loads, refusing NaN, Infinity, huge numbers, deep nesting and invalid Unicode (UnsafeJson).

    Malformed JSON still raises json.JSONDecodeError, so callers can say where it breaks.
    """
    try:
        doc = json.loads(
            text, parse_constant=_refuse_constant, parse_int=_parse_int, parse_float=_parse_float
        )
    except RecursionError:
        raise UnsafeJson(f"the file is nested more than {MAX_DEPTH} levels deep") from None
    if _SURROGATE_ESCAPE.search(text) or not _encodes(text):
        check_tree(doc)
    else:
        _check_depth(doc)
    return doc


def _encodes(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


_CONTAINERS = (dict, list)  # json.loads makes exactly these


def _check_depth(doc: Any) -> None:
    """check_tree's depth bound alone, visiting containers only."""
    stack: list[tuple[Any, int]] = [(doc, 1)] if isinstance(doc, dict | list) else []
    while stack:
        value, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise UnsafeJson(f"the file is nested more than {MAX_DEPTH} levels deep")
        items = value.values() if type(value) is dict else value
        stack.extend([(item, depth + 1) for item in items if type(item) in _CONTAINERS])
