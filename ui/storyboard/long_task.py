"""One cancellable piece of writing or sketching off the GUI thread, shown in a progress dialog."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from engine.progress import Cancelled, CancelToken, Progress, ProgressCallback
from ui.widgets.background import BackgroundWorker
from ui.widgets.dialogs import Dialogs, failure_text

Work = Callable[[ProgressCallback, CancelToken], Any]


class LongTask(QObject):
    """Runs one `work(progress, cancel)` at a time; Cancel stops it at its next check, errors go to Dialogs."""

    progressed = Signal(
        str, int, int
    )  # message, step, total (emitted on the worker thread, shown on the GUI's)
    finished = Signal()  # the work ended (done, failed or cancelled) and its answer was handled

    def __init__(self, parent: QWidget, dialogs: Dialogs) -> None:
        super().__init__(parent)
        self.parent_widget, self.dialogs = parent, dialogs
        self.worker = BackgroundWorker(self)
        self.cancel: CancelToken | None = None
        self.dialog: QProgressDialog | None = None
        self.progressed.connect(self._show_progress)

    def busy(self) -> bool:
        """Whether a task is running (a second one is refused until it ends)."""
        return self.cancel is not None

    def start(
        self, title: str, work: Work, done: Callable[[Any], None], after: Callable[[], None] | None = None
    ) -> bool:
        """Run work in the background with a progress dialog; done(result) on the GUI thread, then after()
        whether it succeeded, failed or was cancelled (what a half-done piece of work left is read again)."""
        if self.cancel is not None:
            return False
        cancel = self.cancel = CancelToken()
        dialog = self.dialog = QProgressDialog(title, self.tr("Cancel"), 0, 0, self.parent_widget)
        dialog.setWindowTitle(title)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setAutoReset(False)
        dialog.setAutoClose(False)
        dialog.setMinimumDuration(300)
        dialog.canceled.connect(self._abandon)

        def report(event: Progress) -> None:
            self.progressed.emit(event.message or event.stage, event.step, event.total)

        self.worker.run(
            lambda: work(report, cancel),
            lambda result: self._end(cancel, lambda: done(result), after),
            lambda exc: self._end(cancel, lambda: self._failed(title, exc), after),
        )
        return True

    def _abandon(self) -> None:
        """Cancel: the work stops at its next check, and whatever it answers then is dropped.

        A hosted model may be silent for a while before its first word; the window is free at once."""
        if self.cancel is not None:
            self.cancel.cancel()
        self._close_dialog()
        self.cancel = None
        self.finished.emit()

    def stop(self) -> None:
        """Cancel the running task and wait for it (closing the window)."""
        if self.cancel is not None:
            self.cancel.cancel()
        self.worker.shutdown()
        self._close_dialog()
        self.cancel = None

    def _show_progress(self, message: str, step: int, total: int) -> None:
        if self.dialog is not None:
            self.dialog.setLabelText(message)
            self.dialog.setMaximum(max(0, total))
            self.dialog.setValue(min(step, total) if total > 0 else 0)

    def _close_dialog(self) -> None:
        if self.dialog is not None:
            self.dialog.canceled.disconnect()
            self.dialog.close()
            self.dialog.deleteLater()
            self.dialog = None

    def _end(self, cancel: CancelToken, answer: Callable[[], None], after: Callable[[], None] | None) -> None:
        try:
            if not cancel.cancelled:  # an abandoned task's answer comes too late to matter
                self._close_dialog()
                self.cancel = None
                answer()
        finally:
            if after is not None:
                after()
            if not cancel.cancelled:
                self.finished.emit()

    def _failed(self, title: str, exc: BaseException) -> None:
        if isinstance(exc, Cancelled):
            return  # the person asked for it: nothing to report
        self.dialogs.error(title, failure_text(title, exc))
