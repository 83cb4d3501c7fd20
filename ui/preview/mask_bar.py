"""MaskBar: the preview's mask tools (brush or rectangle, size, invert, clear) and its Repaint button."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QSpinBox, QWidget

from ui.preview.mask_layer import BRUSH, MAX_BRUSH, MIN_BRUSH, RECTANGLE, MaskLayer


class MaskBar(QWidget):
    """Shown while Paint Mask is checked: the mouse paints on the frame; Repaint asks for a new take."""

    repaintRequested = Signal(str, bytes)  # shot id, the mask as a single-channel PNG

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
        self.clear_button.clicked.connect(lambda: self.layer.clear() if self.layer is not None else None)
        self.repaint_button = QPushButton(self.tr("Repaint…"))
        self.repaint_button.setToolTip(self.tr("Make a new take with the painted part generated again"))
        self.repaint_button.clicked.connect(self._repaint)
        row = QHBoxLayout(self)
        row.setContentsMargins(4, 0, 4, 0)
        for widget in (self.tool, size_label, self.brush_size, self.invert_button, self.clear_button):
            row.addWidget(widget)
        row.addStretch(1)
        row.addWidget(self.repaint_button)
        self.layer: MaskLayer | None = None
        self.shot_id: str | None = None
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

    def _tool_changed(self) -> None:
        if self.layer is not None:
            self.layer.tool = self.tool.currentData()
            self.layer.brush_size = self.brush_size.value()

    def _repaint(self) -> None:
        if self.layer is None or self.shot_id is None or self.layer.is_empty():
            return
        self.repaintRequested.emit(self.shot_id, self.layer.png_bytes())
