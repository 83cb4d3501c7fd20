"""Running something in the turn after a widget's next paint: what a person waits for is drawn first."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget


class AfterFirstPaint(QObject):
    """Calls `then` once: in the turn after `widget` next paints, or after `latest_ms` if it never does
    (a window that is covered or minimised is not painted)."""

    def __init__(self, widget: QWidget, then: Callable[[], object], latest_ms: int) -> None:
        super().__init__(widget)
        self._widget = widget
        self._then: Callable[[], object] | None = then
        self._latest = QTimer(self)
        self._latest.setSingleShot(True)
        self._latest.setInterval(latest_ms)
        self._latest.timeout.connect(self._run)
        widget.installEventFilter(self)
        self._latest.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if watched is self._widget and event.type() == QEvent.Type.Paint:
            self._widget.removeEventFilter(self)
            QTimer.singleShot(0, self, self._run)  # once this paint is on the screen
        return False

    def cancel(self) -> None:
        """Never call `then` (done, or its window is closing); the watch goes with the next turn."""
        self._then = None
        self._latest.stop()
        self._widget.removeEventFilter(self)
        self.deleteLater()

    def _run(self) -> None:
        then, self._then = self._then, None
        self.cancel()
        if then is not None:
            then()
