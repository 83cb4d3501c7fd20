"""GenerationBridge: carries the JobQueue's events to the GUI thread as Qt signals."""

from __future__ import annotations

import asyncio

from PySide6.QtCore import QObject, Qt, Signal

from engine.jobs.job_queue import Job


def _in_task() -> bool:
    try:
        return asyncio.current_task() is not None
    except RuntimeError:  # no loop runs on this thread
        return False


class GenerationBridge(QObject):
    """Pass `listener` to a JobQueue; `jobEvent` then arrives on the thread that owns the bridge."""

    # event ("added" | "changed" | "progress" | "finished" | "removed" | "moved"), the job
    jobEvent = Signal(str, object)
    _posted = Signal(str, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._posted.connect(self.jobEvent, Qt.ConnectionType.QueuedConnection)

    def listener(self, event: str, job: Job) -> None:
        """Called from any thread: from a worker it is queued for the GUI thread; from the GUI
        thread it arrives at once, except from a remote job's task on the window's loop, where it
        is queued too: a slot that opens a dialog must not run inside a task (the dialog's own
        loop would step other tasks inside it)."""
        if _in_task():
            self._posted.emit(event, job)
        else:
            self.jobEvent.emit(event, job)
