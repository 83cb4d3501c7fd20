"""RowIndex: where an id sits in a list, found in O(1) and rebuilt lazily after a change shifts rows."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Generic, TypeVar

T = TypeVar("T")


class RowIndex(Generic[T]):
    """Positions of ids in a list; a hit is checked against the list, so a stale index never lies."""

    def __init__(self, key: Callable[[T], str]) -> None:
        self._key = key
        self._rows: dict[str, int] = {}
        self._source: Sequence[T] | None = None
        self._length = -1
        self._stale = True

    def invalidate(self) -> None:
        """Rows moved (an insert, removal or move before the end): rebuild on the next miss."""
        self._stale = True

    def appended(self, items: Sequence[T]) -> None:
        """One item was added at the end: index it without a rebuild."""
        if not self._stale and self._source is items and self._length == len(items) - 1:
            self._rows.setdefault(self._key(items[-1]), len(items) - 1)
            self._length = len(items)
        else:
            self._stale = True

    def find(self, items: Sequence[T], ident: str) -> int | None:
        """The row of ident in items, or None."""
        row = self._rows.get(ident)
        if row is not None and row < len(items) and self._key(items[row]) == ident:
            return row
        # A miss is final only if the index still describes this list; a list changed behind our back
        # (a plain append, another list) is read again once.
        if row is not None or self._stale or self._source is not items or self._length != len(items):
            self._rebuild(items)
            row = self._rows.get(ident)
            return row
        return None

    def _rebuild(self, items: Sequence[T]) -> None:
        rows: dict[str, int] = {}
        for number, item in enumerate(items):
            rows.setdefault(self._key(item), number)  # the first of two equal ids, as a scan finds
        self._rows, self._source, self._length, self._stale = rows, items, len(items), False
