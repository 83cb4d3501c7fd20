"""A video dropped on the timeline becomes the selected shot and shows in the preview at once."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication
from soak_support import film_window
from ui_support import write_video

from engine.video.video_io import read_frames


def drop_files(view, paths, pos: QPoint) -> None:
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    target, actions = view.viewport(), Qt.DropAction.CopyAction | Qt.DropAction.MoveAction
    args = (data, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(target, QDragEnterEvent(pos, actions, *args))
    QApplication.sendEvent(target, QDragMoveEvent(pos, actions, *args))
    drop = QDropEvent(QPointF(pos), actions, *args)
    drop.setDropAction(Qt.DropAction.CopyAction)
    QApplication.sendEvent(target, drop)


def test_a_dropped_clip_shows_in_the_preview_without_another_click(qtbot, tmp_path) -> None:
    window, project = film_window(qtbot, tmp_path, row=0)
    player = window.preview
    clip = write_video(tmp_path / "dropped.mp4", frames=30, width=64, height=48, fps=24)
    last = window.timeline.visualRect(window.model.index(len(project.shots) - 1)).right()
    drop_files(window.timeline, [clip], QPoint(last + 10, 20))
    qtbot.waitUntil(lambda: len(project.shots) == 5, timeout=10_000)
    dropped = project.shots[-1]
    assert window.timeline.selected_ids() == [dropped.id] and player.shot_id == dropped.id
    first = read_frames(project.take_path(dropped.active))[0]
    qtbot.waitUntil(lambda: player.current is not None and player.current.shape == first.shape, timeout=3000)
    assert np.array_equal(player.current, first)
