"""MaskLayer: the mask over a take in the preview (white is repainted, black kept): a still one painted with
the mouse, or a mask clip loaded from a file, one frame per frame of the take."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, QPointF, QRect, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPen

BRUSH, RECTANGLE = "brush", "rectangle"
TOOLS = (BRUSH, RECTANGLE)
MIN_BRUSH, MAX_BRUSH = 1, 512  # pixels of the take, not of the screen
OVERLAY_COLOUR = QColor(239, 68, 68)  # the repainted part, drawn half transparent over the take


class MaskLayer(QObject):
    """A mask at the take's size, painted with a round brush or a rectangle, inverted or cleared."""

    changed = Signal()

    def __init__(self, width: int, height: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # RGB32 rather than Grayscale8: every QPainter feature draws on it; saved as one channel.
        self.image = QImage(width, height, QImage.Format.Format_RGB32)
        self.image.fill(Qt.GlobalColor.black)
        self.tool = BRUSH
        self.brush_size = 32
        self._last: QPointF | None = None
        self._anchor: QPointF | None = None
        self.pending: QRectF | None = None  # the rectangle being dragged, shown before it is filled
        self.clip: Any = None  # a loaded mask clip, (frames, height, width) uint8; None: the painted still
        self.clip_path: str | None = None
        self.frame = 0  # the take's frame on screen, whose mask clip frame is drawn
        self._clip_frame: Any = None  # keeps the pixels the drawn QImage points into alive

    def set_clip(self, path: str | None, frames: Any = None) -> None:
        """Follow a mask clip (its frames at the take's size), or None: back to the still painted before."""
        self.clip_path, self.clip = (path, frames) if path is not None else (None, None)
        self.changed.emit()

    def show_frame(self, index: int) -> None:
        """The take's frame on screen changed: a mask clip shows its own frame for it."""
        self.frame = index
        if self.clip is not None:
            self.changed.emit()

    def size(self) -> tuple[int, int]:
        """(width, height) in pixels of the take."""
        return self.image.width(), self.image.height()

    # -- painting, in the take's pixel coordinates -------------------------------------------
    def press(self, point: QPointF) -> None:
        """Start a stroke (brush) or a rectangle at `point`."""
        if self.clip is not None:  # a mask clip is shown, not painted on
            return
        if self.tool == RECTANGLE:
            self._anchor = QPointF(point)
            self.pending = QRectF(point, point)
        else:
            self._last = QPointF(point)
            self._stroke(point, point)
        self.changed.emit()

    def move(self, point: QPointF) -> None:
        """Continue the stroke, or stretch the rectangle, to `point`."""
        if self._anchor is not None:
            self.pending = QRectF(self._anchor, point).normalized()
        elif self._last is not None:
            self._stroke(self._last, point)
            self._last = QPointF(point)
        else:
            return
        self.changed.emit()

    def release(self, point: QPointF) -> None:
        """End the stroke, or fill the rectangle dragged."""
        if self._anchor is not None:
            rect = QRectF(self._anchor, point).normalized().toAlignedRect()
            painter = QPainter(self.image)
            painter.fillRect(rect.intersected(QRect(0, 0, *self.size())), Qt.GlobalColor.white)
            painter.end()
        elif self._last is not None:
            self._stroke(self._last, point)
        self._anchor = self._last = self.pending = None
        self.changed.emit()

    def _stroke(self, start: QPointF, end: QPointF) -> None:
        painter = QPainter(self.image)
        pen = QPen(Qt.GlobalColor.white, self.brush_size)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        # No antialiasing: the mask is exact black and white, as VACE's mask is.
        painter.drawLine(start, end)
        painter.end()

    def invert(self) -> None:
        """Repaint what was kept and keep what was repainted."""
        self.image.invertPixels()
        self.changed.emit()

    def clear(self) -> None:
        """Keep everything: an empty mask."""
        self.image.fill(Qt.GlobalColor.black)
        self.changed.emit()

    # -- what the app is given -------------------------------------------------------------
    def to_array(self) -> Any:
        """The mask as a (height, width) uint8 array, 255 where the take is repainted."""
        import numpy as np

        gray = self.image.convertToFormat(QImage.Format.Format_Grayscale8)
        width, height = self.size()
        rows = np.frombuffer(gray.constBits(), np.uint8).reshape(height, gray.bytesPerLine())
        return (rows[:, :width] >= 128).astype(np.uint8) * 255

    def is_empty(self) -> bool:
        """Whether nothing is painted (a repaint of nothing is refused before it is queued)."""
        if self.clip is not None:
            return not bool(self.clip.any())
        return not bool(self.to_array().any())

    def png_bytes(self) -> bytes:
        """The mask as a single-channel PNG, the file the repaint is given."""
        gray = self.image.convertToFormat(QImage.Format.Format_Grayscale8)
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        gray.save(buffer, "PNG")  # type: ignore[call-overload]  # the stubs want bytes; Qt wants str
        buffer.close()
        return bytes(data.data())

    def overlay(self) -> QImage:
        """The painted part (or the mask clip's frame on screen) in a colour, for drawing over the take."""
        tint = QImage(self.image.size(), QImage.Format.Format_ARGB32_Premultiplied)
        tint.fill(OVERLAY_COLOUR)
        tint.setAlphaChannel(self._alpha())
        return tint

    def _alpha(self) -> QImage:
        if self.clip is None:
            return self.image.convertToFormat(QImage.Format.Format_Grayscale8)
        import numpy as np

        # A take longer than its clip cannot be loaded; the last frame only guards a frame past the end.
        self._clip_frame = np.ascontiguousarray(self.clip[min(self.frame, len(self.clip) - 1)])
        height, width = self._clip_frame.shape
        return QImage(self._clip_frame.data, width, height, width, QImage.Format.Format_Grayscale8)


def paint_mask(painter: QPainter, mask: MaskLayer, target: QRect) -> None:
    """Draw the mask's tint, and the rectangle being dragged, over a frame drawn at `target`."""
    painter.setOpacity(0.5)
    painter.drawImage(target, mask.overlay())
    painter.setOpacity(1.0)
    if mask.pending is not None:
        width, height = mask.size()
        sx, sy = target.width() / max(width, 1), target.height() / max(height, 1)
        rect = mask.pending
        painter.setPen(QPen(OVERLAY_COLOUR, 1, Qt.PenStyle.DashLine))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(
            QRectF(
                target.x() + rect.x() * sx, target.y() + rect.y() * sy, rect.width() * sx, rect.height() * sy
            )
        )
