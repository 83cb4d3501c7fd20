"""A failure belongs to the state that made it: Undo clears it, a take replaces it, a good take hides it on disk."""

from __future__ import annotations

import json

from ui_support import make_window, sample_project

from app.project.reel_file import load_project, save_project
from app.project.shot import Take
from ui.editing.undo_commands import EditSettingsCommand, EditShotCommand


def test_undoing_the_change_that_failed_clears_the_failure(qtbot):
    project = sample_project(3)
    window = make_window(qtbot, project)
    first, second, third = (s.id for s in project.shots)
    window.undo_stack.push(EditShotCommand(project, first, {"frames": 401}))
    project.set_error(first, "Not enough memory for 401 frames.")  # what the job reported
    project.set_error(third, "An unrelated failure.")
    window.undo_stack.undo()
    assert project.shot(first).error is None
    assert project.shot(third).error == "An unrelated failure."  # undo did not touch that shot
    window.undo_stack.redo()  # redoing the change does not bring a failure back by itself
    assert project.shot(first).error is None

    window.undo_stack.push(EditSettingsCommand(project, {"width": 4096}))
    project.set_error(second, "The size is too large.")
    window.undo_stack.undo()  # a film-wide change reached every shot's request
    assert [s.error for s in project.shots] == [None, None, None]
    assert "failed" not in window.model.index(1).data().lower()


def test_a_take_replaces_a_failure_and_a_good_take_hides_it_in_the_file(qtbot, tmp_path):
    project = sample_project(2)
    window = make_window(qtbot, project)
    failing, good = (s.id for s in project.shots)
    project.set_error(failing, "It failed.")
    project.add_take(good, Take(id="t1", path="t1.mp4", frames=5, fps=16))
    project.set_error(good, "The regeneration failed.")  # the good take stays active
    save_project(project, tmp_path / "film.reel")
    saved = {s["id"]: s["error"] for s in json.loads((tmp_path / "film.reel").read_text("utf-8"))["shots"]}
    assert saved == {failing: "It failed.", good: None}
    assert load_project(tmp_path / "film.reel").shot(good).error is None
    project.add_take(failing, Take(id="t2", path="t2.mp4", frames=5, fps=16))
    assert project.shot(failing).error is None
    assert window.project is project
