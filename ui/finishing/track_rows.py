"""TrackRows: the title track and the sound track (with waveforms) under the timeline, on its time scale."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from app.film.preview_sequence import PreviewSpan, preview_spans, timeline_time
from app.project.project import Project
from app.project.sound_track import AudioClip

if TYPE_CHECKING:
    from ui.timeline.time_ruler import TimeRuler

ROW = 24
COLOURS = {
    "card": "#7e57c2",
    "lower_third": "#26a69a",
    "end_card": "#5c6bc0",
    "caption": "#8d6e63",
    "music": "#1e88e5",
    "voice": "#43a047",
    "effect": "#fb8c00",
}
BUCKETS = 600  # waveform columns per clip: enough for a wide window, cheap to paint


class TrackRows(QWidget):
    """Paints where each title and sound clip sits on the film, scrolled and zoomed with the timeline."""

    def __init__(self, ruler: TimeRuler, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("TrackRows")
        self.ruler = ruler
        self.project = project
        self._spans: list[PreviewSpan] | None = None
        self._peaks: dict[str, Any] = {}  # clip path -> (peaks, seconds), read once per file
        self.setToolTip(
            self.tr("Titles (upper row) and the sound track (lower row): music, voice and effects")
        )
        project.subscribe(self._changed)
        ruler.view.horizontalScrollBar().valueChanged.connect(self.update)

    def sizeHint(self) -> QSize:
        return QSize(200, 2 * ROW + 4)

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def set_project(self, project: Project) -> None:
        """Follow another project."""
        self.project.unsubscribe(self._changed)
        self.project = project
        project.subscribe(self._changed)
        self._peaks.clear()
        self._changed("", {})

    def _changed(self, event: str, details: dict[str, Any]) -> None:
        self._spans = None
        self.update()

    def _x(self, seconds: float) -> float | None:
        if self._spans is None:
            self._spans = preview_spans(self.project, with_looks=False)
        return self.ruler.x_for_time(timeline_time(self._spans, seconds))

    def _waveform(self, clip: AudioClip) -> Any:
        """The clip's peaks and seconds (None when its file cannot be read: drawn as a plain block)."""
        if clip.path not in self._peaks:
            from app.project.audio_import import audio_clip_file
            from engine.film.audio_file import waveform_peaks

            try:
                self._peaks[clip.path] = waveform_peaks(audio_clip_file(self.project, clip), BUCKETS)
            except Exception:  # a missing or damaged file must not stop the window painting
                self._peaks[clip.path] = None
        return self._peaks[clip.path]

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), self.palette().base())
        painter.setPen(self.palette().mid().color())
        painter.drawLine(0, ROW + 1, self.width(), ROW + 1)
        for element in self.project.titles:
            self._block(painter, 1, element.start, element.end, COLOURS[element.kind], element.text)
        for clip in self.project.audio:
            wave = self._waveform(clip)
            seconds = wave[1] if wave is not None else 1.0
            rect = self._block(painter, ROW + 3, clip.start, clip.start + seconds, COLOURS[clip.kind], "")
            if rect is not None and wave is not None:
                self._draw_peaks(painter, rect, wave[0])
        painter.end()

    def _block(
        self, painter: QPainter, top: int, start: float, end: float, colour: str, text: str
    ) -> QRectF | None:
        left, right = self._x(start), self._x(end)
        if left is None or right is None:
            return None
        rect = QRectF(left, top, max(2.0, right - left), ROW - 2)
        fill = QColor(colour)
        fill.setAlpha(170)
        painter.fillRect(rect, fill)
        if text:
            painter.setPen(Qt.GlobalColor.white)
            shown = painter.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, int(rect.width()) - 6)
            painter.drawText(rect.adjusted(3, 0, -3, 0), Qt.AlignmentFlag.AlignVCenter, shown)
        return rect

    def _draw_peaks(self, painter: QPainter, rect: QRectF, peaks: Any) -> None:
        painter.setPen(QColor(255, 255, 255, 200))
        middle, half = rect.center().y(), rect.height() / 2 - 1
        columns = max(1, int(rect.width()))
        for column in range(columns):
            peak = float(peaks[min(len(peaks) - 1, column * len(peaks) // columns)])
            x = rect.left() + column
            painter.drawLine(int(x), int(middle - peak * half), int(x), int(middle + peak * half))
