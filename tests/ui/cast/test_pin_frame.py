"""The preview's "Pin This Frame as a Keyframe": the exact frame on screen, pinned at its place, one undo step."""

from __future__ import annotations

import numpy as np
import pytest
from ui_support import FakeDialogs, make_window

from app.film import preview_sequence
from app.project.project import Project
from app.project.project_settings import ProjectSettings
from app.project.reel_file import save_project
from app.project.shot import Shot, Take
from app.project.shot_images import load_shot_image
from engine.video.video_io import read_frames, write_clip


@pytest.fixture(autouse=True)
def no_looks(monkeypatch):
    monkeypatch.setattr(preview_sequence, "look_resolver", lambda: lambda project, shot: None)


def test_the_frame_on_screen_is_pinned_at_its_place_in_its_shot(qtbot, tmp_path):
    project = Project(ProjectSettings(name="Film", width=48, height=32, fps=16), [Shot(title="S0", frames=9)])
    save_project(project, tmp_path / "film.reel")
    shot = project.shots[0]
    path = project.media_dir / shot.id / "take-001.mp4"
    path.parent.mkdir(parents=True)
    write_clip(np.random.default_rng(3).integers(0, 256, (9, 32, 48, 3), dtype=np.uint8), 16, path)
    project.add_take(
        shot.id, Take(id="t0", path=f"{shot.id}/take-001.mp4", frames=9, fps=16, width=48, height=32)
    )
    window = make_window(qtbot, project, FakeDialogs())
    action = window.cast.pin_action.action
    clip = read_frames(path)
    window.timeline.select_ids([shot.id])
    window.preview.seek_frame(5)
    qtbot.waitUntil(
        lambda: window.preview.current is not None and np.array_equal(window.preview.current, clip[5])
    )
    assert (
        action.isEnabled()
        and action in window.preview.view.actions()
        and action in window.view_menu.actions()
    )
    action.trigger()
    qtbot.waitUntil(lambda: len(shot.keyframes) == 1, timeout=10_000)
    keyframe = shot.keyframes[0]
    assert keyframe.frame == 5 and keyframe.image.source == "take-frame"
    assert np.array_equal(np.asarray(load_shot_image(project, keyframe.image)), clip[5])  # the exact pixels
    assert window.undo_stack.undoText() == "Pin Keyframe at Frame 5"
    assert [window.inspector.keyframes.strip.item(0).text()] == ["Frame 5"]
    window.undo_stack.undo()
    assert shot.keyframes == []
