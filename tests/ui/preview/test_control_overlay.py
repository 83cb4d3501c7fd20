"""The preview's control overlay: the take's control frames from FILM.media/control, read off the GUI thread."""

from __future__ import annotations

import json

import numpy as np
import pytest
from PIL import Image

from app.film import preview_sequence
from app.project.project import Project
from app.project.project_settings import ProjectSettings
from app.project.reel_file import save_project
from app.project.shot import Shot, Take
from engine.conditioning.control_cache import frame_name
from engine.video.video_io import write_clip
from ui.preview.control_overlay import control_folder
from ui.preview.preview_player import PreviewPlayer

W, H, KEY = 48, 32, "3b7f0c1d2e3f40516273849aabbccdde"


@pytest.fixture(autouse=True)
def no_looks(monkeypatch):
    monkeypatch.setattr(preview_sequence, "look_resolver", lambda: lambda project, shot: None)


def _film(tmp_path, record) -> Project:
    """One shot whose 4-frame take's sidecar carries `record` as its control; frame i's control is grey 40*i+20."""
    project = Project(ProjectSettings(name="Film", width=W, height=H, fps=16), [Shot(title="S", prompt="p")])
    save_project(project, tmp_path / "film.reel")
    shot = project.shots[0]
    clip = project.media_dir / shot.id / "take-001.mp4"
    clip.parent.mkdir(parents=True)
    write_clip(np.zeros((4, H, W, 3), np.uint8), 16, clip)
    clip.with_suffix(".json").write_text(json.dumps({"control": record}))
    project.add_take(
        shot.id, Take(id="t0", path=f"{shot.id}/take-001.mp4", frames=4, fps=16, width=W, height=H)
    )
    folder = project.media_dir / "control" / KEY
    folder.mkdir(parents=True)
    for i in range(3):  # one frame short: the take's last frame shows the last control frame
        Image.fromarray(np.full((H, W, 3), 40 * i + 20, np.uint8)).save(folder / frame_name(i))
    return project


def _control_grey(player):
    image = player.view.control
    return None if image is None else image.pixelColor(5, 5).red()


def test_the_toggle_shows_the_control_frame_of_the_frame_on_screen(qtbot, tmp_path):
    project = _film(tmp_path, {"key": KEY, "kind": "depth", "path": "/elsewhere/" + KEY})
    player = PreviewPlayer(project)
    qtbot.addWidget(player)
    player.set_shot(project.shots[0].id)
    qtbot.waitUntil(lambda: player.current is not None)
    assert player.view.control is None  # off until asked for
    player.control_overlay.action.setChecked(True)
    qtbot.waitUntil(lambda: _control_grey(player) == 20)
    player.seek_frame(1)
    qtbot.waitUntil(lambda: _control_grey(player) == 60)
    player.seek_frame(3)
    qtbot.waitUntil(lambda: _control_grey(player) == 100)  # held past the control's end
    player.control_overlay.action.setChecked(False)
    assert player.view.control is None
    player.shutdown()


@pytest.mark.parametrize(
    "record", [None, {"kind": "depth"}, {"key": "../../outside"}, {"key": "0123456789abcdef0123456789abcdef"}]
)
def test_no_overlay_without_a_usable_control_record(tmp_path, record):
    project = _film(tmp_path, record)
    assert control_folder(project, project.shots[0].id) is None


def test_a_linked_control_folder_is_not_followed(tmp_path):
    project = _film(tmp_path, {"key": KEY})
    assert control_folder(project, project.shots[0].id) == project.media_dir / "control" / KEY
    outside = tmp_path / "outside"
    (project.media_dir / "control" / KEY).rename(outside)
    (project.media_dir / "control" / KEY).symlink_to(outside)
    assert control_folder(project, project.shots[0].id) is None
