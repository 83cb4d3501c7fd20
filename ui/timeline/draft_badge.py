"""The "Draft" badge a card shows while its active take was made at Draft quality."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QRect, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter

DRAFT_COLOR = QColor("#0891b2")


def paint_draft_badge(painter: QPainter, picture: QRect, font: QFont) -> None:
    """A small label at the picture's top right corner."""
    text = QCoreApplication.translate("ShotCard", "Draft")
    small = QFont(font)
    small.setPointSizeF(max(6.5, font.pointSizeF() - 2))
    small.setBold(True)
    metrics = QFontMetrics(small)
    width, height = metrics.horizontalAdvance(text) + 8, metrics.height() + 2
    badge = QRect(picture.right() - width - 3, picture.top() + 3, width, height)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(DRAFT_COLOR)
    painter.drawRoundedRect(badge, 3, 3)
    painter.setPen(QColor("white"))
    painter.setFont(small)
    painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, text)
