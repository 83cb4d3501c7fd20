"""PreviewPlayer: plays the selected shot's active take or the whole film, with each shot's look."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QPointF, QRect, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QImage,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QShortcut,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.film.film_titles import TitleOverlay
from app.film.preview_sequence import (
    PreviewSpan,
    SpanFrames,
    film_time_at,
    mix_at,
    preview_spans,
    span_at,
    timeline_time,
)
from app.project.project import Project
from engine.values import shorten
from ui.preview.control_overlay import ControlOverlay
from ui.preview.mask_bar import MaskBar
from ui.preview.mask_layer import MaskLayer, paint_mask
from ui.preview.scrub_bar import ScrubBar
from ui.widgets.icons import icon
from ui.widgets.labels import timecode

SHOT_MODE, FILM_MODE = "shot", "film"
# Shot fields whose change alters what the preview shows.
_VISIBLE_FIELDS = {"active_take", "trim_in", "trim_out", "preset", "frames", "caption"}
SPANS_AFTER_SHOW_MS = 300  # after the first paint (and the window's own deferred work), before a click
CONTROL_OPACITY = 0.5  # the control frame over the take: both stay readable

log = logging.getLogger(__name__)


class FrameView(QWidget):
    """Paints one RGB frame scaled to fit, or a dark card with a message."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.image: QImage | None = None
        self.message = self.tr("No take to show")
        self.control: QImage | None = None  # the control frame drawn over the take (the overlay toggle)
        self.mask_layer: MaskLayer | None = None  # set while a mask is painted: the mouse paints on it
        self.setMinimumSize(160, 90)

    def show_array(self, array) -> None:
        if not array.flags["C_CONTIGUOUS"]:
            array = array.copy()
        h, w = array.shape[:2]
        # Copied once into 32-bit pixels, which Qt scales as they are: a smooth scale of 24-bit RGB
        # converted every row on each paint (1.2 ms against 0.5 for a 832x480 frame).
        self.image = QImage(array.data, w, h, 3 * w, QImage.Format.Format_RGB888).convertToFormat(
            QImage.Format.Format_RGB32
        )
        self.update()

    def show_message(self, text: str) -> None:
        self.image, self.message = None, text
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("#111827"))
        if self.image is not None:
            target = self.target()
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            painter.drawImage(target, self.image)
            if self.control is not None:
                painter.setOpacity(CONTROL_OPACITY)
                painter.drawImage(target, self.control)
                painter.setOpacity(1.0)
            if self.mask_layer is not None:
                paint_mask(painter, self.mask_layer, target)
        else:
            painter.setPen(QColor("#9ca3af"))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.message)
        painter.end()

    def target(self) -> QRect:
        """Where the frame is drawn: scaled to fit, centred."""
        if self.image is None:
            return QRect()
        size = self.image.size().scaled(self.size(), Qt.AspectRatioMode.KeepAspectRatio)
        return QRect(
            (self.width() - size.width()) // 2,
            (self.height() - size.height()) // 2,
            size.width(),
            size.height(),
        )

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if self.mask_layer is None or self.image is None or event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        self.mask_layer.press(self._in_take(event.position()))

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self.mask_layer is None or self.image is None or not event.buttons() & Qt.MouseButton.LeftButton:
            super().mouseMoveEvent(event)
            return
        self.mask_layer.move(self._in_take(event.position()))

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self.mask_layer is None or self.image is None or event.button() != Qt.MouseButton.LeftButton:
            super().mouseReleaseEvent(event)
            return
        self.mask_layer.release(self._in_take(event.position()))

    def _in_take(self, point: QPointF) -> QPointF:
        """A point on the widget in the take's pixels (the mask's)."""
        target = self.target()
        width, height = self.mask_layer.size() if self.mask_layer is not None else (1, 1)
        scale_x = width / max(target.width(), 1)
        scale_y = height / max(target.height(), 1)
        return QPointF((point.x() - target.x()) * scale_x, (point.y() - target.y()) * scale_y)


