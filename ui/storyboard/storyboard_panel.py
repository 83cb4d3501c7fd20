"""The storyboard grid: one painted cell per shot (no per-item widgets) and the sketch actions above it."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QFontMetrics, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QListView,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from ui.storyboard.storyboard_model import (
    CAST_ROLE,
    KEPT_MISSING_ROLE,
    KEPT_ROLE,
    PROMPT_ROLE,
    SHOT_ID_ROLE,
    STILL_ROLE,
)

CELL = QSize(220, 210)
STILL_HEIGHT = 124


class StoryboardDelegate(QStyledItemDelegate):
    """Paints a cell: the sketch (or a placeholder), the title, two lines of prompt, the cast."""

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        return CELL

    def _badge(self, painter: QPainter, option: QStyleOptionViewItem, still_rect: QRect, label: str) -> None:
        """A filled badge at the still's top right: readable on any still and on a selected cell."""
        palette = option.palette
        badge = QRect(0, 0, option.fontMetrics.horizontalAdvance(label) + 10, option.fontMetrics.height() + 4)
        badge.moveTopRight(still_rect.topRight() + QPoint(-4, 4))
        painter.fillRect(badge, palette.color(QPalette.ColorRole.Highlight))
        painter.setPen(palette.color(QPalette.ColorRole.HighlightedText))
        painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, label)

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        palette = option.palette
        rect: QRect = option.rect.adjusted(4, 4, -4, -4)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        painter.save()
        painter.fillRect(
            rect, palette.color(QPalette.ColorRole.Highlight if selected else QPalette.ColorRole.Base)
        )
        still_rect = QRect(rect.left() + 4, rect.top() + 4, rect.width() - 8, STILL_HEIGHT)
        still = index.data(STILL_ROLE)
        if isinstance(still, QPixmap) and not still.isNull():
            scaled = still.scaled(
                still_rect.size(),
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
            x = still_rect.left() + (still_rect.width() - scaled.width()) // 2
            painter.drawPixmap(x, still_rect.top() + (still_rect.height() - scaled.height()) // 2, scaled)
        else:
            painter.fillRect(still_rect, palette.color(QPalette.ColorRole.AlternateBase))
            painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(still_rect, Qt.AlignmentFlag.AlignCenter, self.tr("No sketch yet"))
        if index.data(KEPT_ROLE):
            self._badge(painter, option, still_rect, self.tr("Kept"))
        elif index.data(KEPT_MISSING_ROLE):  # the film keeps a sketch whose file is gone
            self._badge(painter, option, still_rect, self.tr("Kept sketch missing"))
        text_color = palette.color(
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        )
        painter.setPen(text_color)
        metrics = option.fontMetrics
        line = metrics.height()
        top = still_rect.bottom() + 4
        width = rect.width() - 8
        font = painter.font()
        font.setBold(True)
        painter.setFont(font)
        painter.drawText(
            rect.left() + 4,
            top + metrics.ascent(),
            metrics.elidedText(str(index.data()), Qt.TextElideMode.ElideRight, width),
        )
        font.setBold(False)
        painter.setFont(font)
        # Drawn line by line at their baselines, not wrapped in a box of two Latin lines: Chinese (no
        # spaces to wrap at, taller glyphs from the fallback font) lost its second line to the box.
        lines = two_lines(metrics, str(index.data(PROMPT_ROLE) or ""), width)
        for number, text in enumerate(lines):
            painter.drawText(rect.left() + 4, top + line * (number + 1) + 2 + metrics.ascent(), text)
        if cast := index.data(CAST_ROLE):
            painter.setPen(palette.color(QPalette.ColorRole.Link))
            painter.drawText(
                rect.left() + 4,
                top + line * 3 + 4 + metrics.ascent(),
                metrics.elidedText(cast, Qt.TextElideMode.ElideRight, width),
            )
        painter.restore()


def two_lines(metrics: QFontMetrics, text: str, width: int) -> list[str]:
    """text in at most two lines of width: broken at the last space that fits, else at a character
    (Chinese has none), the second elided."""
    if metrics.horizontalAdvance(text) <= width:
        return [text] if text else []
    low, high = 0, len(text)
    while low < high:  # the longest prefix that fits
        middle = (low + high + 1) // 2
        if metrics.horizontalAdvance(text[:middle]) <= width:
            low = middle
        else:
            high = middle - 1
    space = text.rfind(" ", 0, low + 1)
    cut = space if space > 0 else max(low, 1)
    rest = metrics.elidedText(text[cut:].lstrip(), Qt.TextElideMode.ElideRight, width)
    return [text[:cut].rstrip(), rest]


class StoryboardPanel(QWidget):
    """The grid and its buttons; the wiring does the work the buttons ask for."""

    sketchRequested = Signal(list, bool)  # shot ids, new seed
    keepRequested = Signal(list)
    editPromptRequested = Signal(str)
    animateRequested = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.grid = QListView()
        self.grid.setObjectName("StoryboardGrid")
        self.grid.setViewMode(QListView.ViewMode.IconMode)
        self.grid.setResizeMode(QListView.ResizeMode.Adjust)
        self.grid.setMovement(QListView.Movement.Static)
        self.grid.setUniformItemSizes(True)  # one size hint for all: a 2,000-shot film lays out at once
        self.grid.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.grid.setSpacing(4)
        self.grid.setItemDelegate(StoryboardDelegate(self.grid))
        self.sketch = QPushButton(self.tr("Sketch Keyframes"))
        self.sketch.setToolTip(
            self.tr("One still per selected shot (every shot when none is selected), in seconds")
        )
        self.keep = QPushButton(self.tr("Keep"))
        self.keep.setToolTip(self.tr("Keep the still shown: Animate From Keyframe starts the clip from it"))
        self.another = QPushButton(self.tr("Another"))
        self.another.setToolTip(self.tr("Sketch the selected shots again with a new seed"))
        self.edit = QPushButton(self.tr("Edit Prompt…"))
        self.edit.setToolTip(self.tr("Change the shot's prompt and sketch it again"))
        self.animate = QPushButton(self.tr("Animate From Keyframe"))
        self.animate.setToolTip(self.tr("Make the kept still the shot's start image (undoable)"))
        bar = QHBoxLayout()
        for button in (self.sketch, self.keep, self.another, self.edit, self.animate):
            bar.addWidget(button)
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(bar)
        layout.addWidget(self.grid, 1)
        self.sketch.clicked.connect(
            lambda: self.sketchRequested.emit(self.selected_ids() or self.all_ids(), False)
        )
        self.another.clicked.connect(lambda: self.sketchRequested.emit(self.selected_ids(), True))
        self.keep.clicked.connect(lambda: self.keepRequested.emit(self.selected_ids()))
        self.edit.clicked.connect(self._edit)
        self.animate.clicked.connect(lambda: self.animateRequested.emit(self.selected_ids()))

    def set_model(self, model: QAbstractItemView | object) -> None:
        """Show a StoryboardModel; the buttons follow its selection."""
        self.grid.setModel(model)  # type: ignore[arg-type]
        self.grid.selectionModel().selectionChanged.connect(self.update_buttons)
        self.update_buttons()

    def selected_ids(self) -> list[str]:
        rows = sorted(index.row() for index in self.grid.selectionModel().selectedIndexes())
        model = self.grid.model()
        return [model.index(row, 0).data(SHOT_ID_ROLE) for row in rows]

    def all_ids(self) -> list[str]:
        model = self.grid.model()
        return [model.index(row, 0).data(SHOT_ID_ROLE) for row in range(model.rowCount())]

    def update_buttons(self, *args: object) -> None:
        chosen = len(self.selected_ids())
        for button in (self.keep, self.another, self.animate):
            button.setEnabled(chosen > 0)
        self.edit.setEnabled(chosen == 1)

    def _edit(self) -> None:
        ids = self.selected_ids()
        if len(ids) == 1:
            self.editPromptRequested.emit(ids[0])
