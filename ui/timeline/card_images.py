"""What a card shows of a shot's conditioning: its start and end images as insets, a mark for continuing."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QRect, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen, QPixmap

from app.project.project import Project
from app.project.shot import Shot
from app.project.shot_inputs import ShotImage
from ui.widgets.thumbnails import ThumbnailCache

INSET_SHARE = 0.42  # of the picture's height
MAX_INSET_HEIGHT = 60  # on tall cards the inset stays a corner, not a second picture
MIN_PICTURE_HEIGHT = 36  # below this the card has no room for insets


def _inset(
    painter: QPainter,
    right: int,
    picture: QRect,
    image: ShotImage,
    project: Project,
    thumbnails: ThumbnailCache,
) -> int:
    """Draw one image inset ending at x = right; returns the inset's left edge."""
    height = max(12, min(MAX_INSET_HEIGHT, round(picture.height() * INSET_SHARE)))
    pixmap = thumbnails.still(project, image)
    width = (
        round(height * pixmap.width() / pixmap.height()) if pixmap is not None and pixmap.height() else height
    )
    width = min(width, max(12, picture.width() // 2 - 4))
    box = QRect(right - width, picture.top() + 3, width, height)
    if pixmap is not None:
        scaled = pixmap.scaled(
            box.size(),
            Qt.AspectRatioMode.KeepAspectRatioByExpanding,
            Qt.TransformationMode.SmoothTransformation,
        )
        painter.save()
        painter.setClipRect(box)
        painter.drawPixmap(
            box.left() + (box.width() - scaled.width()) // 2,
            box.top() + (box.height() - scaled.height()) // 2,
            scaled,
        )
        painter.restore()
    else:
        painter.fillRect(box, QColor("#475569"))  # still decoding: a placeholder of the same place
    painter.setPen(QPen(QColor("white"), 1))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRect(box.adjusted(0, 0, -1, -1))
    return box.left()


def _continue_mark(painter: QPainter, right: int, picture: QRect, font: QFont) -> int:
    """A badge saying the shot starts from the previous shot's last frame; returns its left edge."""
    small = QFont(font)
    small.setPointSizeF(max(7.0, font.pointSizeF() - 1))
    painter.setFont(small)
    text = QCoreApplication.translate("ShotCard", "↪ continues")
    width = min(painter.fontMetrics().horizontalAdvance(text) + 8, picture.width() - 8)
    badge = QRect(right - width, picture.top() + 3, width, painter.fontMetrics().height() + 2)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(37, 99, 235, 220))
    painter.drawRoundedRect(badge, 3, 3)
    painter.setPen(QColor("white"))
    painter.drawText(
        badge,
        Qt.AlignmentFlag.AlignCenter,
        painter.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, width - 4),
    )
    return badge.left()


def paint_image_marks(
    painter: QPainter, picture: QRect, shot: Shot, project: Project, thumbnails: ThumbnailCache, font: QFont
) -> int | None:
    """The end image, then the start image (or the continue badge) along the picture's top right corner;
    returns the marks' left edge (None when there are none), so the prompt can keep clear of them."""
    if picture.height() < MIN_PICTURE_HEIGHT or picture.width() < 40:
        return None
    painter.save()
    right = left = picture.right() - 2
    if shot.end_image is not None:
        left = _inset(painter, right, picture, shot.end_image, project, thumbnails)
        right = left - 3
    if shot.continue_previous:
        left = _continue_mark(painter, right, picture, font)
    elif shot.start_image is not None:
        left = _inset(painter, right, picture, shot.start_image, project, thumbnails)
    painter.restore()
    return left if left < picture.right() - 2 else None


STRIP_HEIGHT = 18  # the keyframe strip along the picture's foot
MIN_STRIP_PICTURE = 48  # below this the card shows no strip
_strip_pixmaps: dict[int, QPixmap] = {}  # by the thumbnail's cacheKey: scaled once, not on every paint
MAX_STRIP_PIXMAPS = 512  # about 1.5 MB at most; emptied when full (the thumbnails stay in their cache)


def _strip_pixmap(pixmap: QPixmap) -> QPixmap:
    """A thumbnail at the strip's height, scaled once and kept."""
    key = pixmap.cacheKey()
    small = _strip_pixmaps.get(key)
    if small is None:
        if len(_strip_pixmaps) >= MAX_STRIP_PIXMAPS:
            _strip_pixmaps.clear()
        small = _strip_pixmaps[key] = pixmap.scaledToHeight(
            STRIP_HEIGHT, Qt.TransformationMode.SmoothTransformation
        )
    return small


def paint_keyframe_strip(
    painter: QPainter, picture: QRect, shot: Shot, project: Project, thumbnails: ThumbnailCache
) -> None:
    """The shot's pinned frames along the picture's foot, each where its frame falls in the shot, drawn
    from the cached thumbnails (a grey box while one decodes): no widget, no decoding while painting."""
    if not shot.keyframes or picture.height() < MIN_STRIP_PICTURE or picture.width() < 40:
        return
    frames = shot.frames if shot.frames is not None else project.settings.defaults.frames
    band = QRect(picture.left(), picture.bottom() - STRIP_HEIGHT - 3, picture.width(), STRIP_HEIGHT + 4)
    painter.save()
    painter.fillRect(band, QColor(0, 0, 0, 120))
    for keyframe in shot.keyframes:
        thumbnail = thumbnails.still(project, keyframe.image)
        pixmap = _strip_pixmap(thumbnail) if thumbnail is not None and not thumbnail.isNull() else None
        width = min(pixmap.width(), STRIP_HEIGHT * 3) if pixmap is not None else STRIP_HEIGHT
        share = min(1.0, keyframe.frame / max(1, frames - 1))
        x = band.left() + 2 + round(share * max(0, band.width() - width - 4))
        box = QRect(x, band.top() + 2, width, STRIP_HEIGHT)
        if pixmap is not None:
            painter.drawPixmap(box.topLeft(), pixmap, QRect(0, 0, width, STRIP_HEIGHT))
        else:
            painter.fillRect(box, QColor("#475569"))
        painter.setPen(QPen(QColor("#facc15"), 1))  # keyframes read as pins: a yellow outline
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(box.adjusted(0, 0, -1, -1))
    painter.restore()
