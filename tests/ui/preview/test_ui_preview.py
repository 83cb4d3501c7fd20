"""The preview player shows the take's actual frames, honours trims, plays at speed, moves the playhead."""

from __future__ import annotations

import threading
import time

import numpy as np
import pytest
from PySide6.QtCore import Qt
from ui_support import FakeDialogs, make_window

from app.film import preview_sequence
from app.project.project import Project
from app.project.project_settings import ProjectSettings
from app.project.reel_file import save_project
from app.project.shot import Shot, Take
from engine.video.video_io import read_frames, write_clip
from ui.editing.undo_commands import EditShotCommand


@pytest.fixture(autouse=True)
def no_threads_left():
    yield
    left = [t.name for t in threading.enumerate() if t.name.startswith("storyreel-") and t.is_alive()]
    assert not left, f"threads left running: {left}"


def film(tmp_path, frames=(8, 6), fps=16) -> Project:
    project = Project(
        ProjectSettings(name="Film", width=48, height=32, fps=fps),
        [Shot(title=f"S{i}", prompt=f"p{i}") for i in range(len(frames))],
    )
    save_project(project, tmp_path / "film.reel")
    rng = np.random.default_rng(1)
    for i, (shot, count) in enumerate(zip(project.shots, frames, strict=True)):
        path = project.media_dir / shot.id / "take-001.mp4"
        path.parent.mkdir(parents=True)
        write_clip(rng.integers(0, 256, (count, 32, 48, 3), dtype=np.uint8), fps, path)
        take = Take(id=f"t{i}", path=f"{shot.id}/take-001.mp4", frames=count, fps=fps, width=48, height=32)
        project.add_take(shot.id, take)
    return project


def shown(player):
    return player.current


