"""A word-wrapped label whose new text lays out the page around it only when the label's height changes."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget


class WrappedText(QWidget):
    """Holds `label` without a layout of its own.

    A QLabel's setText asks its layout for a pass, and every layout above it passes on the request:
    a text that changes with each selection (the inspector's sent prompt) laid the whole inspector out
    again on every click, most of its cost at 2,000 shots. Here the request stops at this box, which
    passes it on only when the text's height at the box's width has changed.
    """

    def __init__(self, label: QLabel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = label
        label.setParent(self)
        label.setWordWrap(True)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self._told: dict[int, int] = {}  # the heights the page was told, by width

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        height = self._told[width] = self.label.heightForWidth(width)
        return height

    def sizeHint(self) -> QSize:
        return self.label.sizeHint()

    def minimumSizeHint(self) -> QSize:
        return self.label.minimumSizeHint()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.label.setGeometry(self.rect())

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LayoutRequest:  # the label's text changed
            # Against what the page was told, not the box's height: a form may give it less.
            if self._told.get(self.width()) != self.label.heightForWidth(self.width()):
                self._told.clear()
                self.updateGeometry()  # a taller or shorter text: the page lays out again
            return True
        return super().event(event)
