"""The inspector's control clip: a file or a take, checked and copied off the GUI thread; each edit one undo step."""

from __future__ import annotations

from control_support import make_clip, moving_frames
from ui_support import make_window, tiny_project

from app.project.reel_file import load_project, save_project
from app.project.shot import Take


def _window(qtbot, tmp_path):
    project = tiny_project(tmp_path, count=2)
    shot = project.shots[1]
    make_clip(project.media_dir / shot.id / "take-001.mp4", moving_frames(5))
    project.add_take(
        shot.id, Take(id="t1", path=f"{shot.id}/take-001.mp4", frames=5, fps=16, width=32, height=32)
    )
    window = make_window(qtbot, project)
    window.timeline.select_ids([project.shots[0].id])
    return window, project, window.inspector.control


def test_a_file_becomes_the_shots_control_and_each_edit_is_undone(qtbot, tmp_path):
    window, project, box = _window(qtbot, tmp_path)
    shot = project.shots[0]
    assert shot.control is None and not box.kind.isEnabled()
    clip = make_clip(tmp_path / "walk.mp4", moving_frames(5, seed=2))
    box.use_file(clip)
    qtbot.waitUntil(lambda: shot.control is not None)
    control = shot.control
    assert (
        control.clip.startswith("control-clips/") and control.name == "walk.mp4" and control.kind == "video"
    )
    assert (project.media_dir / control.clip).is_file() and "walk.mp4" in box.clip.text()
    box.kind.setCurrentIndex(box.kind.findData("edges"))
    box.kind.activated.emit(box.kind.currentIndex())
    box.strength.setValue(0.5)
    box.strength.editingFinished.emit()
    assert (shot.control.kind, shot.control.strength) == ("edges", 0.5)
    window.undo_stack.undo()
    assert (shot.control.kind, shot.control.strength) == ("edges", 1.0)
    window.undo_stack.undo()
    assert shot.control == control and box.kind.currentData() == "video"
    box.remove.click()
    assert shot.control is None
    window.undo_stack.undo()
    assert shot.control == control
    box.shutdown()


def test_a_take_of_the_film_is_a_control_and_a_bad_file_is_refused_in_words(qtbot, tmp_path):
    window, project, box = _window(qtbot, tmp_path)
    shot = project.shots[0]
    said = []
    box.errors = said.append
    sound = tmp_path / "notes.mp4"
    sound.write_bytes(b"not a video at all")
    box.use_file(sound)
    qtbot.waitUntil(lambda: bool(said))
    assert "notes.mp4" in said[0] and shot.control is None and box.choose.isEnabled()
    assert not (project.media_dir / "control-clips").exists() or not any(
        (project.media_dir / "control-clips").iterdir()
    )
    assert box.takes.count() == 1  # the film's takes are listed when the box is opened, not per click
    box.takes.showPopup()
    row = box.takes.findData(f"{project.shots[1].id}/t1")
    box.takes.hidePopup()
    assert row > 0
    box.takes.setCurrentIndex(row)
    box.takes.activated.emit(row)
    qtbot.waitUntil(lambda: shot.control is not None or len(said) > 1)
    assert len(said) == 1, said
    assert shot.control.source_take == "t1" and shot.control.clip == project.shots[1].takes[0].path
    save_project(project)  # a take's path (<shot id>/take-001.mp4) is a control clip the film file keeps
    assert load_project(project.path).shot(shot.id).control == shot.control
    window.undo_stack.undo()
    assert shot.control is None
    box.shutdown()