class PreviewPlayer(QWidget):
    """Play/pause (Space), frame step (Left/Right), scrub bar, timecode, loop; shot or film mode."""

    positionChanged = Signal(float)  # film time in seconds (for the timeline's playhead)
    shotRequested = Signal(str)  # a seek landed on another shot (shot mode): select it

    def __init__(self, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from ui.preview.playback_clock import PlaybackClock

        self.setObjectName("PreviewPlayer")
        self.project = project
        self.frames = SpanFrames()
        # Built when first needed (a selected shot, film mode, a seek), not with the window: at
        # 2,000 shots they cost a few hundred ms that the first paint should not wait for.
        self._spans: list[PreviewSpan] | None = None
        self.titles = TitleOverlay(project)  # the film's titles and captions, as the export draws them
        self._span_rows: dict[str, int] = {}  # shot id -> its span's position, so a selection is O(1)
        self.mode = SHOT_MODE
        self.shot_id: str | None = None
        self.range_start, self.rate = 0.0, 24.0
        self.current = None  # the array on screen (after the look)
        self._reported: Exception | None = None  # the last unreadable take's error, logged once
        # (shot id, frame) -> the frame shown: the safety veil blurs flagged takes (ui/review/safety_veil)
        self.frame_filter: Callable[[str, Any], Any] | None = None
        self.clock = PlaybackClock(self)
        self.clock.frameChanged.connect(self._show)
        self.clock.finished.connect(self._update_play_button)
        self._retry = QTimer(self)  # a paused seek waits for its frame without blocking
        self._retry.setInterval(15)
        self._retry.timeout.connect(lambda: self._show(self.clock.position))
        self._rebuild = QTimer(self)
        self._rebuild.setSingleShot(True)
        self._rebuild.timeout.connect(self.reload)
        self._build()
        project.subscribe(self._on_event)
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self._configure()

    def _build(self) -> None:
        self.view = FrameView()
        mode_label = QLabel(self.tr("Preview"))
        self.mode_box = QComboBox()
        mode_label.setBuddy(self.mode_box)
        self.mode_box.addItem(self.tr("Shot"), SHOT_MODE)
        self.mode_box.addItem(self.tr("Film"), FILM_MODE)
        self.mode_box.setToolTip(
            self.tr("Play the selected shot's take, or the whole film in timeline order")
        )
        self.mode_box.currentIndexChanged.connect(lambda i: self.set_mode(self.mode_box.itemData(i)))
        self.play_button = QToolButton()
        self.play_button.setObjectName("PlayButton")
        self.play_button.setToolTip(self.tr("Play / pause (Space)"))
        self.play_button.clicked.connect(self.toggle)
        back, forward = QToolButton(), QToolButton()
        back.setIcon(icon("step_back"))
        back.setToolTip(self.tr("Previous frame (Left)"))
        back.clicked.connect(lambda: self.step(-1))
        forward.setIcon(icon("step_forward"))
        forward.setToolTip(self.tr("Next frame (Right)"))
        forward.clicked.connect(lambda: self.step(1))
        self.scrub = ScrubBar()
        self.scrub.setToolTip(self.tr("Scrub"))
        self.scrub.valueChanged.connect(self._scrubbed)
        self.timecode = QLabel()
        self.timecode.setObjectName("Timecode")
        self.timecode.setToolTip(self.tr("Timecode (hours:minutes:seconds:frames) and frame number"))
        mono = self.timecode.font()
        mono.setFamily("monospace")
        mono.setStyleHint(mono.StyleHint.TypeWriter)  # digits that do not jiggle while playing
        self.timecode.setFont(mono)
        self.loop = QCheckBox(self.tr("Loop"))
        self.loop.toggled.connect(lambda on: setattr(self.clock, "loop", on))
        bar = QHBoxLayout()
        bar.setContentsMargins(4, 0, 4, 2)
        for widget in (mode_label, self.mode_box, back, self.play_button, forward):
            bar.addWidget(widget)
        bar.addWidget(self.scrub, 1)
        bar.addWidget(self.timecode)
        bar.addWidget(self.loop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.view, 1)
        self.mask_bar = MaskBar(self)
        self.control_overlay = ControlOverlay(self)
        # Their toggles live in the View menu: the transport bar keeps its width for the scrub bar.
        self.addActions([self.control_overlay.action, self.mask_bar.action])
        layout.addWidget(self.mask_bar)
        layout.addLayout(bar)
        for key, slot in (("Left", lambda: self.step(-1)), ("Right", lambda: self.step(1))):
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        self._update_play_button()

    # -- what to play -------------------------------------------------------------------
    def set_project(self, project: Project) -> None:
        """Follow another project."""
        self.project.unsubscribe(self._on_event)
        self.project = project
        self.titles = TitleOverlay(project)
        project.subscribe(self._on_event)
        self.shot_id = None
        self.frames.close()
        self.reload()

    def set_shot(self, shot_id: str | None) -> None:
        """The shot played in shot mode (the timeline's selection)."""
        if shot_id == self.shot_id:
            return
        self.shot_id = shot_id
        self.mask_bar.action.setChecked(False)  # a mask belongs to the take it was painted on
        if self.mode == SHOT_MODE:
            self.clock.stop()
            self.clock.position = 0
            # The spans follow the project, not the selection: only the range played changes.
            self._configure()

    def set_mode(self, mode: str) -> None:
        """Shot or film."""
        if mode == self.mode:
            return
        t = timeline_time(self.spans, self.film_time())
        self.mode = mode
        self.mode_box.setCurrentIndex(0 if mode == SHOT_MODE else 1)
        self.reload()
        self.seek_time(t)

    def _on_event(self, event: str, details: dict) -> None:
        if event == "shot_changed" and not _VISIBLE_FIELDS.intersection(details.get("fields") or ()):
            return
        self._rebuild.start(0)  # once per burst of edits

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._spans is None:
            # Built once the window is up and idle, so neither its first paint nor the first click
            # waits for them (tens of ms at 2,000 shots; a click before then builds them itself).
            QTimer.singleShot(SPANS_AFTER_SHOW_MS, self, self._build_spans)

    def _build_spans(self) -> None:
        self.spans  # noqa: B018  # built on first use

    @property
    def spans(self) -> list[PreviewSpan]:
        """Every shot's span in timeline order, built on first use."""
        if self._spans is None:
            self._spans = preview_spans(self.project)
            self._span_rows = {span.shot_id: row for row, span in enumerate(self._spans)}
        return self._spans

    def reload(self) -> None:
        """Rebuild the spans from the project and show the current frame again."""
        self._spans = None
        self.titles.reload()
        self._configure()

    def _shot_span(self) -> PreviewSpan | None:
        if self.shot_id is None:
            return None
        spans = self.spans
        row = self._span_rows.get(self.shot_id)
        return spans[row] if row is not None else None

    def _configure(self) -> None:
        """Set the clock and scrub bar to the range played (the shot's, or the film's)."""
        if self.mode == SHOT_MODE:
            span = self._shot_span()
            self.range_start = span.start if span else 0.0
            self.rate, length = (span.fps, span.frames) if span else (24.0, 0)
        else:
            self.rate = float(max(1, self.project.settings.fps))
            total = self.spans[-1].end if self.spans else 0.0
            self.range_start, length = 0.0, int(round(total * self.rate))
        self.clock.configure(self.rate, length)
        self.scrub.blockSignals(True)
        self.scrub.setRange(0, max(length - 1, 0))
        self.scrub.blockSignals(False)
        self._show(self.clock.position)

    # -- transport ----------------------------------------------------------------------
    def toggle(self) -> None:
        """Play (forwards, at real time) or pause."""
        if self.clock.playing:
            self.clock.stop()
        else:
            self.clock.set_speed(1.0)
            self.clock.start()
        self._update_play_button()

    def play_at(self, speed: float) -> None:
        """Play at a multiple of real time, negative backwards (the J/K/L shuttle)."""
        self.clock.set_speed(speed)
        if not self.clock.playing:
            self.clock.start()
        self._update_play_button()

    def play(self) -> None:
        if not self.clock.playing:
            self.toggle()

    def pause(self) -> None:
        if self.clock.playing:
            self.toggle()

    def step(self, delta: int) -> None:
        """Pause and move by frames."""
        self.pause()
        self.clock.seek(self.clock.position + delta)

    def seek_frame(self, frame: int) -> None:
        self.clock.seek(frame)

    def seek_time(self, t: float) -> None:
        """Go to a timeline time (a click on the ruler); in shot mode a time in another shot selects it."""
        t = film_time_at(self.spans, t)
        if self.mode == SHOT_MODE:
            span = span_at(self.spans, t)
            if span is not None and span.shot_id != self.shot_id:
                self.shotRequested.emit(span.shot_id)
                self.set_shot(span.shot_id)
        self.clock.seek(int((t - self.range_start) * self.rate + 1e-6))

    def shown_span(self, t: float) -> PreviewSpan | None:
        """The span on screen at film time t: in shot mode always the shot's own (a crossfade into it
        overlaps the shot before, which span_at would name)."""
        if self.mode == SHOT_MODE:
            return self._shot_span()
        return span_at(self.spans, t)

    def film_time(self) -> float:
        return self.range_start + self.clock.position / self.rate

    def position_text(self, frame: int) -> str:
        """'TC 00:00:03:07 · Frame 55', plus the shuttle speed when it is not 1×."""
        text = self.tr("TC {0} · Frame {1}").format(timecode(frame, self.rate), frame)
        speed = self.clock.speed
        if speed != 1.0:
            text += " · " + self.tr("{0}×").format(f"{speed:g}")
        return text

    def _scrubbed(self, value: int) -> None:
        if value != self.clock.position:
            self.clock.seek(value)

    def _update_play_button(self) -> None:
        self.play_button.setIcon(icon("pause" if self.clock.playing else "play"))
        self.timecode.setText(self.position_text(self.clock.position))

    # -- showing ------------------------------------------------------------------------
    def _show(self, frame: int) -> None:
        t = self.range_start + frame / self.rate
        self.scrub.blockSignals(True)
        self.scrub.setValue(frame)
        self.scrub.blockSignals(False)
        self.timecode.setText(self.position_text(frame))
        if self.mode == SHOT_MODE and self.shot_id is None:
            # Nothing to show, and nothing that needs the spans built (the window's first paint);
            # with no shot the range is empty and starts the film, where timeline and film time agree.
            self.positionChanged.emit(t)
            self._retry.stop()
            self.current = None
            self.view.show_message(
                self.tr("Select a shot on the timeline to preview it, or preview the whole film.")
                if self.project.shots
                else self.tr("No shots yet: the film plays here once its shots have takes.")
            )
            return
        self.positionChanged.emit(timeline_time(self.spans, t))
        span = self.shown_span(t)
        if span is None or span.path is None:
            self._retry.stop()
            self.current = None
            self.view.show_message(
                self.tr("This shot has no take yet: generate it (Ctrl+G) to see it here.")
                if span is not None
                else self.tr("Select a shot on the timeline to preview it, or preview the whole film.")
                if self.spans
                else self.tr("No shots yet: the film plays here once its shots have takes.")
            )
            return
        image = self._film_frame(t) if self.mode == FILM_MODE else self.frames.frame(span, t)
        if image is not None and self.mode == FILM_MODE:
            image = self.titles.draw(image, t)
        if image is None:
            error = self.frames.error(span)
            if error is not None:  # probed or decoded on the reader's thread: say why, stop asking
                self._retry.stop()
                self.current = None
                if self._reported is not error:
                    self._reported = error
                    log.warning("Cannot preview %s", span.path, exc_info=error)
                self.view.show_message(self.tr("This take cannot be read: {0}").format(shorten(str(error))))
                return
            if not self.clock.playing and not self._retry.isActive():
                self._retry.start()  # paused: poll until the reader has it; playing: the next tick will
            return
        self._retry.stop()
        if self.frame_filter is not None:
            image = self.frame_filter(span.shot_id, image)
        self.current = image
        self.view.show_array(image)
        following = self._span_rows.get(span.shot_id, len(self.spans)) + 1
        if self.mode == FILM_MODE and following < len(self.spans) and span.end - t < 0.5:
            self.frames.prefetch(self.spans[following])

    def _film_frame(self, t: float) -> Any:
        """The film's frame at t as exported: crossfades blend both takes, fades go toward black."""
        import numpy as np

        parts = [(span, weight) for span, weight in mix_at(self.spans, t) if span.path is not None]
        if len(parts) == 1 and parts[0][1] == 1.0:
            return self.frames.frame(parts[0][0], t)
        images = [(self.frames.frame(span, t), weight) for span, weight in parts]
        if not images or any(image is None for image, _ in images):
            return None  # not decoded yet: the retry (paused) or the next tick (playing) shows it
        if len({image.shape for image, _ in images}) > 1:
            # Takes of different sizes: the view scales each, so blend none and show the stronger one.
            return max(images, key=lambda part: part[1])[0]
        mixed = sum(weight * image.astype(np.float32) for image, weight in images)
        return np.clip(np.rint(mixed), 0, 255).astype(np.uint8)

    def shutdown(self) -> None:
        """Stop playing and close the decoders."""
        self.clock.stop()
        self._retry.stop()
        self.control_overlay.shutdown()
        self.mask_bar.shutdown()
        self.project.unsubscribe(self._on_event)
        self.frames.close()
