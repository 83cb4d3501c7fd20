"""ShotCardDelegate: paints a shot as a card (thumbnail or prompt, title, duration, status)."""

from __future__ import annotations

from collections import OrderedDict
from typing import Any, NamedTuple

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette, QPen, QPixmap
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from app.project.shot import Shot, ShotState
from app.settings.review_settings import DEFAULT_WEIGHTS
from ui.timeline.card_images import paint_image_marks, paint_keyframe_strip
from ui.timeline.draft_badge import paint_draft_badge
from ui.timeline.timeline_model import (
    ErrorRole,
    FpsRole,
    FramesRole,
    JobProgressRole,
    SecondsRole,
    ShotRole,
    StatusRole,
)
from ui.widgets.labels import state_label
from ui.widgets.score_badge import badge_text, paint_review_badge
from ui.widgets.thumbnails import ThumbnailCache

CARD_HEIGHT = 150
MIN_CARD_WIDTH = 56
SCALED_KEPT = 48  # scaled thumbnails kept: more than a wide screen of the narrowest cards (about 7 MB)
CARDS_KEPT_BYTES = 16 << 20  # painted cards kept: a dozen screens of cards at 48 px/s
FOOTER = 46

STATUS_COLORS = {
    ShotState.NO_TAKE: QColor("#6b7280"),
    ShotState.READY: QColor("#16a34a"),
    ShotState.OUTDATED: QColor("#d97706"),
    ShotState.FAILED: QColor("#dc2626"),
    ShotState.MISSING: QColor("#9f1239"),
    "queued": QColor("#2563eb"),
    "generating": QColor("#7c3aed"),
}


def first_words(text: str, count: int = 12) -> str:
    """The start of a prompt for a placeholder card."""
    words = text.split()
    return " ".join(words[:count]) + (" …" if len(words) > count else "")


def duration_text(seconds: float, frames: object, metrics: QFontMetrics, width: int) -> str:
    """The longest form of the duration that fits whole ("2.00 s · 33 f" … "2.0"); "" when none does."""
    for text in (f"{seconds:.2f} s · {frames} f", f"{seconds:.2f} s", f"{seconds:.1f} s", f"{seconds:.1f}"):
        if metrics.horizontalAdvance(text) <= width:
            return text
    return ""  # never a cut "2.0…": a number with an ellipsis reads as a different number


def footer_texts(
    seconds: float, frames: object, timed: bool, status: str, metrics: QFontMetrics, width: int
) -> tuple[str, int]:
    """(duration text, status chip width) for a card footer `width` wide: the chip shrinks to a dot first."""
    chip_w = metrics.horizontalAdvance(status) + 10
    if not timed:
        return "", chip_w
    text = duration_text(seconds, frames, metrics, width - chip_w - 4)
    if not text:
        chip_w = metrics.height()
        text = duration_text(seconds, frames, metrics, width - chip_w - 4)
    return text, chip_w


MARKER_ROOM = 18  # the transition badge's 16 px at the picture's top left, and a gap


def _paint_transition_marker(painter: QPainter, picture: QRect, kind: str) -> None:
    """A badge at the card's leading edge: two overlapping wedges for a crossfade, a dark dot for a fade."""
    badge = QRect(picture.left() + 3, picture.top() + 3, 16, 16)
    painter.setPen(QPen(QColor("white"), 1))
    painter.setBrush(QColor(0, 0, 0, 170))
    painter.drawRoundedRect(badge, 3, 3)
    if kind == "crossfade":
        painter.setBrush(QColor(255, 255, 255, 150))
        c = badge.center()
        painter.drawPolygon(
            [
                QPoint(badge.left() + 3, badge.top() + 3),
                QPoint(c.x() + 2, c.y()),
                QPoint(badge.left() + 3, badge.bottom() - 2),
            ]
        )
        painter.drawPolygon(
            [
                QPoint(badge.right() - 2, badge.top() + 3),
                QPoint(c.x() - 2, c.y()),
                QPoint(badge.right() - 2, badge.bottom() - 2),
            ]
        )
    else:
        painter.setBrush(QColor("black"))
        painter.drawEllipse(badge.adjusted(3, 3, -3, -3))


