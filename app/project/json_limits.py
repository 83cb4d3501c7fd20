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
# An integer literal is a run of digits in the text: without a run longer than the bound, none can be
# too long, and the parser need not call back into Python for each of a film's thousands of integers.
# Found by mapping each byte to b"0" (an ASCII digit) or b" " (what JSON numbers cannot hold).
_DIGIT_BYTES = bytes(48 if 48 <= b <= 57 else 32 for b in range(256))
_LONG_RUN = b"0" * (MAX_INT_DIGITS + 1)


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
    encoded = _encoded(text)
    long_runs = encoded is None or _LONG_RUN in encoded.translate(_DIGIT_BYTES)
    try:
        doc = json.loads(
            text,
            parse_constant=_refuse_constant,
            parse_float=_parse_float,
            parse_int=_parse_int if long_runs else None,
        )
    except RecursionError:
        raise UnsafeJson(f"the file is nested more than {MAX_DEPTH} levels deep") from None
    if encoded is None or _SURROGATE_ESCAPE.search(text):
        check_tree(doc)
    else:
        _check_depth(doc)
    return doc


def _encoded(text: str) -> bytes | None:
    """text as UTF-8, or None if it holds a lone surrogate."""
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        return None


_CONTAINERS = (dict, list)  # json.loads makes exactly these


def _check_depth(doc: Any) -> None:
    """check_tree's depth bound alone, visiting containers only, one level at a time."""
    level: list[Any] = [doc] if isinstance(doc, dict | list) else []
    depth = 1
    while level:
        if depth > MAX_DEPTH:
            raise UnsafeJson(f"the file is nested more than {MAX_DEPTH} levels deep")
        below: list[Any] = []
        # An empty container has nothing below it: only at the last allowed level must it be seen (to be
        # refused one level further down). A film's takes hold thousands of empty dicts.
        last = depth + 1 > MAX_DEPTH
        for value in level:
            items = value.values() if type(value) is dict else value
            below += [item for item in items if type(item) in _CONTAINERS and (item or last)]
        level, depth = below, depth + 1
