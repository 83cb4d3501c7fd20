"""Work off the GUI thread, one piece at a time, its result or exception handed back on the GUI thread."""

from __future__ import annotations

import itertools
import threading
import weakref
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QDeadlineTimer, QEvent, QObject, QRunnable, QThreadPool, Signal

from engine.thread_priority import lower_this_thread, usable_cores

# Background work runs below the GUI thread's priority, so a thumbnail's decode or an autosave's write
# waits for a core rather than the window; and above generation's (BACKGROUND_NICE), so it still runs
# beside a take being made.
WORK_NICE = 4
# The frequent short pieces (thumbnails, autosaves, preset icons) run at most this many at once, across
# their workers: the cores the window's thread leaves. On two cores, an autosave and a thumbnail together
# when a take arrived kept the window's thread waiting for a core up to 10 ms. A piece that waits longer
# than SLOT_WAIT_S runs anyway, so none waits on another forever. Long work the person started (a
# storyboard's plan, a voice) takes no slot and is not held up by it.
_slots = threading.BoundedSemaphore(max(1, usable_cores() - 1))
SLOT_WAIT_S = 2.0

Done = Callable[[Any], None]
Failed = Callable[[BaseException], None]


class _Relay(QObject):
    """Tells the GUI thread that a job has answered; one for the process, never deleted.

    A job used to emit on its BackgroundWorker, which its parent widget may be destroying on the GUI thread
    at that moment (the worker's pool waits for the job inside that destructor): an emit on a half-destroyed
    object crashed the process now and then. The relay outlives every job, and a worker gone is skipped.
    """

    answer = Signal(int, int)  # worker id, ticket

    def __init__(self) -> None:
        super().__init__()
        self.answer.connect(
            self._deliver
        )  # queued: emitted on pool threads, the relay lives on the GUI thread

    def _deliver(self, worker_id: int, ticket: int) -> None:
        # The work and its answer leave the tables here, on the GUI thread: a closure may hold the last
        # reference to a Qt object, which must not be destroyed off it.
        _works.pop((worker_id, ticket), None)
        payload, ok = _answers.pop((worker_id, ticket), (None, False))
        ref = _workers.get(worker_id)
        worker = ref() if ref is not None else None
        if worker is not None and shiboken6.isValid(worker):
            worker._deliver(ticket, payload, ok)


_relay: _Relay | None = None
_workers: dict[int, weakref.ref[BackgroundWorker]] = {}
# The queued work and the answers on their way to the GUI thread, by (worker id, ticket): a job holds
# neither once it has answered, so neither is released on its thread.
_works: dict[tuple[int, int], Callable[[], object]] = {}
_answers: dict[tuple[int, int], tuple[object, bool]] = {}
_ids = itertools.count(1)


def _the_relay() -> _Relay:
    """The process's relay, made on the GUI thread by the first worker (workers are made there)."""
    global _relay
    if _relay is None:
        _relay = _Relay()
    return _relay


def deliver_answers() -> None:
    """Hand the answers of finished work to their callbacks now, not at the event loop's next turn (waits)."""
    if _relay is not None:
        QCoreApplication.sendPostedEvents(_relay, QEvent.Type.MetaCall)


def _forget(worker_id: int) -> Callable[[object], None]:
    """A weakref callback that drops a collected worker from the registry."""

    def forget(_: object) -> None:
        _workers.pop(worker_id, None)

    return forget


class _Job(QRunnable):
    def __init__(self, key: tuple[int, int], started: set[int], short: bool) -> None:
        super().__init__()
        # Neither the worker nor the work: the job must not be what keeps either alive off the GUI thread.
        self.key, self.started, self.short = key, started, short

    def run(self) -> None:
        lower_this_thread(WORK_NICE)  # a pool thread already that low is left as it is
        self.started.add(self.key[1])
        work = _works.get(self.key)
        if work is None:  # dropped before it started
            return
        slot = self.short and _slots.acquire(timeout=SLOT_WAIT_S)
        try:
            _answers[self.key] = (work(), True)
        except Exception as exc:  # a worker reports, never dies silently: the GUI thread decides what to say
            _answers[self.key] = (exc, False)
        finally:
            if slot:
                _slots.release()
        del work
        try:
            _the_relay().answer.emit(*self.key)
        except RuntimeError:  # the relay is gone: the interpreter is exiting, nobody waits for answers
            _answers.pop(self.key, None)


class BackgroundWorker(QObject):
    """A one-thread pool: `run(work, done, failed)` calls `done(result)` or `failed(exc)` on the GUI thread."""

    def __init__(self, parent: QObject | None = None, short: bool = False) -> None:
        """`short`: its pieces are frequent and brief, and share the cores the window leaves (_slots)."""
        super().__init__(parent)
        self._short = short
        _the_relay()
        self._id = next(_ids)
        _workers[self._id] = weakref.ref(self, _forget(self._id))
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)  # one at a time: a later piece of work sees what an earlier one did
        self._callbacks: dict[int, tuple[Done, Failed]] = {}
        self._started: set[int] = set()  # tickets whose work began (added on the pool's thread)
        self._next = 0

    def run(self, work: Callable[[], object], done: Done, failed: Failed) -> None:
        """Queue `work`; exactly one of `done` and `failed` follows on the GUI thread (unless dropped)."""
        self._next += 1
        self._callbacks[self._next] = (done, failed)
        _works[(self._id, self._next)] = work
        job = _Job((self._id, self._next), self._started, self._short)
        self._pool.start(job)

    def busy(self) -> bool:
        """Whether work was queued whose answer has not been handled yet."""
        return bool(self._callbacks)

    def wait(self, msecs: int | QDeadlineTimer = -1) -> bool:
        """Wait for the queued work to end (tests, closing); its answers still arrive through the event loop."""
        return self._pool.waitForDone(msecs)

    def drop_queued(self) -> None:
        """Drop work not started yet (its callbacks too); the running piece still answers."""
        self._pool.clear()
        for ticket in [t for t in self._callbacks if t not in self._started]:
            del self._callbacks[ticket]
            _works.pop((self._id, ticket), None)

    def shutdown(self) -> None:
        """Drop work not started yet and wait for the running piece; no callback follows any more."""
        self._pool.clear()
        for ticket in [t for t in self._callbacks if t not in self._started]:
            _works.pop((self._id, ticket), None)
        self._pool.waitForDone()
        self._callbacks.clear()

    def _deliver(self, ticket: int, payload: object, ok: bool) -> None:
        self._started.discard(ticket)
        callbacks = self._callbacks.pop(ticket, None)
        if callbacks is None:
            return
        if ok:
            callbacks[0](payload)
        else:
            assert isinstance(payload, BaseException)
            callbacks[1](payload)