def test_shows_the_takes_actual_frames_with_trims(qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr(preview_sequence, "look_resolver", lambda: lambda project, shot: None)
    project = film(tmp_path)
    window = make_window(qtbot, project, FakeDialogs())
    player, shot = window.preview, project.shots[0]
    clip = read_frames(project.take_path(shot.active))
    window.timeline.select_ids([shot.id])
    assert player.shot_id == shot.id and player.mode == "shot"
    qtbot.waitUntil(lambda: shown(player) is not None)
    assert np.array_equal(shown(player), clip[0])
    player.seek_frame(3)
    qtbot.waitUntil(lambda: np.array_equal(shown(player), clip[3]))
    player.setFocus()
    qtbot.keyClick(player.view, Qt.Key.Key_Right)  # frame step
    qtbot.waitUntil(lambda: np.array_equal(shown(player), clip[4]))
    qtbot.keyClick(player.view, Qt.Key.Key_Left)
    qtbot.waitUntil(lambda: np.array_equal(shown(player), clip[3]))
    window.undo_stack.push(EditShotCommand(project, shot.id, {"trim_in": 2, "trim_out": 6}))
    player.seek_frame(0)
    qtbot.waitUntil(lambda: np.array_equal(shown(player), clip[2]))  # trim in honoured
    assert player.clock.length == 4
    # The playhead is on the ruler at the shot's film time.
    assert window.ruler.playhead == pytest.approx(0.0)


def test_whole_film_in_timeline_order_and_ruler_seeks(qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr(preview_sequence, "look_resolver", lambda: lambda project, shot: None)
    project = film(tmp_path)
    window = make_window(qtbot, project, FakeDialogs())
    player = window.preview
    second = read_frames(project.take_path(project.shots[1].active))
    window.act_film.trigger()
    assert player.mode == "film" and player.clock.length == 14
    window.ruler.seekRequested.emit(0.5 + 2 / 16)  # shot 2 starts at 8/16 s
    qtbot.waitUntil(lambda: np.array_equal(shown(player), second[2]))
    assert window.ruler.playhead == pytest.approx(0.625)


def test_the_film_plays_crossfades_as_exported(qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr(preview_sequence, "look_resolver", lambda: lambda project, shot: None)
    project = film(tmp_path, frames=(8, 8))
    project.update_shot(project.shots[1].id, transition="crossfade", transition_duration=0.25)
    window = make_window(qtbot, project, FakeDialogs())
    player = window.preview
    first, second = (read_frames(project.take_path(s.active)).astype(np.float32) for s in project.shots)
    window.act_film.trigger()
    assert player.clock.length == 16 - 4  # the exporter's length: 4 frames of crossfade overlap
    # Shot 2's card starts at 0.5 s; its second frame is film frame 5, 2/5 of the way into the blend.
    window.ruler.seekRequested.emit(0.5 + 1 / 16)
    blend = np.clip(np.rint(0.6 * first[5] + 0.4 * second[1]), 0, 255).astype(np.uint8)
    qtbot.waitUntil(lambda: shown(player) is not None and np.array_equal(shown(player), blend))
    assert player.clock.position == 5 and window.ruler.playhead == pytest.approx(0.5625)
    player.seek_frame(8)  # after the crossfade: shot 2 alone
    qtbot.waitUntil(lambda: np.array_equal(shown(player), second[4].astype(np.uint8)))


def test_plays_at_the_right_speed_and_loops(qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr(preview_sequence, "look_resolver", lambda: lambda project, shot: None)
    project = film(tmp_path, frames=(9,), fps=24)
    window = make_window(qtbot, project, FakeDialogs())
    player = window.preview
    window.timeline.select_ids([project.shots[0].id])
    qtbot.waitUntil(lambda: shown(player) is not None)
    started = time.monotonic()
    with qtbot.waitSignal(player.clock.finished, timeout=5000):
        player.play()
    elapsed = time.monotonic() - started
    assert 8 / 24 - 0.03 <= elapsed < 1.5  # 8 frame intervals at 24 fps
    assert player.clock.position == 8 and not player.clock.playing
    player.loop.setChecked(True)
    positions = []
    player.clock.frameChanged.connect(positions.append)
    player.play()
    qtbot.waitUntil(lambda: len(positions) > 12, timeout=5000)
    player.pause()
    assert positions.index(0) > 0  # wrapped round to the start


def test_applies_the_shots_look(qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr(preview_sequence, "look_resolver", lambda: lambda project, shot: lambda f: 255 - f)
    project = film(tmp_path, frames=(5,))
    window = make_window(qtbot, project, FakeDialogs())
    clip = read_frames(project.take_path(project.shots[0].active))
    window.timeline.select_ids([project.shots[0].id])
    qtbot.waitUntil(
        lambda: shown(window.preview) is not None and np.array_equal(shown(window.preview), 255 - clip[0])
    )


def test_the_spans_wait_until_the_window_is_up(qtbot, tmp_path, monkeypatch):
    # Timing every shot and checking every take's path cost a 2,000-shot window hundreds of ms before
    # its first paint; now they are built after it, while idle.
    monkeypatch.setattr(preview_sequence, "look_resolver", lambda: lambda project, shot: None)
    project = film(tmp_path)
    built = []
    real = preview_sequence.preview_spans
    monkeypatch.setattr("ui.preview.preview_player.preview_spans", lambda *a: built.append(1) or real(*a))
    window = make_window(qtbot, project, FakeDialogs())
    player = window.preview
    qtbot.wait(20)
    assert built == [] and player.view.isVisible()
    qtbot.waitUntil(lambda: built == [1])  # once the window is up and idle, before a click needs them
    window.timeline.select_ids([project.shots[1].id])
    assert built == [1]
    qtbot.waitUntil(lambda: shown(player) is not None)
    assert window.ruler.playhead == pytest.approx(0.5)  # the second shot's film time: spans are right
    window.timeline.select_ids([project.shots[0].id])
    assert built == [1]  # a selection reuses them


def test_a_take_that_cannot_be_read_says_so_and_is_logged_once(qtbot, tmp_path, monkeypatch, caplog):
    # The reader probes the file on its own thread, so a damaged take must not leave the preview
    # polling for a frame that never comes.
    monkeypatch.setattr(preview_sequence, "look_resolver", lambda: lambda project, shot: None)
    project = film(tmp_path)
    shot = project.shots[1]
    project.take_path(shot.active).write_bytes(b"not a video any more")
    window = make_window(qtbot, project, FakeDialogs())
    player = window.preview
    with caplog.at_level("WARNING", logger="ui.preview.preview_player"):
        window.timeline.select_ids([shot.id])
        qtbot.waitUntil(lambda: player.view.message.startswith("This take cannot be read"))
        assert player.current is None and not player._retry.isActive()
        player.seek_frame(2)
        player.seek_frame(3)
    assert len([r for r in caplog.records if "Cannot preview" in r.getMessage()]) == 1
    window.timeline.select_ids([project.shots[0].id])  # a readable take still shows
    qtbot.waitUntil(lambda: shown(player) is not None)
