"""The shot timeline: its item model, drag reordering through real drops, file drops, keys."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QApplication
from ui_support import FakeDialogs, ids, make_window, sample_project, write_video

from app.project.reel_file import save_project
from app.project.shot import Shot, ShotState, Take
from ui.timeline.timeline_model import SHOT_IDS_MIME, SecondsRole, StatusRole, TimelineModel

Mode = QAbstractItemModelTester.FailureReportingMode


def test_model_follows_every_project_change_under_the_tester(qtbot):
    project = sample_project(3)
    model = TimelineModel(project)
    QAbstractItemModelTester(model, Mode.Fatal)
    project.add_shot(Shot(prompt="new"))
    project.insert_shot(0, Shot(prompt="first"))
    project.move_shot(project.shots[0].id, 3)
    project.move_shot(project.shots[4].id, 1)
    project.remove_shot(project.shots[2].id)
    project.update_shot(project.shots[0].id, title="Renamed", frames=41)
    project.add_take(project.shots[1].id, Take(id="t1", path="a.mp4", frames=17, fps=16))
    project.update_settings(fps=24)
    assert model.rowCount() == len(project.shots) == 4
    assert [model.shot_id(r) for r in range(4)] == ids(project)
    assert model.index(0).data() == "Renamed"
    assert model.index(0).data(SecondsRole) == 41 / 24
    assert model.index(1).data(SecondsRole) == 17 / 16  # the take's own length and rate
    model.set_project(sample_project(2))
    assert model.rowCount() == 2


def _drop(view, data: QMimeData, pos: QPoint, action=Qt.DropAction.MoveAction) -> QDropEvent:
    """Deliver a drag enter, move and drop to the view's viewport as the platform would."""
    target = view.viewport()
    point = QPointF(pos)  # QDropEvent takes a QPointF; the drag enter and move events a QPoint
    actions = Qt.DropAction.MoveAction | Qt.DropAction.CopyAction
    buttons, mods = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(pos, actions, data, buttons, mods)
    QApplication.sendEvent(target, enter)
    assert enter.isAccepted(), "the timeline refused the drag"
    move = QDragMoveEvent(pos, actions, data, buttons, mods)
    QApplication.sendEvent(target, move)
    drop = QDropEvent(point, actions, data, buttons, mods)
    drop.setDropAction(action)
    QApplication.sendEvent(target, drop)
    return drop


def _right_edge(view, row: int) -> QPoint:
    index = view.model().index(row, 0)
    view.scrollTo(index)  # a person drops where they can see: the docks may leave the strip narrow
    rect = view.visualRect(index)
    return QPoint(rect.right() - 3, rect.center().y())


def test_dragging_a_card_reorders_in_one_undo_step(qtbot):
    window = make_window(qtbot, sample_project(4))
    project, view = window.project, window.timeline
    before = ids(project)
    data = window.model.mimeData([window.model.index(0)])
    assert data.hasFormat(SHOT_IDS_MIME)
    _drop(view, data, _right_edge(view, 2))  # drop on the right half of the third card: after it
    assert ids(project) == [before[1], before[2], before[0], before[3]]
    assert window.undo_stack.count() == 1
    assert window.act_undo.text() == "&Undo Move Shot"
    assert view.selected_ids() == [before[0]]
    window.undo_stack.undo()
    assert ids(project) == before
    window.undo_stack.redo()
    assert ids(project)[2] == before[0]


def test_dragging_two_selected_cards_keeps_their_order(qtbot):
    window = make_window(qtbot, sample_project(5))
    before = ids(window.project)
    model = window.model
    data = model.mimeData([model.index(3), model.index(1)])
    left = window.timeline.visualRect(model.index(0)).topLeft() + QPoint(3, 20)
    _drop(window.timeline, data, left)
    assert ids(window.project) == [before[1], before[3], before[0], before[2], before[4]]
    assert window.undo_stack.count() == 1
    window.undo_stack.undo()
    assert ids(window.project) == before


def _url_data(*paths: Path) -> QMimeData:
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    return data


def test_dropping_a_video_adds_a_shot_with_an_imported_take(qtbot, tmp_path):
    project = sample_project(2)
    save_project(project, tmp_path / "film.reel")
    window = make_window(qtbot, project)
    video = write_video(tmp_path / "clip one.mp4", frames=9)
    drop = _drop(window.timeline, _url_data(video), _right_edge(window.timeline, 0), Qt.DropAction.CopyAction)
    assert drop.isAccepted()
    qtbot.waitUntil(lambda: len(project.shots) == 3, timeout=10000)
    shot = project.shots[1]
    assert shot.title == "clip one"
    take = shot.active
    assert take is not None and take.imported and take.frames == 9 and take.fps == 16
    assert project.take_path(take).is_file()
    assert window.model.index(1).data(StatusRole) == ShotState.READY
    assert window.undo_stack.undoText() == "Import Video"
    window.undo_stack.undo()
    assert len(project.shots) == 2


def test_dropping_a_reel_file_opens_it(qtbot, tmp_path):
    other = sample_project(1)
    other.settings.name = "Other film"
    path = save_project(other, tmp_path / "other.reel")
    window = make_window(qtbot)
    _drop(window.timeline, _url_data(path), QPoint(5, 5), Qt.DropAction.CopyAction)
    qtbot.waitUntil(lambda: window.project.path == path, timeout=5000)
    assert window.project.settings.name == "Other film"
    assert "Other film" in window.windowTitle()