def error_lines(error: str, metrics: QFontMetrics, width: int, lines: int = 2) -> list[str]:
    """The error wrapped to at most `lines` lines of `width`; the last one elided, so the start stays."""
    words = error.split()
    out: list[str] = []
    while words and len(out) < lines - 1:
        line = words.pop(0)
        while words and metrics.horizontalAdvance(f"{line} {words[0]}") <= width:
            line += " " + words.pop(0)
        out.append(line)
    if words:
        out.append(" ".join(words))
    return [metrics.elidedText(text, Qt.TextElideMode.ElideRight, width) for text in out]


def _paint_error(painter: QPainter, picture: QRect, font: QFont, error: str) -> None:
    """A red band across the picture's foot with the start of the failure, in the card's own words."""
    small = QFont(font)
    small.setPointSizeF(max(7.0, font.pointSizeF() - 1))
    metrics = QFontMetrics(small)
    lines = error_lines(f"⚠ {error}", metrics, max(10, picture.width() - 8))
    band = QRect(picture.left(), picture.bottom() - metrics.height() * len(lines) - 6, picture.width(), 0)
    band.setBottom(picture.bottom())
    painter.fillRect(band, QColor(153, 27, 27, 225))
    painter.setPen(QColor("white"))
    painter.setFont(small)
    for row, text in enumerate(lines):
        painter.drawText(
            QRect(
                band.left() + 4, band.top() + 3 + row * metrics.height(), band.width() - 8, metrics.height()
            ),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            text,
        )


