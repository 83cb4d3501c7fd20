"""TimeRuler: seconds marked above the timeline cards, following their widths and the scroll."""

from __future__ import annotations

import math

from PySide6.QtCore import QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QWidget

from ui.timeline.timeline_view import TimelineView
from ui.widgets.labels import format_time

RULER_HEIGHT = 22


def tick_step(pixels_per_second: float) -> float:
    """Seconds between labelled ticks, so labels stay about 60 px apart or more."""
    for step in (0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300):
        if step * pixels_per_second >= 60:
            return step
    return 600


class TimeRuler(QWidget):
    """Draws time ticks mapped through the view's card geometry (exact even for narrow cards)."""

    seekRequested = Signal(float)  # film seconds under a click or drag

    def __init__(self, view: TimelineView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = view
        self.playhead: float | None = None  # film seconds, drawn as a red line
        self.setFixedHeight(RULER_HEIGHT)
        view.layoutUpdated.connect(self.update)
        view.horizontalScrollBar().valueChanged.connect(self.update)

    def sizeHint(self) -> QSize:
        return QSize(400, RULER_HEIGHT)

    def _offset(self) -> int:
        viewport = self.view.viewport()
        return (
            viewport.mapToGlobal(viewport.rect().topLeft()).x() - self.mapToGlobal(self.rect().topLeft()).x()
        )

    def x_for_time(self, seconds: float) -> float | None:
        """Ruler x of a time, through the card that shows it."""
        offset = self._offset()
        for left, right, t0, t1 in self.view.segments():
            if t0 <= seconds <= t1 and t1 > t0:
                return offset + left + (seconds - t0) / (t1 - t0) * (right - left)
        return None

    def time_for_x(self, x: float) -> float | None:
        """Film time under ruler x, through the card there."""
        offset = self._offset()
        for left, right, t0, t1 in self.view.segments():
            if offset + left <= x <= offset + right and right > left:
                return t0 + (x - offset - left) / (right - left) * (t1 - t0)
        return None

    def set_playhead(self, seconds: float | None) -> None:
        """Move the playhead (the preview's position)."""
        if seconds != self.playhead:
            self.playhead = seconds
            self.update()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        t = self.time_for_x(event.position().x())
        if t is not None:
            self.seekRequested.emit(t)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if event.buttons() & Qt.MouseButton.LeftButton:
            self.mousePressEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        palette = self.palette()
        painter.fillRect(self.rect(), palette.color(QPalette.ColorRole.Window))
        segments = self.view.segments()
        total = segments[-1][3] if segments else 0.0
        step = tick_step(self.view.pixels_per_second)
        minor = step / 5
        painter.setPen(palette.color(QPalette.ColorRole.Mid))
        painter.drawLine(0, self.height() - 1, self.width(), self.height() - 1)
        painter.setPen(palette.color(QPalette.ColorRole.WindowText))
        count = int(math.floor(total / minor + 1e-6))
        for i in range(count + 1):
            t = i * minor
            x = self.x_for_time(t)
            if x is None or x < -50 or x > self.width() + 50:
                continue
            major = abs(t / step - round(t / step)) < 1e-6
            painter.drawLine(int(x), self.height() - (9 if major else 4), int(x), self.height() - 1)
            if major:
                painter.drawText(
                    QRect(int(x) + 3, 0, 60, self.height() - 6),
                    Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                    format_time(t),
                )
        x = self.x_for_time(self.playhead) if self.playhead is not None else None
        if x is not None:
            painter.setPen(QColor("#ef4444"))
            painter.drawLine(int(x), 0, int(x), self.height())
        painter.end()
