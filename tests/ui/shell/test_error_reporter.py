"""An unexpected error in the window is logged with its traceback and shown as one short message."""

from __future__ import annotations

import sys

from app.diagnostics.log_file import log_path
from ui.shell.error_reporter import ErrorReporter


def test_unexpected_errors_go_to_the_log_and_a_short_message(qtbot):
    reporter = ErrorReporter(show_dialog=False)
    try:
        with qtbot.waitSignal(reporter.reported, timeout=2000) as signal:
            try:
                raise RuntimeError("the frame cache is full\nsecond line")
            except RuntimeError:
                sys.excepthook(*sys.exc_info())
        assert signal.args == ["the frame cache is full"]
        text = log_path().read_text(encoding="utf-8")
        assert "Traceback" in text and "RuntimeError: the frame cache is full" in text
    finally:
        reporter.uninstall()
    assert sys.excepthook is not reporter._hook
