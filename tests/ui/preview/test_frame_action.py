"""The preview's "Use This Frame as the Next Shot's Start": the exact frame on screen, one undo step."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image
from ui_support import FakeDialogs, make_window

from app.film import preview_sequence
from app.project.project import Project
from app.project.project_settings import ProjectSettings
from app.project.reel_file import save_project
from app.project.shot import Shot, Take
from engine.video.video_io import read_frames, write_clip
from ui.editing.undo_commands import EditShotCommand


@pytest.fixture(autouse=True)
def no_looks(monkeypatch):
    monkeypatch.setattr(preview_sequence, "look_resolver", lambda: lambda project, shot: None)


def _film(tmp_path, takes: int = 2) -> Project:
    """Three shots; the first `takes` have a random 8-frame take."""
    project = Project(
        ProjectSettings(name="Film", width=48, height=32, fps=16), [Shot(title=f"S{i}") for i in range(3)]
    )
    save_project(project, tmp_path / "film.reel")
    rng = np.random.default_rng(7)
    for i, shot in enumerate(project.shots[:takes]):
        path = project.media_dir / shot.id / "take-001.mp4"
        path.parent.mkdir(parents=True)
        write_clip(rng.integers(0, 256, (8, 32, 48, 3), dtype=np.uint8), 16, path)
        project.add_take(
            shot.id, Take(id=f"t{i}", path=f"{shot.id}/take-001.mp4", frames=8, fps=16, width=48, height=32)
        )
    return project


def _on_frame(qtbot, window, shot, frame: int, expected) -> None:
    window.timeline.select_ids([shot.id])
    window.preview.seek_frame(frame)
    qtbot.waitUntil(
        lambda: window.preview.current is not None and np.array_equal(window.preview.current, expected)
    )


def test_the_frame_on_screen_becomes_the_next_shots_start_image(qtbot, tmp_path):
    project = _film(tmp_path)
    first, second = project.shots[:2]
    project.set_shot_images(second.id, continue_previous=True)
    window = make_window(qtbot, project, FakeDialogs())
    action = window.continuity.frame_action.action
    clip = read_frames(project.take_path(first.active))
    window.undo_stack.push(EditShotCommand(project, first.id, {"trim_in": 2, "trim_out": 7}))
    _on_frame(qtbot, window, first, 3, clip[5])  # trimmed: preview frame 3 is clip frame 5
    assert (
        action.isEnabled()
        and action in window.view_menu.actions()
        and action in window.preview.view.actions()
    )
    action.trigger()
    qtbot.waitUntil(lambda: second.start_image is not None, timeout=10_000)
    image = second.start_image
    assert (image.source, image.source_take, image.source_frame) == ("take-frame", first.active.id, 5)
    assert not second.continue_previous  # a chosen frame replaces continuing
    stored = np.asarray(Image.open(project.media_dir / image.path).convert("RGB"))
    assert np.array_equal(stored, clip[5])  # the exact pixels of the take, before any look
    assert window.undo_stack.undoText() == "Start from Frame"
    assert "S1 starts from frame 6 of S0" in window.statusBar().currentMessage()
    assert project.shots[2].start_image is None and first.start_image is None
    window.undo_stack.undo()
    assert second.start_image is None and second.continue_previous
    window.undo_stack.redo()
    assert second.start_image == image
    # The inspector says where the image came from.
    window.timeline.select_ids([second.id])
    assert window.inspector.images.start.caption.text() == "Frame 6 of S0"


def test_the_action_is_offered_only_on_a_take_frame_with_a_shot_after_it(qtbot, tmp_path):
    project = _film(tmp_path)
    window = make_window(qtbot, project, FakeDialogs())
    frames = window.continuity.frame_action
    last_with_take = project.shots[1]
    _on_frame(qtbot, window, last_with_take, 0, read_frames(project.take_path(last_with_take.active))[0])
    assert frames.action.isEnabled()
    project.remove_shot(project.shots[2].id)  # now it is the last shot
    qtbot.waitUntil(lambda: not frames.action.isEnabled())  # the preview reloads, the action follows
    assert "last shot" in frames.action.toolTip()
    window.timeline.select_ids([project.shots[0].id])
    window.timeline.select_ids([])
    assert not frames.action.isEnabled() and "take's frame" in frames.action.toolTip()


def test_in_film_mode_the_frame_under_the_playhead_goes_to_the_shot_after_its_shot(qtbot, tmp_path):
    project = _film(tmp_path)
    window = make_window(qtbot, project, FakeDialogs())
    second = project.shots[1]
    clip = read_frames(project.take_path(second.active))
    window.act_film.trigger()
    window.preview.seek_frame(8 + 4)  # the second shot's fifth frame
    qtbot.waitUntil(
        lambda: window.preview.current is not None and np.array_equal(window.preview.current, clip[4])
    )
    window.continuity.frame_action.action.trigger()
    qtbot.waitUntil(lambda: project.shots[2].start_image is not None, timeout=10_000)
    assert project.shots[2].start_image.source_frame == 4 and project.shots[2].start_image.source_take == "t1"
