"""TrackRows: the title track and the sound track (with waveforms) under the timeline, on its time scale;
click to select, drag to move, drag a title's right edge to change its length; by keyboard, Up and Down
select, Left and Right move (Shift: lengthen), Enter edits, Delete removes."""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QWidget

from app.film.preview_sequence import PreviewSpan, film_time_at, preview_spans, timeline_time
from app.project.project import Project
from app.project.sound_track import MAX_START, AudioClip
from ui.widgets.background import BackgroundWorker

if TYPE_CHECKING:
    from ui.timeline.time_ruler import TimeRuler

log = logging.getLogger(__name__)

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
EDGE = 5  # pixels from a title's right edge where a drag changes its length
NUDGE = 0.1  # seconds an arrow key moves the selection (or, with Shift, lengthens a title)
SHORTEST = 0.1  # seconds: a title dragged shorter stops here

Key = tuple[str, Any]  # ("title", index) or ("audio", clip id)


class TrackRows(QWidget):
    """Shows where each title and sound clip sits on the film, scrolled and zoomed with the timeline; edits
    come out as signals (the wiring pushes them onto the undo stack)."""

    selectionChanged = Signal()
    titleChanged = Signal(int, object)  # index, the TitleElement moved or lengthened
    clipMoved = Signal(str, float)  # clip id, new start
    deleteRequested = Signal()
    editRequested = Signal()

    def __init__(self, ruler: TimeRuler, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("TrackRows")
        self.ruler = ruler
        self.project = project
        self._spans: list[PreviewSpan] | None = None
        self._peaks: dict[str, Any] = {}  # clip path -> (peaks, seconds), read once per file
        self._reader = BackgroundWorker(self)  # decoding a long file takes seconds: never in paintEvent
        self.selected: Key | None = None
        self._drag: dict[str, Any] | None = None  # what a press grabbed, until the release
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)  # the resize cursor over a title's edge
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
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
        if self.selected is not None and self._item(self.selected) is None:
            self.select(None)
        self.update()

    def _item(self, key: Key) -> Any:
        """The title or clip key names (None when it is gone)."""
        if key[0] == "title":
            return self.project.titles[key[1]] if key[1] < len(self.project.titles) else None
        return next((c for c in self.project.audio if c.id == key[1]), None)

    def select(self, key: Key | None) -> None:
        """Select a title ("title", index), a clip ("audio", id) or nothing."""
        if key != self.selected:
            self.selected = key
            self.selectionChanged.emit()
            self.update()

    def selected_title(self) -> int | None:
        """The selected title's index."""
        return self.selected[1] if self.selected is not None and self.selected[0] == "title" else None

    def selected_clip(self) -> str | None:
        """The selected sound clip's id."""
        return self.selected[1] if self.selected is not None and self.selected[0] == "audio" else None

    def time_at(self, x: float) -> float | None:
        """Film time under x (None off the cards)."""
        place = self.ruler.time_for_x(x)
        if place is None:
            return None
        if self._spans is None:
            self._spans = preview_spans(self.project, with_looks=False)
        return film_time_at(self._spans, place)

    def _rects(self) -> Iterator[tuple[Key, QRectF, Any]]:
        """Each element's key, rectangle and (for clips) waveform, as they are drawn now."""
        for index, element in enumerate(self.project.titles):
            start, end = element.start, element.end
            if self._drag is not None and self._drag["key"] == ("title", index):
                start, end = self._drag["start"], self._drag["start"] + self._drag["duration"]
            rect = self._span_rect(1, start, end)
            if rect is not None:
                yield ("title", index), rect, None
        for clip in self.project.audio:
            wave = self._waveform(clip)
            seconds = wave[1] if wave is not None else 1.0
            start = clip.start
            if self._drag is not None and self._drag["key"] == ("audio", clip.id):
                start = self._drag["start"]
            rect = self._span_rect(ROW + 3, start, start + seconds)
            if rect is not None:
                yield ("audio", clip.id), rect, wave

    def _span_rect(self, top: int, start: float, end: float) -> QRectF | None:
        left, right = self._x(start), self._x(end)
        if left is None or right is None:
            return None
        return QRectF(left, top, max(2.0, right - left), ROW - 2)

    def hit(self, point: QPointF) -> tuple[Key, QRectF] | None:
        """The element under point and its rectangle (the last drawn wins, as it lies on top)."""
        found = None
        for key, rect, _ in self._rects():
            if rect.contains(point):
                found = (key, rect)
        return found

    # -- mouse and keys --------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:
        found = self.hit(event.position())
        self.select(found[0] if found else None)
        t = self.time_at(event.position().x())
        if found is None or t is None or event.button() != Qt.MouseButton.LeftButton:
            return
        key, rect = found
        item = self._item(key)
        resize = key[0] == "title" and rect.right() - event.position().x() <= EDGE
        duration = item.duration if key[0] == "title" else 0.0
        self._drag = {"key": key, "at": t, "from": item.start, "start": item.start, "duration": duration}
        self._drag["resize"] = resize

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._drag is None:
            found = self.hit(event.position())
            edge = (
                found is not None
                and found[0][0] == "title"
                and found[1].right() - event.position().x() <= EDGE
            )
            self.setCursor(Qt.CursorShape.SizeHorCursor if edge else Qt.CursorShape.ArrowCursor)
            return
        t = self.time_at(event.position().x())
        if t is None:
            return
        if self._item(self._drag["key"]) is None:  # undone or removed under the mouse: the drag ends
            self._drag = None
            return
        drag, delta = self._drag, t - self._drag["at"]
        if drag["resize"]:
            drag["duration"] = max(SHORTEST, self._item(drag["key"]).duration + delta)
        else:
            drag["start"] = min(MAX_START, max(0.0, drag["from"] + delta))
        self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._drag is not None:
            self.mouseMoveEvent(event)  # where it was let go counts, moved there or not
        drag, self._drag = self._drag, None
        if drag is None:
            return
        self.update()
        self._emit_change(drag["key"], drag["start"], drag["duration"])

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        if self.selected_title() is not None:
            self.editRequested.emit()

    def _step_selection(self, step: int) -> None:
        """Select the next (or previous) element: the titles in order, then the sound clips."""
        keys: list[Key] = [("title", i) for i in range(len(self.project.titles))]
        keys += [("audio", clip.id) for clip in self.project.audio]
        if keys:
            at = keys.index(self.selected) if self.selected in keys else (-1 if step > 0 else len(keys))
            self.select(keys[max(0, min(len(keys) - 1, at + step))])

    def _emit_change(self, key: Key, start: float, duration: float) -> None:
        """Say that key now starts at start (and a title lasts duration), if anything changed."""
        item = self._item(key)
        start = round(start, 3)  # milliseconds: the pixel a drag lands on is no finer
        if item is None:
            return
        if key[0] == "audio":
            if start != item.start:
                self.clipMoved.emit(key[1], start)
        elif start != item.start or round(duration, 3) != item.duration:
            self.titleChanged.emit(
                key[1], dataclasses.replace(item, start=start, duration=round(duration, 3))
            )

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, item = event.key(), self._item(self.selected) if self.selected is not None else None
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self._step_selection(1 if key == Qt.Key.Key_Down else -1)
            return None
        if item is None:
            return super().keyPressEvent(event)
        if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.deleteRequested.emit()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.selected_title() is not None:
            self.editRequested.emit()
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            step = NUDGE if key == Qt.Key.Key_Right else -NUDGE
            assert self.selected is not None
            if event.modifiers() & Qt.KeyboardModifier.ShiftModifier and self.selected[0] == "title":
                self._emit_change(self.selected, item.start, max(SHORTEST, item.duration + step))
            else:
                duration = item.duration if self.selected[0] == "title" else 0.0
                self._emit_change(self.selected, min(MAX_START, max(0.0, item.start + step)), duration)
        else:
            super().keyPressEvent(event)

    def _x(self, seconds: float) -> float | None:
        if self._spans is None:
            self._spans = preview_spans(self.project, with_looks=False)
        return self.ruler.x_for_time(timeline_time(self._spans, seconds))

    def _waveform(self, clip: AudioClip) -> Any:
        """The clip's peaks and seconds; None (a plain block) while they are read off the GUI thread, or when
        its file cannot be read."""
        if clip.path not in self._peaks:
            from app.project.audio_import import audio_clip_file
            from engine.film.audio_file import waveform_peaks

            key = clip.path
            self._peaks[key] = None
            try:
                path = audio_clip_file(self.project, clip)
            except Exception:  # outside the media folder: a plain block, and the export names it
                return None
            self._reader.run(
                lambda: waveform_peaks(path, BUCKETS),
                lambda wave: self._peaks_read(key, wave),
                lambda exc: log.warning("no waveform for %s: %s", path, exc),
            )
        return self._peaks[clip.path]

    def _peaks_read(self, key: str, wave: Any) -> None:
        self._peaks[key] = wave
        self.update()

    def waveforms_pending(self) -> bool:
        """Whether a clip's waveform is still being read."""
        return self._reader.busy()

    def shutdown(self) -> None:
        """Stop reading waveforms (closing the window)."""
        self._reader.shutdown()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), self.palette().base())
        painter.setPen(self.palette().mid().color())
        painter.drawLine(0, ROW + 1, self.width(), ROW + 1)
        for key, rect, wave in self._rects():
            item = self._item(key)
            self._block(painter, rect, COLOURS[item.kind], item.text if key[0] == "title" else "")
            if wave is not None:
                self._draw_peaks(painter, rect, wave[0])
            if key == self.selected:
                painter.setPen(QPen(self.palette().highlight().color(), 2))
                painter.drawRect(rect.adjusted(1, 1, -1, -1))
        painter.end()

    def _block(self, painter: QPainter, rect: QRectF, colour: str, text: str) -> None:
        fill = QColor(colour)
        fill.setAlpha(170)
        painter.fillRect(rect, fill)
        if text:
            painter.setPen(Qt.GlobalColor.white)
            shown = painter.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, int(rect.width()) - 6)
            painter.drawText(rect.adjusted(3, 0, -3, 0), Qt.AlignmentFlag.AlignVCenter, shown)

    def _draw_peaks(self, painter: QPainter, rect: QRectF, peaks: Any) -> None:
        painter.setPen(QColor(255, 255, 255, 200))
        middle, half = rect.center().y(), rect.height() / 2 - 1
        columns = max(1, int(rect.width()))
        for column in range(columns):
            peak = float(peaks[min(len(peaks) - 1, column * len(peaks) // columns)])
            x = rect.left() + column
            painter.drawLine(int(x), int(middle - peak * half), int(x), int(middle + peak * half))
