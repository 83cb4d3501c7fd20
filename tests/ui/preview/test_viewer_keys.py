"""The viewer as editors know it: a labelled timecode, J/K/L shuttle, full screen on F (Esc leaves)."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSplitter
from ui_support import FakeDialogs, make_window

from app.film import preview_sequence
from app.project.project import Project
from app.project.project_settings import ProjectSettings
from app.project.reel_file import save_project
from app.project.shot import Shot, Take
from engine.video.video_io import write_clip
from ui.preview.shuttle import Shuttle
from ui.widgets.labels import timecode


def film(tmp_path, frames=40, fps=16) -> Project:
    project = Project(ProjectSettings(name="Film", width=32, height=32, fps=fps), [Shot(prompt="p")])
    save_project(project, tmp_path / "film.reel")
    shot = project.shots[0]
    path = project.media_dir / shot.id / "take-001.mp4"
    path.parent.mkdir(parents=True)
    data = np.random.default_rng(2).integers(0, 256, (frames, 32, 32, 3), dtype=np.uint8)
    write_clip(data, fps, path)
    project.add_take(
        shot.id, Take(id="t", path=f"{shot.id}/take-001.mp4", frames=frames, fps=fps, width=32, height=32)
    )
    return project


@pytest.fixture
def viewer(qtbot, tmp_path, monkeypatch, request):
    monkeypatch.setattr(preview_sequence, "look_resolver", lambda: lambda project, shot: None)
    project = film(tmp_path, fps=getattr(request, "param", 16))
    window = make_window(qtbot, project, FakeDialogs())
    window.timeline.select_ids([project.shots[0].id])
    player = window.preview
    qtbot.waitUntil(lambda: player.current is not None)
    window.activateWindow()
    player.setFocus()
    qtbot.waitUntil(lambda: window.isActiveWindow())
    return window, player


def test_timecode_is_hours_minutes_seconds_frames_at_the_rate():
    assert timecode(55, 16) == "00:00:03:07"
    assert timecode(55, 24) == "00:00:02:07"
    assert timecode(0, 24) == "00:00:00:00"
    assert timecode(16 * 3600 + 16 * 61 + 15, 16) == "01:01:01:15"
    assert timecode(-5, 16) == "00:00:00:00" and timecode(7, 0) == "00:00:07:00"  # never negative, no ÷0


@pytest.mark.parametrize(
    ("viewer", "label"),
    [(16, "TC 00:00:01:07 · Frame 23"), (24, "TC 00:00:00:23 · Frame 23")],
    indirect=["viewer"],
)
def test_the_label_under_the_viewer_names_timecode_and_frame(viewer, label, qtbot):
    window, player = viewer
    player.seek_frame(23)
    qtbot.waitUntil(lambda: player.timecode.text() == label)
    switch = [w for w in player.findChildren(QLabel) if w.buddy() is player.mode_box]
    assert switch and switch[0].text() == "Preview"  # the Shot/Film switch says what it switches
    assert player.mode_box.itemText(0) == "Shot" and player.mode_box.itemText(1) == "Film"


def test_j_k_l_shuttle_forwards_backwards_faster_and_k_held_steps(viewer, qtbot):
    window, player = viewer
    clock = player.clock
    key = lambda k: qtbot.keyClick(player, k)  # noqa: E731
    key(Qt.Key.Key_L)
    assert clock.playing and clock.speed == 1.0
    assert window.act_play.icon().name() == "pause"  # the toolbar's Play says what it would do
    key(Qt.Key.Key_L)
    assert clock.speed == 2.0 and "2×" in player.timecode.text()
    key(Qt.Key.Key_L)
    assert clock.speed == 4.0
    key(Qt.Key.Key_K)
    assert not clock.playing and clock.speed == 1.0
    qtbot.keyRelease(player, Qt.Key.Key_K)
    player.seek_frame(30)
    key(Qt.Key.Key_J)
    assert clock.playing and clock.speed == -1.0
    qtbot.waitUntil(lambda: clock.position < 30, timeout=5000)  # really going backwards
    key(Qt.Key.Key_J)
    assert clock.speed == -2.0
    key(Qt.Key.Key_L)  # the other way: back to 1× forwards
    assert clock.speed == 1.0 and clock.playing
    # Holding K, J and L step one frame each way and leave it paused.
    qtbot.keyPress(player, Qt.Key.Key_K)
    at = clock.position
    key(Qt.Key.Key_L)
    assert clock.position == at + 1 and not clock.playing
    key(Qt.Key.Key_J)
    key(Qt.Key.Key_J)
    assert clock.position == at - 1 and not clock.playing
    qtbot.keyRelease(player, Qt.Key.Key_K)
    key(Qt.Key.Key_L)
    assert clock.playing  # K let go: L plays again
    key(Qt.Key.Key_Space)
    assert not clock.playing and window.act_play.icon().name() == "play"


def test_backwards_stops_at_the_first_frame(viewer, qtbot):
    window, player = viewer
    player.seek_frame(3)
    with qtbot.waitSignal(player.clock.finished, timeout=5000):
        player.play_at(-4.0)
    assert player.clock.position == 0 and not player.clock.playing


def test_f_shows_the_viewer_full_screen_and_esc_puts_it_back(viewer, qtbot):
    window, player = viewer
    splitter = window.splitter
    sizes = splitter.sizes()
    assert splitter.indexOf(player) == 0
    qtbot.keyClick(player, Qt.Key.Key_F)
    assert player.isWindow() and player.windowState() & Qt.WindowState.WindowFullScreen
    assert splitter.indexOf(player) == -1 and splitter.count() == 2  # a stand-in holds its place
    qtbot.waitUntil(player.isActiveWindow)  # the full-screen window has the keys now
    qtbot.keyClick(player, Qt.Key.Key_Space)  # the transport keys still work there
    assert player.clock.playing
    qtbot.keyClick(player, Qt.Key.Key_Escape)
    assert not player.isWindow() and isinstance(player.parentWidget(), QSplitter)
    assert splitter.indexOf(player) == 0 and splitter.sizes() == sizes
    assert not window.chrome.full_screen.act_full.isChecked()
    # Closing the full-screen window brings the viewer home too, instead of losing it.
    window.chrome.full_screen.act_full.trigger()
    assert player.isWindow()
    player.close()
    assert splitter.indexOf(player) == 0 and player.isVisible()


def test_the_shuttle_watches_the_apps_events_only_while_k_is_held(viewer, qtbot, monkeypatch):
    # Each event an app-wide filter sees is a call into Python: while a worker generates, one that waits
    # for the GIL stalls the window. K's release is all the filter is for.
    window, player = viewer
    seen: list[int] = []
    original = Shuttle.eventFilter
    monkeypatch.setattr(Shuttle, "eventFilter", lambda self, o, e: seen.append(1) or original(self, o, e))
    player.update()
    qtbot.wait(50)
    assert seen == []
    qtbot.keyPress(player, Qt.Key.Key_K)
    player.update()
    qtbot.wait(50)
    assert seen  # watching for K's release
    qtbot.keyRelease(player, Qt.Key.Key_K)
    seen.clear()
    player.update()
    qtbot.wait(50)
    assert seen == []
    qtbot.keyPress(player, Qt.Key.Key_K)  # and again the next time
    qtbot.keyRelease(player, Qt.Key.Key_K)
    assert window.chrome.shuttle.k_held is False