class ShotCardDelegate(QStyledItemDelegate):
    """Cards whose width is the shot's duration times the view's pixels per second."""

    def __init__(self, thumbnails: ThumbnailCache, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.thumbnails = thumbnails
        self.pixels_per_second = 48.0
        self.card_height = CARD_HEIGHT
        # Thumbnails scaled to a card's picture: a smooth scale per card on every repaint (a click, a
        # scroll, a played frame) cost milliseconds each; the few on screen are kept by (pixmap, size).
        self._scaled: OrderedDict[tuple[int, int, int], QPixmap] = OrderedDict()
        self.review_weights = dict(DEFAULT_WEIGHTS)  # the combined score's (Preferences > Review)
        # Painted cards by everything a card shows (_card_key): a scroll or a click repaints the cards
        # on screen, and most are as they were, so they are drawn from here (a blit, not ~1.5 ms each).
        self._cards: OrderedDict[tuple, QPixmap] = OrderedDict()
        self._cards_bytes = 0
        self.stills_seen = 0  # bumped when a shot image's thumbnail arrives: cards with images repaint

    def _scaled_to(self, pixmap: QPixmap, size: QSize) -> QPixmap:
        key = (pixmap.cacheKey(), size.width(), size.height())
        scaled = self._scaled.get(key)
        if scaled is None:
            scaled = pixmap.scaled(
                size,
                Qt.AspectRatioMode.KeepAspectRatioByExpanding,
                Qt.TransformationMode.SmoothTransformation,
            )
            self._scaled[key] = scaled
            if len(self._scaled) > SCALED_KEPT:
                self._scaled.popitem(last=False)
        else:
            self._scaled.move_to_end(key)
        return scaled

    def card_width(self, seconds: float) -> int:
        return max(MIN_CARD_WIDTH, round(seconds * self.pixels_per_second))

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        seconds = index.data(SecondsRole) or 0.0
        return QSize(self.card_width(float(seconds)), self.card_height)

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        shot: Shot | None = index.data(ShotRole)
        if shot is None:
            return
        ratio = painter.device().devicePixelRatioF()
        values = card_data(index)
        # The progress bar is drawn over the cached card: a take's steps repaint a bar, not the card.
        values, progress = values._replace(progress=None), values.progress
        key = self._card_key(option, index, shot, ratio, values)
        card = self._cards.get(key)
        if card is None:
            card = self._painted(option, index, shot, ratio, values)
            self._cards[key] = card
            self._cards_bytes += _bytes(card)
            while self._cards_bytes > CARDS_KEPT_BYTES and len(self._cards) > 1:
                self._cards_bytes -= _bytes(self._cards.popitem(last=False)[1])
        else:
            self._cards.move_to_end(key)
        painter.drawPixmap(option.rect.topLeft(), card)
        _paint_over(painter, option, progress)

    def _card_key(
        self,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
        shot: Shot,
        ratio: float,
        values: CardData,
    ) -> tuple:
        """Everything paint_card reads, so a cached card is drawn only while it is still what it shows."""
        model = index.model()
        project = getattr(model, "project", None)
        take = shot.active
        pixmap = self.thumbnails.get(project, take) if project is not None else None
        images = shot.start_image, shot.end_image, tuple((k.frame, k.image.sha256) for k in shot.keyframes)
        has_images = images[0] is not None or images[1] is not None or bool(images[2])
        return (
            shot.id,
            option.rect.width(),
            option.rect.height(),
            option.palette.cacheKey(),
            option.font.key(),
            ratio,
            index.row() > 0,
            pixmap.cacheKey() if pixmap is not None else 0,
            shot.prompt,
            shot.transition,
            shot.continue_previous,
            shot.frames,
            (images[0].sha256 if images[0] else None, images[1].sha256 if images[1] else None, images[2]),
            (self.stills_seen, project.settings.defaults.frames) if has_images and project else None,
            (take.id, take.quality, badge_text(take, self.review_weights)) if take is not None else None,
            values,
        )

    def _painted(
        self,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
        shot: Shot,
        ratio: float,
        values: CardData,
    ) -> QPixmap:
        """The card painted alone into a pixmap of its rect (transparent around the rounded corners)."""
        pixmap = QPixmap((option.rect.size().toSizeF() * ratio).toSize())
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.translate(-option.rect.topLeft())
        self._paint_inside(painter, option, index, shot, values)
        painter.end()
        return pixmap

    def paint_card(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        """Paint the card itself, uncached (what paint draws from its cache)."""
        shot: Shot | None = index.data(ShotRole)
        if shot is not None:
            values = card_data(index)
            self._paint_inside(painter, option, index, shot, values._replace(progress=None))
            _paint_over(painter, option, values.progress)

    def _paint_inside(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
        shot: Shot,
        values: CardData,
    ) -> None:
        """The card less its outline, which touches nothing inside it and so is drawn over the cache."""
        model = index.model()
        palette = option.palette
        card = option.rect.adjusted(2, 2, -2, -2)
        picture = picture_rect(option.rect)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(palette.color(QPalette.ColorRole.Base))
        painter.drawRoundedRect(card, 6, 6)

        project = getattr(model, "project", None)
        pixmap = self.thumbnails.get(project, shot.active) if project is not None else None
        painter.setClipRect(picture)
        if pixmap is not None:
            scaled = self._scaled_to(pixmap, picture.size())
            x = picture.left() + (picture.width() - scaled.width()) // 2
            y = picture.top() + (picture.height() - scaled.height()) // 2
            painter.drawPixmap(x, y, scaled)
        else:
            painter.fillRect(picture, QColor("#27303f"))
        marks_left = (
            paint_image_marks(painter, picture, shot, project, self.thumbnails, option.font)
            if project is not None
            else None
        )
        marker = index.row() > 0 and shot.transition != "cut"
        if pixmap is None:
            # The prompt keeps clear of the badges: left of the image marks, below the transition's.
            room = picture.adjusted(6, 4 + (MARKER_ROOM if marker else 0), -6, -4)
            if marks_left is not None:
                room.setRight(min(room.right(), marks_left - 4))
            painter.setPen(QColor("#cbd5e1"))
            small = QFont(option.font)
            small.setPointSizeF(max(7.0, option.font.pointSizeF() - 1))
            painter.setFont(small)
            text = first_words(shot.prompt) or QCoreApplication.translate("ShotCard", "(no prompt)")
            painter.drawText(
                room, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap, text
            )
        if project is not None:
            paint_keyframe_strip(painter, picture, shot, project, self.thumbnails)
        error = values.error
        if error:
            _paint_error(painter, picture, option.font, str(error))
        painter.setClipping(False)
        if marker:
            _paint_transition_marker(painter, picture, shot.transition)
        if shot.active is not None and shot.active.quality == "draft":
            paint_draft_badge(painter, picture, option.font)
        if shot.active is not None:
            paint_review_badge(painter, picture, option.font, shot.active, self.review_weights)

        footer = QRect(card.left() + 6, picture.bottom() + 3, card.width() - 12, FOOTER - 6)
        status = values.status or ShotState.NO_TAKE
        bold = QFont(option.font)
        bold.setBold(True)
        painter.setFont(bold)
        painter.setPen(palette.color(QPalette.ColorRole.Text))
        title = QFontMetrics(bold).elidedText(str(values.title), Qt.TextElideMode.ElideRight, footer.width())
        painter.drawText(footer, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, title)

        painter.setFont(option.font)
        metrics = QFontMetrics(option.font)
        frames, seconds, fps = values.frames, values.seconds, values.fps
        shown = state_label(status)
        duration, chip_w = footer_texts(
            float(seconds or 0.0), frames, bool(fps), shown, metrics, footer.width()
        )
        chip = QRect(
            footer.right() - chip_w, footer.bottom() - metrics.height() - 1, chip_w, metrics.height() + 2
        )
        if chip.left() < footer.left() + 4:
            chip.setLeft(footer.left())
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(STATUS_COLORS.get(status, QColor("#6b7280")))
        if chip_w <= metrics.height():  # a narrow card: the status as a dot (its words are in the tooltip)
            painter.drawEllipse(chip.adjusted(2, 2, -2, -2))
        else:
            painter.drawRoundedRect(chip, 4, 4)
            painter.setPen(QColor("white"))
            painter.drawText(
                chip,
                Qt.AlignmentFlag.AlignCenter,
                metrics.elidedText(shown, Qt.TextElideMode.ElideRight, chip.width()),
            )
        duration_rect = QRect(
            footer.left(), chip.top(), max(0, chip.left() - footer.left() - 4), chip.height()
        )
        painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
        painter.drawText(duration_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, duration)
        painter.restore()


class CardData(NamedTuple):
    """The model's values a card shows, besides the shot's own fields: read once per paint."""

    title: Any
    status: Any
    error: Any
    frames: Any
    seconds: Any
    fps: Any
    progress: Any


def card_data(index: QModelIndex | QPersistentModelIndex) -> CardData:
    """A card's values from its model's own data method (no trip through Qt for each)."""
    model = index.model()
    roles = (
        Qt.ItemDataRole.DisplayRole,
        StatusRole,
        ErrorRole,
        FramesRole,
        SecondsRole,
        FpsRole,
        JobProgressRole,
    )
    return CardData(*(model.data(index, role) for role in roles))


def picture_rect(rect: QRect) -> QRect:
    """Where a card of this rect shows its picture (the thumbnail, or the prompt)."""
    card = rect.adjusted(2, 2, -2, -2)
    return QRect(card.left() + 3, card.top() + 3, card.width() - 6, card.height() - FOOTER - 3)


def _paint_over(painter: QPainter, option: QStyleOptionViewItem, progress: float | None) -> None:
    """What is drawn over the card itself, cached or not: a generating take's bar and the outline."""
    if progress is not None:
        _paint_progress(painter, picture_rect(option.rect), float(progress))
    _paint_border(painter, option)


def _paint_progress(painter: QPainter, picture: QRect, fraction: float) -> None:
    """A take of this shot is generating: a bar along the picture's foot."""
    bar = QRect(picture.left(), picture.bottom() - 4, picture.width(), 5)
    painter.fillRect(bar, QColor(0, 0, 0, 140))
    painter.fillRect(
        QRect(bar.left(), bar.top(), round(bar.width() * fraction), bar.height()),
        STATUS_COLORS["generating"].lighter(140),
    )


def _paint_border(painter: QPainter, option: QStyleOptionViewItem) -> None:
    """The card's outline: the highlight's colour and 3 px when selected (drawn on the cached card)."""
    selected = bool(option.state & QStyle.StateFlag.State_Selected)
    role = QPalette.ColorRole.Highlight if selected else QPalette.ColorRole.Mid
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(option.palette.color(role), 3 if selected else 1))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRoundedRect(option.rect.adjusted(2, 2, -2, -2), 6, 6)
    painter.restore()


def _bytes(pixmap: QPixmap) -> int:
    return pixmap.width() * pixmap.height() * 4
