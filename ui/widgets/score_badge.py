"""What a timeline card shows of its active take's review: the combined score, and a mark when flagged."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QRect, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter

from app.project.shot import Take
from ui.widgets.take_scores import combined_value, is_flagged

FLAGGED_COLOR = QColor("#dc2626")
SCORE_COLOR = QColor(17, 24, 39, 190)


def badge_text(take: Take, weights: dict[str, float]) -> tuple[str, bool] | None:
    """The badge's text and whether it marks a flagged take; None when there is nothing to show."""
    if is_flagged(take):
        return QCoreApplication.translate("ShotCard", "Flagged"), True
    value = combined_value(take, weights) if take.scores else None
    return None if value is None else (f"{value:.0f}", False)


_FONTS: dict[str, tuple[QFont, QFontMetrics]] = {}  # card font's key -> the badge's font and metrics


def _badge_font(font: QFont) -> tuple[QFont, QFontMetrics]:
    """The badge's small bold font and its metrics, made once per card font (painting stays cheap)."""
    key = font.key()
    if key not in _FONTS:
        small = QFont(font)
        small.setPointSizeF(max(6.5, font.pointSizeF() - 2))
        small.setBold(True)
        _FONTS[key] = (small, QFontMetrics(small))
    return _FONTS[key]


def paint_review_badge(
    painter: QPainter, picture: QRect, font: QFont, take: Take, weights: dict[str, float]
) -> None:
    """A small label at the picture's bottom left: the score, or 'Flagged' in red (nothing if unscored)."""
    shown = badge_text(take, weights)
    if shown is None:
        return
    text, flagged = shown
    small, metrics = _badge_font(font)
    width, height = metrics.horizontalAdvance(text) + 8, metrics.height() + 2
    badge = QRect(picture.left() + 3, picture.bottom() - height - 8, width, height)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(FLAGGED_COLOR if flagged else SCORE_COLOR)
    painter.drawRoundedRect(badge, 3, 3)
    painter.setPen(QColor("white"))
    painter.setFont(small)
    painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, text)
