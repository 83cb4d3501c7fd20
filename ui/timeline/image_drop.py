"""Image files dropped on a shot's card: they become its start image (other drops go on to the model)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QMimeData, QObject, Qt, Signal
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QRubberBand

from ui.timeline.timeline_model import IMAGE_SUFFIXES, ShotIdRole
from ui.timeline.timeline_view import TimelineView


def image_paths(data: QMimeData) -> list[Path]:
    """The dragged files when every one is a local image by its name; else [] (videos, a .reel, a mix)."""
    paths = [Path(url.toLocalFile()) for url in data.urls() if url.isLocalFile()] if data.hasUrls() else []
    return paths if paths and all(p.suffix.lower() in IMAGE_SUFFIXES for p in paths) else []


class ImageDropTarget(QObject):
    """Watches the timeline's viewport: a card under a dragged image is outlined, a drop on it is reported."""

    imageDropped = Signal(str, str)  # shot id, image file path
    refused = Signal(str)  # why a drop of images did nothing

    def __init__(self, view: TimelineView) -> None:
        super().__init__(view)
        self.view = view
        self.marker = QRubberBand(QRubberBand.Shape.Rectangle, view.viewport())
        view.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.DragLeave:
            self.marker.hide()
            return False
        if kind not in (QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop):
            return False
        assert isinstance(event, QDropEvent)
        paths = image_paths(event.mimeData())
        if not paths:
            self.marker.hide()
            return False  # the view and its model handle everything else
        index = self.view.indexAt(event.position().toPoint())
        # Accepted everywhere, so a drop between cards is answered with a message, not a no-entry cursor.
        event.setDropAction(Qt.DropAction.CopyAction)
        event.accept()
        if kind != QEvent.Type.Drop:
            if index.isValid():
                self.marker.setGeometry(self.view.visualRect(index).adjusted(1, 1, -1, -1))
                self.marker.show()
            else:
                self.marker.hide()
            return True
        self.marker.hide()
        names = ", ".join(p.name for p in paths[:3]) + (" …" if len(paths) > 3 else "")
        if not index.isValid():
            self.refused.emit(
                self.tr(
                    "Still images cannot become shots of their own: {names}.\n"
                    "Drop an image on a shot's card to start that shot from it."
                ).format(names=names)
            )
        elif len(paths) > 1:
            self.refused.emit(
                self.tr("Drop one image on a card: it becomes that shot's start image ({names}).").format(
                    names=names
                )
            )
        else:
            self.imageDropped.emit(str(index.data(ShotIdRole)), str(paths[0]))
        return True
