"""GenerationBridge: carries the JobQueue's events to the GUI thread as queued Qt signals."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal

from engine.jobs.job_queue import Job


class GenerationBridge(QObject):
    """Pass `listener` to a JobQueue; `jobEvent` then arrives on the thread that owns the bridge."""

    # event ("added" | "changed" | "progress" | "finished" | "removed" | "moved"), the job
    jobEvent = Signal(str, object)
    _posted = Signal(str, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # Always queued, also from a remote job's task on the window's own loop: a slot that opens
        # a dialog must not run inside a task, where the dialog's loop would step other tasks.
        self._posted.connect(self.jobEvent, Qt.ConnectionType.QueuedConnection)

    def listener(self, event: str, job: Job) -> None:
        """Called from any thread (a worker, or a task on the GUI thread's loop); never blocks."""
        self._posted.emit(event, job)
