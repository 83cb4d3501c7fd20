"""Shot images made off the GUI thread (decoding, hashing, copying): one at a time, answered by signal."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from app.project.project import ShotImage


class _Signals(QObject):
    done = Signal(int, object)  # ticket, ShotImage
    failed = Signal(int, object)  # ticket, the exception


class _Job(QRunnable):
    def __init__(self, ticket: int, work: Callable[[], ShotImage], signals: _Signals) -> None:
        super().__init__()
        self.ticket, self.work, self.signals = ticket, work, signals

    def run(self) -> None:
        try:
            image = self.work()
        except Exception as exc:  # handed to the GUI thread, which logs it and says what went wrong
            self.signals.failed.emit(self.ticket, exc)
        else:
            self.signals.done.emit(self.ticket, image)


class ImageTasks(QObject):
    """Runs `work` on a worker; `done(image)` or `failed(exc)` is called back on the GUI thread."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)  # in order: two drops on one card end with the second image
        self._signals = _Signals()
        self._signals.done.connect(self._done)
        self._signals.failed.connect(self._failed)
        self._callbacks: dict[int, tuple[Callable[[ShotImage], None], Callable[[BaseException], None]]] = {}
        self._next = 0

    def run(
        self,
        work: Callable[[], ShotImage],
        done: Callable[[ShotImage], None],
        failed: Callable[[BaseException], None],
    ) -> None:
        self._next += 1
        self._callbacks[self._next] = (done, failed)
        self._pool.start(_Job(self._next, work, self._signals))

    def busy(self) -> bool:
        return bool(self._callbacks)

    def _done(self, ticket: int, image: ShotImage) -> None:
        done, _ = self._callbacks.pop(ticket)
        done(image)

    def _failed(self, ticket: int, exc: BaseException) -> None:
        _, failed = self._callbacks.pop(ticket)
        failed(exc)

    def wait(self, msecs: int = -1) -> bool:
        """Wait for the worker (tests, closing)."""
        return self._pool.waitForDone(msecs)