def test_unrelated_files_are_refused_with_a_message(qtbot, tmp_path):
    dialogs = FakeDialogs()
    window = make_window(qtbot, sample_project(2), dialogs)
    text = tmp_path / "notes.txt"
    text.write_text("hello")
    _drop(window.timeline, _url_data(text), QPoint(5, 5), Qt.DropAction.CopyAction)
    assert len(window.project.shots) == 2 and window.undo_stack.count() == 0
    assert len(dialogs.errors) == 1 and "notes.txt" in dialogs.errors[0] and ".mp4" in dialogs.errors[0]


def test_a_dropped_image_is_refused_with_a_message_and_videos_beside_it_still_come_in(qtbot, tmp_path):
    from PIL import Image

    project = sample_project(1)
    save_project(project, tmp_path / "film.reel")
    dialogs = FakeDialogs()
    window = make_window(qtbot, project, dialogs)
    still = tmp_path / "first frame.png"
    Image.new("RGB", (32, 24), (200, 30, 30)).save(still)
    video = write_video(tmp_path / "clip.mp4", frames=9)
    _drop(window.timeline, _url_data(still, video), QPoint(5, 5), Qt.DropAction.CopyAction)
    assert dialogs.errors and "Still images cannot become shots: first frame.png" in dialogs.errors[0]
    qtbot.waitUntil(lambda: len(project.shots) == 2, timeout=10000)
    assert len(dialogs.errors) == 1


def test_keys_delete_duplicate_move_and_add(qtbot):
    window = make_window(qtbot, sample_project(3))
    project, view = window.project, window.timeline
    original = ids(project)
    view.setFocus()
    view.select_ids([original[0], original[1]])
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert ids(project) == [original[2]]
    assert window.undo_stack.count() == 1  # a multi-delete is one step
    window.undo_stack.undo()
    assert ids(project) == original

    view.select_ids([original[0]])
    window.act_duplicate.trigger()
    assert len(project.shots) == 4 and project.shots[1].prompt == project.shots[0].prompt
    assert project.shots[1].id not in original and view.selected_ids() == [project.shots[1].id]

    view.select_ids([original[0]])
    qtbot.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert ids(project)[1] == original[0]
    qtbot.keyClick(view, Qt.Key.Key_Right)  # plain arrows move the selection, not the shot
    assert view.selected_ids() == [ids(project)[2]]

    count = len(project.shots)
    window.act_add.trigger()
    assert len(project.shots) == count + 1
    assert view.selected_ids() == [ids(project)[3]]


def test_card_widths_follow_durations(qtbot):
    project = sample_project(2)
    project.shots[0].frames = 161
    project.shots[1].frames = 41
    window = make_window(qtbot, project, FakeDialogs())
    view = window.timeline
    wide, narrow = (view.visualRect(window.model.index(r)).width() for r in (0, 1))
    assert abs(wide / narrow - 160 / 40) < 0.1
    window.zoom(2.0)
    assert view.visualRect(window.model.index(0)).width() > wide * 1.8
    # the ruler maps 10 s onto the first card's right edge
    x = window.ruler.x_for_time(161 / 16)
    edge = view.viewport().mapTo(window, QPoint(view.visualRect(window.model.index(0)).right() + 1, 0)).x()
    assert abs(window.ruler.mapTo(window, QPoint(round(x), 0)).x() - edge) <= 1


def test_standard_shortcuts_reach_their_actions(qtbot):
    window = make_window(qtbot, sample_project(3))
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    view = window.timeline
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)
    view.select_ids([window.project.shots[0].id])
    qtbot.keyClick(view, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert len(window.project.shots) == 4
    window.inspector.title.setFocus()
    qtbot.keyClick(window.inspector.title, Qt.Key.Key_Delete)  # Delete in a text field edits text only
    assert len(window.project.shots) == 4
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert len(window.project.shots) == 3
    qtbot.keyClick(
        window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert len(window.project.shots) == 4


def test_a_cards_state_is_looked_up_on_disk_once_until_the_project_changes(tmp_path, monkeypatch):
    import os

    project = sample_project(2)
    save_project(project, tmp_path / "film.reel")
    shot = project.shots[0]
    clip = write_video(project.media_dir / shot.id / "take-001.mp4")
    project.add_take(shot.id, Take(id="t1", path=f"{shot.id}/take-001.mp4", frames=5, fps=16))
    model = TimelineModel(project)
    assert model.index(0).data(StatusRole) == ShotState.READY
    looks: list[str] = []
    real_lstat = os.lstat
    monkeypatch.setattr(
        os, "lstat", lambda path, *a, **k: looks.append(str(path)) or real_lstat(path, *a, **k)
    )
    for _ in range(20):  # a card repaints on every scroll and click
        assert model.index(0).data(StatusRole) == ShotState.READY
    assert looks == []
    clip.unlink()
    project.update_shot(shot.id, title="Renamed")  # any change of the film looks again
    assert model.index(0).data(StatusRole) == ShotState.MISSING
