"""Work off the GUI thread, one piece at a time, its result or exception handed back on the GUI thread."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

Done = Callable[[Any], None]
Failed = Callable[[BaseException], None]


class _Job(QRunnable):
    def __init__(self, ticket: int, work: Callable[[], object], worker: BackgroundWorker) -> None:
        super().__init__()
        self.ticket, self.work, self.worker = ticket, work, worker

    def run(self) -> None:
        self.worker._started.add(self.ticket)
        try:
            result = self.work()
        except Exception as exc:  # a worker reports, never dies silently: the GUI thread decides what to say
            self.worker._failed.emit(self.ticket, exc)
        else:
            self.worker._done.emit(self.ticket, result)


class BackgroundWorker(QObject):
    """A one-thread pool: `run(work, done, failed)` calls `done(result)` or `failed(exc)` on the GUI thread."""

    # Emitted on the pool's thread; the receiver lives on the GUI thread, so Qt queues the call there.
    _done = Signal(int, object)  # ticket, result
    _failed = Signal(int, object)  # ticket, the exception

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)  # in order: a later piece of work sees what an earlier one did
        self._callbacks: dict[int, tuple[Done, Failed]] = {}
        self._started: set[int] = set()  # tickets whose work began (added on the pool's thread)
        self._next = 0
        self._done.connect(self._on_done)
        self._failed.connect(self._on_failed)

    def run(self, work: Callable[[], object], done: Done, failed: Failed) -> None:
        """Queue `work`; exactly one of `done` and `failed` follows on the GUI thread (unless dropped)."""
        self._next += 1
        self._callbacks[self._next] = (done, failed)
        self._pool.start(_Job(self._next, work, self))

    def busy(self) -> bool:
        """Whether work was queued whose answer has not been handled yet."""
        return bool(self._callbacks)

    def wait(self, msecs: int = -1) -> bool:
        """Wait for the queued work to end (tests, closing); its answers still arrive through the event loop."""
        return self._pool.waitForDone(msecs)

    def drop_queued(self) -> None:
        """Drop work not started yet (its callbacks too); the running piece still answers."""
        self._pool.clear()
        for ticket in [t for t in self._callbacks if t not in self._started]:
            del self._callbacks[ticket]

    def shutdown(self) -> None:
        """Drop work not started yet and wait for the running piece; no callback follows any more."""
        self._pool.clear()
        self._pool.waitForDone()
        self._callbacks.clear()

    def _on_done(self, ticket: int, result: object) -> None:
        self._started.discard(ticket)
        callbacks = self._callbacks.pop(ticket, None)
        if callbacks is not None:
            callbacks[0](result)

    def _on_failed(self, ticket: int, exc: BaseException) -> None:
        self._started.discard(ticket)
        callbacks = self._callbacks.pop(ticket, None)
        if callbacks is not None:
            callbacks[1](exc)
