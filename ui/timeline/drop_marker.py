"""DropMarker: a bright bar between the cards where a dragged card or file will land."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QPainter, QPalette
from PySide6.QtWidgets import QAbstractItemView

MARKER_WIDTH = 4

Position = QAbstractItemView.DropIndicatorPosition


class DropMarker:
    """Follows the view's own drop position (left or right half of a card, or past the last one)."""

    def __init__(self, view: QAbstractItemView) -> None:
        self.view = view
        self.x: int | None = None  # viewport x of the bar, None when no drag is over the strip

    def follow(self, pos: QPoint, accepted: bool) -> None:
        """After the view handled a drag move at pos: put the bar where that drop would go."""
        self._set(self._x_for(pos) if accepted else None)

    def clear(self) -> None:
        self._set(None)

    def _set(self, x: int | None) -> None:
        if x != self.x:
            self.x = x
            self.view.viewport().update()

    def _x_for(self, pos: QPoint) -> int | None:
        model = self.view.model()
        if model is None or model.rowCount() == 0:
            return None
        index = self.view.indexAt(pos)
        where = self.view.dropIndicatorPosition()
        if index.isValid() and where == Position.AboveItem:
            return self.view.visualRect(index).left()
        if index.isValid() and where == Position.BelowItem:
            return self.view.visualRect(index).right() + 1
        if index.isValid():
            return None  # onto the card itself: the card shows that, not a gap
        # Past the cards: the drop goes at the end (the model's row -1), after the last card.
        return self.view.visualRect(model.index(model.rowCount() - 1, 0)).right() + 1

    def paint(self) -> None:
        """Draw the bar on the viewport (called at the end of the view's paint)."""
        if self.x is None:
            return
        viewport = self.view.viewport()
        painter = QPainter(viewport)
        bar = QRect(self.x - MARKER_WIDTH // 2, 0, MARKER_WIDTH, viewport.height())
        painter.fillRect(bar, viewport.palette().color(QPalette.ColorRole.Highlight))
        painter.end()
