"""GenerationBridge: carries the JobQueue's events to the GUI thread as Qt signals."""

from __future__ import annotations

import asyncio
import time

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot

from engine.jobs.job_queue import Job

# A job's progress reaches the window at most this often: a step of a small model can take 10 ms,
# and each report repaints the card, the queue and its bar (20-30 ms on the GUI thread). The value
# is read from the job when the report arrives, so a skipped report loses nothing.
PROGRESS_EVERY_S = 0.1


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
        # Posted events land in one Python slot that emits jobEvent to all its receivers: the GUI thread
        # takes the GIL from a busy worker once per event, not once per receiver (each take can wait a
        # whole switch interval, 5 ms, while the worker runs Python).
        self._posted.connect(self._deliver, Qt.ConnectionType.QueuedConnection)
        # job id -> when its progress was last passed on, and at which stage
        self._reported: dict[str, tuple[float, object]] = {}

    def listener(self, event: str, job: Job) -> None:
        """Called from any thread: from a worker it is queued for the GUI thread; from the GUI
        thread it arrives at once, except from a remote job's task on the window's loop, where it
        is queued too: a slot that opens a dialog must not run inside a task (the dialog's own
        loop would step other tasks inside it). Progress is passed on at most every PROGRESS_EVERY_S
        within one stage."""
        if event == "progress":
            now = time.monotonic()
            # The first report of each stage (loading, each expert's steps, encoding) always passes.
            stage = (job.state, job.progress.stage if job.progress is not None else None)
            last, last_stage = self._reported.get(job.id, (-PROGRESS_EVERY_S, None))
            if now - last < PROGRESS_EVERY_S and stage == last_stage:
                return
            self._reported[job.id] = (now, stage)
        elif event in ("finished", "removed"):
            self._reported.pop(job.id, None)
        if _in_task() or QThread.currentThread() != self.thread():
            self._posted.emit(event, job)
        else:
            self.jobEvent.emit(event, job)

    @Slot(str, object)
    def _deliver(self, event: str, job: Job) -> None:
        self.jobEvent.emit(event, job)
