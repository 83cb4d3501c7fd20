"""MaskBar: the preview's mask tools (brush or rectangle, size, invert, clear, a mask clip) and its Repaint button."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QComboBox, QFileDialog, QHBoxLayout, QLabel, QPushButton, QSpinBox, QWidget

from ui.preview.mask_layer import BRUSH, MAX_BRUSH, MIN_BRUSH, RECTANGLE, MaskLayer
from ui.widgets.background import BackgroundWorker
from ui.widgets.dialogs import VIDEO_FILTER

log = logging.getLogger(__name__)


class MaskBar(QWidget):
    """Shown while Paint Mask is checked: the mouse paints on the frame; Repaint asks for a new take."""

    repaintRequested = Signal(str, bytes)  # shot id, the mask as a single-channel PNG
    repaintClipRequested = Signal(str, str)  # shot id, the mask clip's file (checked again when planned)

    def __init__(self, player: Any) -> None:
        # player: the PreviewPlayer, not imported here: it imports this module.
        super().__init__(player)
        self.player = player
        self.action = QAction(self.tr("&Paint Mask"), self)
        self.action.setCheckable(True)
        self.action.setToolTip(self.tr("Paint over the part of the take to repaint (white is repainted)"))
        self.action.toggled.connect(self.set_painting)
        self.tool = QComboBox()
        self.tool.addItem(self.tr("Brush"), BRUSH)
        self.tool.addItem(self.tr("Rectangle"), RECTANGLE)
        self.tool.currentIndexChanged.connect(self._tool_changed)
        self.brush_size = QSpinBox()
        self.brush_size.setRange(MIN_BRUSH, MAX_BRUSH)
        self.brush_size.setValue(32)
        self.brush_size.setSuffix(self.tr(" px"))
        self.brush_size.setToolTip(self.tr("Brush size in pixels of the take"))
        self.brush_size.valueChanged.connect(self._tool_changed)
        size_label = QLabel(self.tr("Size"))
        size_label.setBuddy(self.brush_size)
        self.invert_button = QPushButton(self.tr("Invert"))
        self.invert_button.clicked.connect(lambda: self.layer.invert() if self.layer is not None else None)
        self.clear_button = QPushButton(self.tr("Clear"))
        self.clear_button.setToolTip(self.tr("Clear the painted mask, or drop the mask clip and paint again"))
        self.clear_button.clicked.connect(self._clear)
        self.clip_button = QPushButton(self.tr("Load Mask Clip…"))
        self.clip_button.setToolTip(
            self.tr("Repaint with a mask that follows the frames: a video at the take's size and length")
        )
        self.clip_button.clicked.connect(self._choose_clip)
        self.note = QLabel()  # the mask clip followed, or why one was refused
        self.worker = BackgroundWorker(self)  # a mask clip is checked and decoded off the GUI thread
        self.ask_mask_clip: Callable[[], Path | None] = self._ask_mask_clip  # tests answer in its place
        self.repaint_button = QPushButton(self.tr("Repaint…"))
        self.repaint_button.setToolTip(self.tr("Make a new take with the painted part generated again"))
        self.repaint_button.clicked.connect(self._repaint)
        row = QHBoxLayout(self)
        row.setContentsMargins(4, 0, 4, 0)
        for widget in (self.tool, size_label, self.brush_size, self.invert_button, self.clear_button):
            row.addWidget(widget)
        row.addWidget(self.clip_button)
        row.addWidget(self.note)
        row.addStretch(1)
        row.addWidget(self.repaint_button)
        self.layer: MaskLayer | None = None
        self.shot_id: str | None = None
        player.clock.frameChanged.connect(lambda _frame: self._frame_changed())
        self.hide()

    def set_painting(self, on: bool) -> None:
        """Start painting a new mask at the size of the frame on screen, or stop and drop it."""
        view = self.player.view
        self.layer = None
        if on and view.image is not None:
            self.player.pause()
            self.layer = MaskLayer(view.image.width(), view.image.height(), self)
            self.layer.changed.connect(view.update)
            self.shot_id = self.player.shot_id
            self._tool_changed()
        elif on:
            self.action.setChecked(False)  # no frame to paint on: nothing to do
            return
        view.mask_layer = self.layer
        if self.layer is None:
            view.unsetCursor()
        else:
            view.setCursor(Qt.CursorShape.CrossCursor)
            self.layer.changed.connect(self._mask_changed)
            self._mask_changed()
        self.setVisible(self.layer is not None)
        view.update()

    def _mask_changed(self) -> None:
        # A repaint of nothing is never queued: the button waits for paint.
        self.repaint_button.setEnabled(self.layer is not None and not self.layer.is_empty())
        following = self.layer is not None and self.layer.clip is not None
        for widget in (self.tool, self.brush_size, self.invert_button):
            widget.setEnabled(not following)  # a mask clip is followed as it is, never painted on

    def _frame_changed(self) -> None:
        if self.layer is None or self.layer.clip is None:
            return
        t = self.player.film_time()
        span = self.player.shown_span(t)
        if span is not None and span.shot_id == self.shot_id:
            self.layer.show_frame(span.source_frame(t))

    def _clear(self) -> None:
        if self.layer is None:
            return
        if self.layer.clip is not None:
            self.layer.set_clip(None)  # back to the still painted before the clip was loaded
            self.note.clear()
        else:
            self.layer.clear()

    def _ask_mask_clip(self) -> Path | None:
        videos = QCoreApplication.translate("Dialogs", VIDEO_FILTER)
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Choose a mask clip"), "", videos)
        return Path(path) if path else None

    def _choose_clip(self) -> None:
        """Check the clip (as the CLI's --mask clip is checked) and decode it off the GUI thread."""
        layer, shot_id, project = self.layer, self.shot_id, self.player.project
        path = self.ask_mask_clip() if layer is not None and shot_id is not None else None
        if path is None or layer is None or shot_id is None:
            return

        def load() -> Any:
            from app.generation.take_direction import take_mask_clip

            return take_mask_clip(project, shot_id, path)

        self.clip_button.setEnabled(False)
        self.note.setText(self.tr("Checking {0}…").format(path.name))
        self.worker.run(load, lambda frames: self._clip_loaded(layer, path, frames), self._clip_refused)

    def _clip_loaded(self, layer: MaskLayer, path: Path, frames: Any) -> None:
        self.clip_button.setEnabled(True)
        if layer is not self.layer:  # painting stopped, or started again on another take, meanwhile
            self.note.clear()
            return
        self.note.setText(self.tr("Mask clip: {0}").format(path.name))
        layer.set_clip(str(path), frames)
        self._frame_changed()

    def _clip_refused(self, exc: BaseException) -> None:
        log.warning("mask clip refused", exc_info=exc)
        self.clip_button.setEnabled(True)
        self.note.setText(str(exc))

    def _tool_changed(self) -> None:
        if self.layer is not None:
            self.layer.tool = self.tool.currentData()
            self.layer.brush_size = self.brush_size.value()

    def _repaint(self) -> None:
        if self.layer is None or self.shot_id is None or self.layer.is_empty():
            return
        if self.layer.clip_path is not None:
            self.repaintClipRequested.emit(self.shot_id, self.layer.clip_path)
        else:
            self.repaintRequested.emit(self.shot_id, self.layer.png_bytes())

    def shutdown(self) -> None:
        """Wait for a mask clip being checked; no answer follows."""
        self.worker.shutdown()
