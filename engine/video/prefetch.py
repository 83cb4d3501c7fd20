"""Prefetched: an iterator's items made on a worker thread, a bounded number ahead of the consumer."""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterator
from typing import Generic, TypeVar

T = TypeVar("T")
_POLL = 0.05  # seconds a blocked hand-over waits before it looks at the stop flag again


class _End:
    """The worker's last word: the items ran out, or making the next one failed."""

    def __init__(self, error: BaseException | None = None) -> None:
        self.error = error


class Prefetched(Generic[T]):
    """Iterates make()'s items while a worker thread makes the next ones (at most `depth` waiting).

    Decoding, scaling and encoding in PyAV release the GIL, so an export decodes and conforms the next
    frames while the encoder takes this one. The iterator is created, run and closed on the worker; an
    error there is raised here, at the item it would have been; close() stops the worker and waits for it.
    """

    def __init__(self, make: Callable[[], Iterator[T]], depth: int = 8, name: str = "prefetch") -> None:
        self._make = make
        self._items: queue.Queue[T | _End] = queue.Queue(maxsize=max(1, depth))
        self._stop = threading.Event()
        self._done = False
        self._thread = threading.Thread(target=self._work, name=f"storyreel-{name}", daemon=True)
        self._thread.start()

    def __iter__(self) -> Prefetched[T]:
        return self

    def __next__(self) -> T:
        if self._done:
            raise StopIteration
        item = self._items.get()
        if isinstance(item, _End):
            self._done = True
            self._thread.join()
            if item.error is not None:
                raise item.error
            raise StopIteration
        return item

    def close(self) -> None:
        """Stop making items and wait for the worker (it closes the iterator it made)."""
        self._stop.set()
        self._done = True
        while self._thread.is_alive():
            try:  # make room, so a worker blocked on a full queue sees the stop flag
                self._items.get(timeout=_POLL)
            except queue.Empty:
                pass
        self._thread.join()

    def _work(self) -> None:
        end = _End()
        try:
            items = self._make()
            try:
                for item in items:
                    if not self._hand_over(item):
                        return
            finally:
                close = getattr(items, "close", None)
                if close is not None:
                    close()
        except BaseException as exc:  # raised in the consumer's thread, at its next item
            end = _End(exc)
        self._hand_over(end)

    def _hand_over(self, item: T | _End) -> bool:
        """Queue item unless asked to stop first (then False)."""
        while not self._stop.is_set():
            try:
                self._items.put(item, timeout=_POLL)
                return True
            except queue.Full:
                continue
        return False
