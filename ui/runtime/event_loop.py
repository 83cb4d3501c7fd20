"""The window's asyncio loop: qasync's QEventLoop runs asyncio tasks on the Qt event loop.

Remote requests, Test connection and other network calls are coroutines in engine/; here they
become tasks on the GUI thread's loop, so N requests in flight need no N threads, and their
results arrive where the widgets live. The local GPU worker keeps its own thread.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

import qasync
from PySide6.QtWidgets import QApplication

log = logging.getLogger(__name__)

T = TypeVar("T")
DRAIN_SECONDS = 5.0  # how long tasks cancelled at exit get to close their connections

_tasks: set[asyncio.Task] = set()  # asyncio keeps only weak references to running tasks


def install(app: QApplication, already_running: bool = False) -> qasync.QEventLoop:
    """A qasync loop over app's event loop, set as this thread's asyncio loop.

    already_running: the Qt loop is run by someone else (a test's qtbot), so asyncio sees the loop
    as running at once; otherwise `run_forever()` runs Qt's loop (app.exec) with it.
    """
    loop = qasync.QEventLoop(app, already_running=already_running)
    loop.set_exception_handler(_log_exception)
    asyncio.set_event_loop(loop)
    return loop


def uninstall(loop: asyncio.AbstractEventLoop) -> None:
    """Cancel what still runs, give it DRAIN_SECONDS to close its connections, and close the loop."""
    pending = [t for t in asyncio.all_tasks(loop) if not t.done()]
    for task in pending:
        task.cancel()
    if pending and not loop.is_running():
        loop.run_until_complete(asyncio.wait(pending, timeout=DRAIN_SECONDS))
    if loop.is_running():
        # Installed with already_running (over a test's Qt loop): stop() would also exit the
        # QApplication's loop, ending every later nested loop at once; only the mark is cleared.
        loop._QEventLoop__is_running = False  # type: ignore[attr-defined]  # qasync keeps it private
    asyncio.events._set_running_loop(None)  # qasync sets it for an already running loop
    loop.close()
    asyncio.set_event_loop(None)


def running_loop() -> asyncio.AbstractEventLoop | None:
    """The asyncio loop running on this thread (the window's), or None outside one."""
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        return None


def start_task(
    work: Coroutine[Any, Any, T],
    done: Callable[[T], None],
    failed: Callable[[BaseException], None] | None = None,
) -> asyncio.Task[T]:
    """Run work as a task on the window's loop; done(result) or failed(error) is called on the GUI
    thread when it ends (neither when it was cancelled). An error is logged with its traceback."""
    loop = running_loop()
    if loop is None:
        work.close()
        raise RuntimeError("no asyncio loop runs here: ui.runtime.event_loop.install() it first")
    task = loop.create_task(work)
    _tasks.add(task)

    def finished(task: asyncio.Task[T]) -> None:
        _tasks.discard(task)
        if task.cancelled():
            return
        error = task.exception()
        try:
            if error is None:
                done(task.result())
                return
            log.error("Background task failed: %s", error, exc_info=error)
            if failed is not None:
                failed(error)
        except RuntimeError as exc:  # the widget it reports to was closed meanwhile
            log.debug("a task's result arrived after its receiver was deleted: %s", exc)

    task.add_done_callback(finished)
    return task


def _log_exception(loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
    """Errors asyncio cannot hand to anyone go to storyreel.log with their traceback."""
    error = context.get("exception")
    log.error("asyncio: %s", context.get("message", "error"), exc_info=error)
