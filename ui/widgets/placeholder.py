"""What an empty pane says goes there: centred, muted text painted over an empty view."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QTableView, QWidget


def paint_placeholder(target: QWidget, text: str, rect: QRect | None = None) -> None:
    """Paint `text` word-wrapped in the middle of `target` (a view's viewport), in the placeholder colour."""
    painter = QPainter(target)
    painter.setPen(target.palette().color(QPalette.ColorRole.PlaceholderText))
    area = (rect or target.rect()).adjusted(16, 8, -16, -8)
    painter.drawText(area, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, text)
    painter.end()


class PlaceholderTableView(QTableView):
    """A table that says what goes in it while it has no rows."""

    def __init__(self, placeholder: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.placeholder = placeholder

    def is_empty(self) -> bool:
        model = self.model()
        return model is None or model.rowCount() == 0

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self.placeholder and self.is_empty():
            paint_placeholder(self.viewport(), self.placeholder)
