"""TimeRuler: seconds marked above the timeline cards, following their widths and the scroll."""

from __future__ import annotations

import math

from PySide6.QtCore import QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QWidget

from ui.timeline.timeline_view import TimelineView
from ui.widgets.labels import format_time

RULER_HEIGHT = 22
LABEL_ROOM = 64  # a major tick's label: 3 px right of it, 60 px wide


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
        self._line_x: int | None = None  # where the playhead's line was last painted
        self.setFixedHeight(RULER_HEIGHT)
        # It fills its rect: nothing beneath it is painted first (the window, the splitter, the panel).
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self._shown_offset = view.horizontalOffset()  # the view's scroll the pixels shown were drawn at
        view.layoutUpdated.connect(self.update)
        view.horizontalScrollBar().valueChanged.connect(self._follow_scroll)

    def sizeHint(self) -> QSize:
        return QSize(400, RULER_HEIGHT)

    def _offset(self) -> int:
        viewport = self.view.viewport()
        return (
            viewport.mapToGlobal(viewport.rect().topLeft()).x() - self.mapToGlobal(self.rect().topLeft()).x()
        )

    def _shift(self) -> int:
        """Ruler x of content x 0: the viewport's place minus the scroll."""
        return self._offset() - self.view.horizontalOffset()

    def x_for_time(self, seconds: float) -> float | None:
        """Ruler x of a time, through the card that shows it (O(log N))."""
        return self.view.card_geometry().x_for_time(seconds, self._shift())

    def time_for_x(self, x: float) -> float | None:
        """Film time under ruler x, through the card there (O(log N))."""
        return self.view.card_geometry().time_for_x(x, self._shift())

    def set_playhead(self, seconds: float | None) -> None:
        """Move the playhead (the preview's position)."""
        if seconds != self.playhead:
            self.playhead = seconds
            # The strips under the old line and the new only: each selection and played frame moves it, and
            # the whole ruler painted for that cost as much as the timeline's own paint. Cards not laid out
            # since a change (the film may be changing now): the whole ruler, when they are.
            geometry = self.view.built_geometry()
            if geometry is None:
                self.update()
                return
            x = geometry.x_for_time(seconds, self._shift()) if seconds is not None else None
            for line in (self._line_x, None if x is None else int(x)):
                if line is not None:
                    self.update(line - 1, 0, 3, self.height())

    def _follow_scroll(self) -> None:
        """The ticks move with the cards: the pixels shown are moved, and only the strip uncovered is painted."""
        offset = self.view.horizontalOffset()
        dx, self._shown_offset = self._shown_offset - offset, offset
        if self._line_x is not None:
            self._line_x += dx
        self.scroll(dx, 0)

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
        geometry, shift = self.view.card_geometry(), self._shift()
        step = tick_step(self.view.pixels_per_second)
        minor = step / 5
        painter.setPen(palette.color(QPalette.ColorRole.Mid))
        painter.drawLine(0, self.height() - 1, self.width(), self.height() - 1)
        painter.setPen(palette.color(QPalette.ColorRole.WindowText))
        count = int(math.floor(geometry.total / minor + 1e-6))
        # Only the ticks of the cards in the areas painted (and one either side): a paint costs what it
        # shows. A label reaches LABEL_ROOM right of its tick; each tick is drawn once (text drawn twice
        # over itself would darken).
        areas: list[QRect] = list(event.region())  # type: ignore[call-overload]  # its rects; no stub
        windows = [(max(-50, a.left() - LABEL_ROOM), min(self.width() + 50, a.right() + 1)) for a in areas]
        ticks: set[int] = set()
        for left, right in windows:
            t_first, t_last = geometry.times_between(left - shift, right - shift)
            first = max(0, int(math.floor(t_first / minor)) - 1)
            ticks.update(range(first, min(count, int(math.ceil(t_last / minor)) + 1) + 1))
        for i in sorted(ticks):
            t = i * minor
            x = geometry.x_for_time(t, shift)  # the shift once per paint: it maps two points to global
            if x is None or not any(left <= x <= right for left, right in windows):
                continue
            major = abs(t / step - round(t / step)) < 1e-6
            painter.drawLine(int(x), self.height() - (9 if major else 4), int(x), self.height() - 1)
            if major:
                painter.drawText(
                    QRect(int(x) + 3, 0, 60, self.height() - 6),
                    Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                    format_time(t),
                )
        x = geometry.x_for_time(self.playhead, shift) if self.playhead is not None else None
        self._line_x = None if x is None else int(x)
        if x is not None:
            painter.setPen(QColor("#ef4444"))
            painter.drawLine(int(x), 0, int(x), self.height())
        painter.end()
