"""The inspector's keyframes: images pinned at frames of the shot, shown as a strip; add at a frame, remove."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QIcon, QPixmap, QUndoStack
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.project.project import Project
from app.project.shot import Shot
from ui.editing.cast_commands import remove_keyframe_command
from ui.inspector.shot_images_box import dropped_file
from ui.widgets.settings_form import set_range
from ui.widgets.thumbnails import ThumbnailCache

ICON = QSize(72, 40)


def shot_frames(project: Project, shot: Shot) -> int:
    """The shot's length in frames (its own, or the film's default)."""
    return shot.frames if shot.frames is not None else project.settings.defaults.frames


class KeyframesBox(QGroupBox):
    """Edits one shot's keyframes; files to import are handed on as signals, removals are undo commands."""

    fileChosen = Signal(str, int, str)  # shot id, frame, path of the image file to import
    chooseRequested = Signal(str, int)  # shot id, frame: ask for a file, then import it

    def __init__(
        self, undo_stack: QUndoStack, thumbnails: ThumbnailCache, parent: QWidget | None = None
    ) -> None:
        super().__init__(self.tr("Keyframes"), parent)
        self.setObjectName("KeyframesBox")
        self.undo_stack, self.thumbnails = undo_stack, thumbnails
        self.project: Project | None = None
        self.shot_id: str | None = None
        self.strip = QListWidget()
        self.strip.setObjectName("KeyframeStrip")
        self.strip.setViewMode(QListView.ViewMode.IconMode)
        self.strip.setFlow(QListView.Flow.LeftToRight)
        self.strip.setWrapping(False)
        self.strip.setIconSize(ICON)
        self.strip.setFixedHeight(ICON.height() + 44)
        self.strip.setAccessibleName(self.tr("Pinned frames"))
        self.strip.setAcceptDrops(False)  # drops are the box's: they land at the frame chosen below
        self.frame = QSpinBox()
        self.frame.setPrefix(self.tr("frame "))
        self.frame.setAccessibleName(self.tr("Frame to pin"))
        self.frame.setToolTip(self.tr("Where the next image is pinned: 0 is the first frame"))
        self.choose = QPushButton(self.tr("Pin Image…"))
        self.choose.setToolTip(self.tr("Choose an image to pin at this frame (or drop one on this box)"))
        self.remove = QPushButton(self.tr("Remove"))
        self.remove.setToolTip(self.tr("Unpin the selected keyframe"))
        self.hint = QLabel(
            self.tr("Pinned frames are made on the reference model (Project Settings > Reference model).")
        )
        self.hint.setWordWrap(True)
        self.hint.setEnabled(False)
        row = QHBoxLayout()
        for widget in (self.frame, self.choose, self.remove):
            row.addWidget(widget)
        row.addStretch(1)
        column = QVBoxLayout(self)
        column.addWidget(self.strip)
        column.addLayout(row)
        column.addWidget(self.hint)
        self.choose.clicked.connect(
            lambda: self.shot_id and self.chooseRequested.emit(self.shot_id, self.frame.value())
        )
        self.remove.clicked.connect(self._remove_selected)
        self.strip.itemSelectionChanged.connect(self._selection_changed)
        # Only a shot image's thumbnail shows here; a take's arriving (a dozen a scroll) changes nothing.
        thumbnails.stillUpdated.connect(lambda _key: self.refresh())
        self.setAcceptDrops(True)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if dropped_file(event) is not None and self.shot_id is not None:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        path = dropped_file(event)
        if path is not None and self.shot_id is not None:
            event.acceptProposedAction()
            self.fileChosen.emit(self.shot_id, self.frame.value(), str(path))

    def set_shot(self, project: Project, shot: Shot | None) -> None:
        """Show this shot's keyframes (None: no shot)."""
        self.project, self.shot_id = project, shot.id if shot else None
        self.refresh()

    def _shot(self) -> Shot | None:
        if self.project is None or self.shot_id is None:
            return None
        try:
            return self.project.shot(self.shot_id)
        except KeyError:
            return None

    def refresh(self) -> None:
        shot = self._shot()
        if shot is None or self.project is None:
            return
        set_range(self.frame, 0, max(0, shot_frames(self.project, shot) - 1))
        selected = self._selected_frame()
        self.strip.clear()
        for keyframe in shot.keyframes:
            pixmap = self.thumbnails.still(self.project, keyframe.image)
            item = QListWidgetItem(self.tr("Frame {0}").format(keyframe.frame))
            item.setIcon(QIcon(pixmap) if pixmap is not None else QIcon(_blank()))
            item.setData(Qt.ItemDataRole.UserRole, keyframe.frame)
            item.setToolTip(keyframe.image.name or keyframe.image.sha256[:12])
            self.strip.addItem(item)
            item.setSelected(keyframe.frame == selected)
        self.strip.setVisible(bool(shot.keyframes))
        self._selection_changed()

    def _selected_frame(self) -> int | None:
        items = self.strip.selectedItems()
        return int(items[0].data(Qt.ItemDataRole.UserRole)) if items else None

    def _selection_changed(self) -> None:
        self.remove.setEnabled(self._selected_frame() is not None)

    def _remove_selected(self) -> None:
        frame = self._selected_frame()
        if self.project is not None and self._shot() is not None and self.shot_id and frame is not None:
            self.undo_stack.push(remove_keyframe_command(self.project, self.shot_id, frame))


def _blank() -> QPixmap:
    pixmap = QPixmap(ICON)
    pixmap.fill(Qt.GlobalColor.darkGray)  # still decoding
    return pixmap
