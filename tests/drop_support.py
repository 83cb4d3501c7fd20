"""Helpers for the drag-and-drop tests: file drags delivered as the platform would, and small stills."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QWidget


def url_data(*paths: Path) -> QMimeData:
    """A drag's data carrying these local files."""
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    return data


def drop_files(target: QWidget, data: QMimeData, pos: QPoint, action=Qt.DropAction.CopyAction) -> QDropEvent:
    """Deliver a drag enter, move and drop to target; asserts the drag was taken."""
    actions = Qt.DropAction.MoveAction | Qt.DropAction.CopyAction
    buttons, mods = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(pos, actions, data, buttons, mods)
    QApplication.sendEvent(target, enter)
    assert enter.isAccepted(), "the drag was refused"
    QApplication.sendEvent(target, QDragMoveEvent(pos, actions, data, buttons, mods))
    drop = QDropEvent(QPointF(pos), actions, data, buttons, mods)
    drop.setDropAction(action)
    QApplication.sendEvent(target, drop)
    return drop


def still(path: Path, size=(64, 36), color=(200, 30, 30), mode: str = "RGB") -> Path:
    """A small one-colour image file (format from the suffix)."""
    from PIL import Image

    Image.new(mode, size, color).save(path)
    return path


def card_centre(view, row: int) -> QPoint:
    """The middle of a card in the timeline's viewport, scrolled into sight."""
    index = view.model().index(row, 0)
    view.scrollTo(index)
    return view.visualRect(index).center()
