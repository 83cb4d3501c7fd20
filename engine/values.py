"""Plain values from outside (JSON documents, a server's words), checked and bounded one way."""

from __future__ import annotations

from typing import TypeGuard

MAX_TEXT = 300  # characters of someone else's words shown in a message


def is_json_int(value: object) -> TypeGuard[int]:
    """Whether a parsed JSON value is a whole number (true and false are not, though Python says int)."""
    return isinstance(value, int) and not isinstance(value, bool)


def is_json_number(value: object) -> TypeGuard[int | float]:
    """Whether a parsed JSON value is a number (true and false are not)."""
    return isinstance(value, int | float) and not isinstance(value, bool)


def shorten(text: str, limit: int = MAX_TEXT) -> str:
    """Text cut to `limit` characters, ending in "…" when something was cut."""
    return text if len(text) <= limit else text[:limit] + "…"
