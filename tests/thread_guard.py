"""No test may leave a thread running: Python threads, QThreads and busy QThreadPools (napari's way)."""

from __future__ import annotations

import re
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from weakref import WeakKeyDictionary

ROOT = Path(__file__).resolve().parents[1]
GRACE_S = 2.0  # a thread in its last steps (a server closing its socket) may finish this long after

# Threads that legitimately outlive one test, by exact name, each with its reason. Nothing else.
ALLOWED_THREADS: dict[str, str] = {
    "tqdm_monitor": "tqdm's one monitor for every progress bar (diffusers' steps); it ends by itself",
    "AnyIO worker thread": "the idle pool of a module-wide `serve` server (anyio.to_thread, tests/app/serve and "
    "tests/app/cli/test_remote_render.py); anyio retires them after 10 s idle or when the server stops",
    "ray_listen_error_messages": "the Ray client of tests/app/farm/test_farm.py's module-wide cluster "
    "(ray.shutdown in that fixture's teardown ends it)",
    "ray_print_logs": "the same Ray client's log forwarder",
    "PythonGCThread": "the same Ray client's garbage-collection thread (ray.shutdown ends it)",
    # Named "Thread-N (target)" by threading: matched by their target function.
    "_run_router_event_loop": "Ray Serve's handle router loop in the farm test's client (ends with serve.shutdown)",
    "_poll_wrapper": "the same Ray client's poller (ends with ray.shutdown)",
}


def _started_where() -> str:
    """The innermost frame of the repository's own code (not this module, not the venv): the starter."""
    frame = sys._getframe(2)
    while frame is not None:
        name = Path(frame.f_code.co_filename)
        if name.is_relative_to(ROOT) and name != Path(__file__) and ".venv" not in name.parts:
            return f"{name.relative_to(ROOT)}:{frame.f_lineno}"
        frame = frame.f_back
    return "outside the repository"


def _allowed(thread: threading.Thread) -> bool:
    target = re.fullmatch(r"Thread-\d+ \((.+)\)", thread.name)
    return thread.name in ALLOWED_THREADS or (target is not None and target.group(1) in ALLOWED_THREADS)


@contextmanager
def no_dangling_threads() -> Iterator[None]:
    """Fail (after the test) if it left a Python thread, a QThread or a busy QThreadPool behind."""
    from PySide6.QtCore import QThread, QThreadPool

    before = set(threading.enumerate())
    qthreads: WeakKeyDictionary[QThread, str] = WeakKeyDictionary()
    pools: WeakKeyDictionary[QThreadPool, str] = WeakKeyDictionary()
    qthread_start, pool_start = QThread.start, QThreadPool.start

    def start_qthread(self: QThread, *args: object) -> None:
        qthreads[self] = _started_where()
        qthread_start(self, *args)

    def start_pool(self: QThreadPool, *args: object) -> None:
        pools.setdefault(self, _started_where())
        pool_start(self, *args)

    QThread.start, QThreadPool.start = start_qthread, start_pool  # type: ignore[method-assign]
    try:
        yield
    finally:
        QThread.start, QThreadPool.start = qthread_start, pool_start  # type: ignore[method-assign]
    deadline = time.monotonic() + GRACE_S
    left: list[str] = []
    for thread in set(threading.enumerate()) - before:
        # A _DummyThread is a Qt thread that ran Python code: the QThread checks below cover it.
        if isinstance(thread, threading._DummyThread) or _allowed(thread):
            continue
        thread.join(max(0.0, deadline - time.monotonic()))
        if thread.is_alive():
            left.append(f"Python thread {thread.name!r} (daemon={thread.daemon})")
    for qthread, where in list(qthreads.items()):
        try:
            if qthread.isRunning() and not qthread.wait(max(0, int((deadline - time.monotonic()) * 1000))):
                left.append(f"QThread started at {where}")
        except RuntimeError:  # its C++ object is gone: it cannot be running
            pass
    for pool, where in list(pools.items()):
        try:
            if pool.activeThreadCount() and not pool.waitForDone(
                max(0, int((deadline - time.monotonic()) * 1000))
            ):
                left.append(f"QThreadPool used at {where}, still busy")
        except RuntimeError:
            pass
    assert not left, (
        "The test left threads running (wait for them before it ends, e.g. wait(), shutdown(), "
        "qtbot.waitUntil; a thread meant to outlive a test goes into tests/thread_guard.py's "
        "ALLOWED_THREADS with its reason):\n  " + "\n  ".join(left)
    )
