"""Painting a mask on the preview with the mouse: brush, rectangle, invert, clear, the PNG handed on."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from app.film import preview_sequence
from app.project.project import Project
from app.project.project_settings import ProjectSettings
from app.project.reel_file import save_project
from app.project.shot import Shot, Take
from engine.video.video_io import write_clip
from ui.preview.preview_player import PreviewPlayer

W, H = 64, 32


@pytest.fixture(autouse=True)
def no_looks(monkeypatch):
    monkeypatch.setattr(preview_sequence, "look_resolver", lambda: lambda project, shot: None)


@pytest.fixture
def player(qtbot, tmp_path):
    project = Project(ProjectSettings(name="Film", width=W, height=H, fps=16), [Shot(title="S", prompt="p")])
    save_project(project, tmp_path / "film.reel")
    shot = project.shots[0]
    path = project.media_dir / shot.id / "take-001.mp4"
    path.parent.mkdir(parents=True)
    write_clip(np.full((5, H, W, 3), 90, np.uint8), 16, path)
    project.add_take(
        shot.id, Take(id="t0", path=f"{shot.id}/take-001.mp4", frames=5, fps=16, width=W, height=H)
    )
    player = PreviewPlayer(project)
    qtbot.addWidget(player)
    player.resize(2 * W + 40, 2 * H + 120)
    player.show()
    player.set_shot(shot.id)
    qtbot.waitUntil(lambda: player.current is not None)
    player.view.setFixedSize(2 * W, 2 * H)  # the take drawn at exactly twice its size
    qtbot.waitUntil(lambda: player.view.target().size().width() == 2 * W)
    yield player
    player.shutdown()


def _drag(view, points) -> None:
    QTest.mousePress(view, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(*points[0]))
    for point in points[1:]:
        QTest.mouseMove(view, QPoint(*point))
    QTest.mouseRelease(view, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(*points[-1]))


def test_a_brush_stroke_paints_the_mask_under_the_mouse(player):
    bar = player.mask_bar
    bar.action.setChecked(True)
    assert bar.isVisible() and player.view.mask_layer is bar.layer
    assert not bar.repaint_button.isEnabled()  # nothing painted: nothing to repaint
    bar.brush_size.setValue(4)
    _drag(player.view, [(20, 20), (60, 20), (100, 20)])
    mask = bar.layer.to_array()
    assert mask.shape == (H, W)
    assert mask[10, 10:51].min() == 255  # the line from take pixel (10, 10) to (50, 10)
    assert mask[10, 8:53].sum() // 255 <= 45 and mask[0:6].max() == 0 and mask[14:].max() == 0
    assert mask[:, 56:].max() == 0
    assert bar.repaint_button.isEnabled()


def test_a_rectangle_fills_the_dragged_area_and_invert_and_clear(player):
    bar = player.mask_bar
    bar.action.setChecked(True)
    bar.tool.setCurrentIndex(bar.tool.findData("rectangle"))
    _drag(player.view, [(20, 10), (40, 30), (60, 40)])
    expected = np.zeros((H, W), np.uint8)
    expected[5:20, 10:30] = 255
    assert np.array_equal(bar.layer.to_array(), expected)
    bar.invert_button.click()
    assert np.array_equal(bar.layer.to_array(), 255 - expected)
    bar.clear_button.click()
    assert not bar.layer.to_array().any() and not bar.repaint_button.isEnabled()


def test_repaint_hands_on_a_single_channel_png_of_the_takes_size(player, qtbot):
    bar = player.mask_bar
    bar.action.setChecked(True)
    bar.tool.setCurrentIndex(bar.tool.findData("rectangle"))
    _drag(player.view, [(2, 2), (66, 34)])  # (not 0, 0: QTest reads a null point as the centre)
    with qtbot.waitSignal(bar.repaintRequested) as signal:
        bar.repaint_button.click()
    shot_id, png = signal.args
    assert shot_id == player.shot_id
    with Image.open(io.BytesIO(png)) as image:
        assert image.mode == "L" and image.size == (W, H)
        pixels = np.asarray(image)
    expected = np.zeros((H, W), np.uint8)
    expected[1:17, 1:33] = 255
    assert np.array_equal(pixels, expected)


def test_painting_stops_with_the_toggle_and_with_another_shot(player):
    bar = player.mask_bar
    bar.action.setChecked(True)
    _drag(player.view, [(20, 20), (30, 20)])
    bar.action.setChecked(False)
    assert player.view.mask_layer is None and not bar.isVisible()
    _drag(player.view, [(20, 20), (30, 20)])  # the mouse no longer paints
    bar.action.setChecked(True)
    assert not bar.layer.to_array().any()  # a new mask, not the old one
    player.set_shot(None)
    assert not bar.action.isChecked() and player.view.mask_layer is None


def _mask_clip(path, frames=5, width=W, height=H):
    """A mask clip whose white square moves right one step per frame."""
    clip = np.zeros((frames, height, width, 3), np.uint8)
    for index in range(frames):
        clip[index, 8:24, 8 * index : 8 * index + 16] = 255
    write_clip(clip, 16, path)
    return path


def _alpha(layer) -> np.ndarray:
    tint = layer.overlay()
    return np.array([[tint.pixelColor(x, y).alpha() for x in range(W)] for y in range(H)])


def test_a_mask_clip_follows_the_frames_is_refused_in_words_and_clears_back_to_the_still(
    player, qtbot, tmp_path
):
    from engine.video.video_io import read_frames

    bar = player.mask_bar
    bar.action.setChecked(True)
    bar.tool.setCurrentIndex(bar.tool.findData("rectangle"))
    _drag(player.view, [(2, 2), (20, 20)])
    still = bar.layer.to_array()
    for bad, words in (
        (_mask_clip(tmp_path / "small.mp4", width=32), "small.mp4 is 32×32 but the take is 64×32"),
        (_mask_clip(tmp_path / "short.mp4", frames=3), "short.mp4 has 3 frames; the take has 5"),
        (tmp_path / "none.mp4", "none.mp4"),
    ):
        bar.ask_mask_clip = lambda path=bad: path
        bar.clip_button.click()
        qtbot.waitUntil(lambda: bar.clip_button.isEnabled())
        assert words in bar.note.text() and bar.layer.clip is None
    clip = _mask_clip(tmp_path / "moving.mp4")
    bar.ask_mask_clip = lambda: clip
    bar.clip_button.click()
    qtbot.waitUntil(lambda: bar.layer.clip is not None)
    assert "moving.mp4" in bar.note.text() and not bar.tool.isEnabled()
    expected = read_frames(clip).mean(axis=3)
    for frame in (0, 3):
        player.clock.seek(frame)
        qtbot.waitUntil(lambda index=frame: bar.layer.frame == index)
        drawn = _alpha(bar.layer)
        assert np.abs(drawn - expected[frame]).max() <= 2  # the clip's own frame, as decoded
    _drag(player.view, [(100, 40), (120, 50)])  # a clip is followed as it is, never painted on
    assert np.abs(_alpha(bar.layer) - expected[3]).max() <= 2
    with qtbot.waitSignal(bar.repaintClipRequested) as signal:
        bar.repaint_button.click()
    assert signal.args == [player.shot_id, str(clip)]
    bar.clear_button.click()  # drops the clip: the still painted before is back
    assert bar.layer.clip is None and np.array_equal(bar.layer.to_array(), still) and bar.tool.isEnabled()
