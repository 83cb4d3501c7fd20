"""TimelineView: shots as cards on a horizontal strip; drag to reorder, drop files to add or open."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence

from PySide6.QtCore import (
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QDrag,
    QDragLeaveEvent,
    QDragMoveEvent,
    QDropEvent,
    QKeySequence,
    QMouseEvent,
    QPaintEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QAbstractItemView, QListView, QWidget

from ui.timeline.drop_marker import DropMarker
from ui.timeline.shot_card_delegate import CARD_HEIGHT, ShotCardDelegate
from ui.timeline.timeline_geometry import TimelineGeometry
from ui.timeline.timeline_model import (
    FpsRole,
    FramesRole,
    SecondsRole,
    ShotIdRole,
    ShotRole,
    TimelineModel,
)
from ui.widgets.placeholder import paint_placeholder
from ui.widgets.thumbnails import STILL_PREFIX, ThumbnailCache

MIN_PPS, MAX_PPS = 8.0, 400.0
# Roles whose change moves cards; a job's progress or a status does not, so it repaints one card only.
SIZE_ROLES = {int(SecondsRole), int(FramesRole), int(FpsRole), int(Qt.ItemDataRole.DisplayRole)}


class TimelineView(QListView):
    """A left-to-right list of shot cards; drops go through the model's dropMimeData."""

    layoutUpdated = Signal()
    moveRequested = Signal(int)  # -1: earlier, +1: later (Alt+Left / Alt+Right)
    deleteRequested = Signal()

    def __init__(self, thumbnails: ThumbnailCache, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.card_delegate = ShotCardDelegate(thumbnails, self)
        self.setItemDelegate(self.card_delegate)
        self.setViewMode(QListView.ViewMode.ListMode)
        self.setFlow(QListView.Flow.LeftToRight)
        self.setWrapping(False)
        self.setSpacing(0)
        self.setUniformItemSizes(False)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)  # Qt then works out where a drop lands; DropMarker shows it
        self.drop_marker = DropMarker(self)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setMinimumHeight(CARD_HEIGHT + 24)
        self.setToolTip("")
        self._geometry: TimelineGeometry | None = None  # built once per layout, for the ruler and seeking
        self._hidden_layout = False  # a layout skipped while hidden, done on show
        # True while a key press or click is changing the selection: the window then lets the
        # highlight paint first and fills its panels in the next turn of the event loop.
        self.selecting_by_input = False
        thumbnails.updated.connect(self._thumbnail_ready)

    def setModel(self, model: TimelineModel) -> None:  # type: ignore[override]  # it draws TimelineModel cards only
        super().setModel(model)
        self._geometry = None
        model.dataChanged.connect(self._on_data_changed)
        for signal in (
            model.rowsInserted,
            model.rowsRemoved,
            model.rowsMoved,
            model.modelReset,
        ):
            signal.connect(self._relayout)

    def _on_data_changed(
        self, top: QModelIndex | QPersistentModelIndex, bottom: QModelIndex, roles: Sequence[int] = ()
    ) -> None:
        if not roles or SIZE_ROLES.intersection(int(role) for role in roles):
            self._relayout()

    def _thumbnail_ready(self, key: str) -> None:
        """Repaint the cards on screen that show this take (a shot image: every card, it is rare)."""
        model = self.model()
        if key.startswith(STILL_PREFIX) or not isinstance(model, TimelineModel):
            self.card_delegate.stills_seen += 1
            self.viewport().update()
            return
        for row in self.visible_rows():
            index = model.index(row, 0)
            shot = index.data(ShotRole)
            if shot is not None and shot.active_take == key:
                self.viewport().update(self.visualRect(index))

    def visible_rows(self) -> range:
        """The rows of the cards on screen (O(log N), from the cards' edges)."""
        left = self.horizontalOffset()
        return self.card_geometry().rows_between(left, left + self.viewport().width())

    def _relayout(self, *args: object) -> None:
        # Card widths follow durations: size hints change with the data, so lay out again.
        self._geometry = None
        self.scheduleDelayedItemsLayout()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        # Cards fill the strip's height.
        height = max(CARD_HEIGHT - 40, self.viewport().height() - 2)
        if height != self.card_delegate.card_height:
            self.card_delegate.card_height = height
            self.scheduleDelayedItemsLayout()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self.model() is not None and self.model().rowCount() == 0:
            paint_placeholder(
                self.viewport(),
                self.tr(
                    "No shots yet. Add a shot (Ctrl+Shift+N), import a shot list, "
                    "or drop video files or a .reel film here."
                ),
            )
        self.drop_marker.paint()

    def doItemsLayout(self) -> None:
        if not self.isVisible():
            # Each reparenting while the window is assembled restyles the view, and Qt lays every card
            # out again (O(N) each); lay them out once, when shown.
            self._hidden_layout = True
            return
        self._hidden_layout = False
        super().doItemsLayout()

    def showEvent(self, event) -> None:
        if self._hidden_layout:
            # After the window's layout has given the strip its size (Qt's Show would lay out at the
            # preliminary one, and the resize that follows again); no pass if the resize's came first.
            QTimer.singleShot(0, self._layout_if_skipped)
        super().showEvent(event)

    def _layout_if_skipped(self) -> None:
        if self._hidden_layout and self.isVisible():
            self.doItemsLayout()

    def updateGeometries(self) -> None:
        super().updateGeometries()
        self.layoutUpdated.emit()

    # -- zoom ---------------------------------------------------------------------------
    @property
    def pixels_per_second(self) -> float:
        return self.card_delegate.pixels_per_second

    def set_pixels_per_second(self, pps: float) -> None:
        """Zoom the timeline."""
        self.card_delegate.pixels_per_second = max(MIN_PPS, min(MAX_PPS, pps))
        self._geometry = None
        self.doItemsLayout()
        self.viewport().update()
        self.layoutUpdated.emit()

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            factor = 1.25 if event.angleDelta().y() > 0 else 0.8
            self.set_pixels_per_second(self.pixels_per_second * factor)
            event.accept()
            return
        if event.angleDelta().y() and not event.angleDelta().x():
            bar = self.horizontalScrollBar()
            bar.setValue(bar.value() - event.angleDelta().y())
            event.accept()
            return
        super().wheelEvent(event)

    # -- selection and keys -------------------------------------------------------------
    def selected_ids(self) -> list[str]:
        """Selected shots, in timeline order."""
        rows = sorted(self.selectionModel().selectedRows(), key=lambda i: i.row())
        return [str(i.data(ShotIdRole)) for i in rows]

    def select_ids(self, shot_ids: list[str]) -> None:
        """Select these shots and make the first one current; costs O(selected), not O(shots)."""
        model = self.model()
        assert isinstance(model, TimelineModel)
        rows = sorted({row for i in shot_ids if (row := model.find_row(i)) is not None})
        selection = QItemSelection()
        for row in rows:
            selection.select(model.index(row, 0), model.index(row, 0))
        flags = QItemSelectionModel.SelectionFlag
        self.selectionModel().select(selection, flags.ClearAndSelect)
        if rows:
            first = model.index(rows[0], 0)
            self.selectionModel().setCurrentIndex(first, flags.NoUpdate)
            self.scrollTo(first)

    def keyPressEvent(self, event) -> None:
        if event.matches(QKeySequence.StandardKey.Delete) or event.key() == Qt.Key.Key_Backspace:
            self.deleteRequested.emit()
            return
        if event.modifiers() & Qt.KeyboardModifier.AltModifier and event.key() in (
            Qt.Key.Key_Left,
            Qt.Key.Key_Right,
        ):
            self.moveRequested.emit(-1 if event.key() == Qt.Key.Key_Left else 1)
            return
        with self._by_input():
            super().keyPressEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        with self._by_input():
            super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        with self._by_input():  # a rubber band selects as it grows
            super().mouseMoveEvent(event)

    @contextlib.contextmanager
    def _by_input(self) -> Iterator[None]:
        self.selecting_by_input = True
        try:
            yield
        finally:
            self.selecting_by_input = False

    # -- dragging -----------------------------------------------------------------------
    def startDrag(self, supported: Qt.DropAction) -> None:
        # Like QAbstractItemView's, except nothing is removed afterwards: the drop's undo command
        # has already reordered the project.
        indexes = sorted(self.selectionModel().selectedRows(), key=lambda i: i.row())
        if not indexes:
            return
        data = self.model().mimeData(indexes)
        drag = QDrag(self)
        drag.setMimeData(data)
        first = self.visualRect(indexes[0])
        if first.isValid():
            drag.setPixmap(self.viewport().grab(first).scaledToHeight(80))
        drag.exec(Qt.DropAction.MoveAction, Qt.DropAction.MoveAction)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        super().dragMoveEvent(event)
        self.drop_marker.follow(event.position().toPoint(), event.isAccepted())

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        super().dragLeaveEvent(event)
        self.drop_marker.clear()

    def dropEvent(self, event: QDropEvent) -> None:
        self.drop_marker.clear()
        super().dropEvent(event)

    # -- geometry for the ruler ---------------------------------------------------------
    def card_geometry(self) -> TimelineGeometry:
        """Cards' edges (content x) and times, computed once per layout from the durations."""
        if self._geometry is None:
            model = self.model()
            durations = model.durations() if isinstance(model, TimelineModel) else []
            first = self.visualRect(model.index(0, 0)) if durations else None
            origin = first.left() + self.horizontalOffset() if first is not None else 0
            self._geometry = TimelineGeometry.build(durations, self.card_delegate.card_width, origin)
        return self._geometry

    def built_geometry(self) -> TimelineGeometry | None:
        """The cards' geometry if built since the last layout; None rather than building it."""
        return self._geometry

    def segments(self) -> list[tuple[int, int, float, float]]:
        """(x_left, x_right, t_start, t_end) per card, in viewport coordinates (O(N): for tests)."""
        g, shift = self.card_geometry(), self.horizontalOffset()
        return [
            (a - shift, b - shift, t0, t1)
            for a, b, t0, t1 in zip(g.lefts, g.rights, g.starts, g.ends, strict=True)
        ]
