"""GenerationBridge: carries the JobQueue's worker-thread events to the GUI thread as Qt signals."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from engine.jobs.job_queue import Job


class GenerationBridge(QObject):
    """Pass `listener` to a JobQueue; `jobEvent` then arrives on the thread that owns the bridge."""

    # event ("added" | "changed" | "progress" | "finished" | "removed" | "moved"), the job
    jobEvent = Signal(str, object)

    def listener(self, event: str, job: Job) -> None:
        """Called from any thread: emitting across threads queues the signal for the GUI thread."""
        self.jobEvent.emit(event, job)
