"""Unexpected errors in the window: logged in full, shown to the person as one readable dialog."""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from types import TracebackType

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from app.diagnostics.log_file import setup_logging
from engine.errors import hint_of

log = logging.getLogger(__name__)


class ErrorReporter(QObject):
    """Replaces sys.excepthook and threading.excepthook: the traceback goes to the log file, a short
    message to a dialog."""

    reported = Signal(str)

    def __init__(self, parent: QWidget | None = None, show_dialog: bool = True) -> None:
        super().__init__(parent)
        self.parent_widget = parent
        self.show_dialog = show_dialog
        self.log_file = setup_logging()
        self._previous = sys.excepthook
        self._previous_thread_hook = threading.excepthook
        self._showing = False
        # Qt may call the hook from any thread; the dialog must open on the GUI thread.
        self.reported.connect(self._show)
        sys.excepthook = self._hook
        # A worker thread's uncaught error skips sys.excepthook; it must reach the log as well.
        threading.excepthook = self._thread_hook

    def uninstall(self) -> None:
        """Put the previous hook back."""
        if sys.excepthook == self._hook:
            sys.excepthook = self._previous
        if threading.excepthook == self._thread_hook:
            threading.excepthook = self._previous_thread_hook

    def _hook(self, kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            self._previous(kind, value, tb)
            return
        log.error("unexpected error:\n%s", "".join(traceback.format_exception(kind, value, tb)))
        message = (str(value).strip() or kind.__name__).splitlines()[0][:300]
        if hint := hint_of(value):
            message += f"\n\n{hint}"
        self.reported.emit(message)

    def _thread_hook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_type is SystemExit:
            return
        value = args.exc_value if args.exc_value is not None else args.exc_type()
        self._hook(args.exc_type, value, args.exc_traceback)

    def _show(self, message: str) -> None:
        if not self.show_dialog or self._showing:
            return
        self._showing = True  # one dialog at a time, even if errors repeat
        try:
            QMessageBox.warning(
                self.parent_widget,
                self.tr("Something went wrong"),
                self.tr("{0}\n\nYour project is unchanged on disk. The details were written to {1}.").format(
                    message, self.log_file
                ),
            )
        finally:
            QTimer.singleShot(0, self._reset)

    def _reset(self) -> None:
        self._showing = False
