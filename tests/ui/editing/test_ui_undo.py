"""Undo commands: each one undoes and redoes through the Project API; bursts and drags are one step."""

from __future__ import annotations

from PySide6.QtGui import QUndoStack
from ui_support import ids, make_window, sample_project

from app.project.project_settings import GenerationDefaults
from app.project.shot import Take
from ui.editing.undo_commands import (
    EditSettingsCommand,
    EditShotCommand,
    InsertShotsCommand,
    RemoveShotsCommand,
    RemoveTakeCommand,
    ReorderShotsCommand,
    duplicate_shot,
    order_after_move,
    set_active_take_command,
)


def _with_takes():
    project = sample_project(3)
    shot = project.shots[0]
    for n in range(3):
        project.add_take(shot.id, Take(id=f"t{n}", path=f"t{n}.mp4", seed=n, frames=81, fps=16))
    project.update_shot(shot.id, active_take="t1", trim_in=4, trim_out=60)
    return project, shot


def test_edit_shot_merges_a_burst_and_not_across_bursts():
    project = sample_project(2)
    stack = QUndoStack()
    sid = project.shots[0].id
    for text in ("a", "ab", "abc"):
        stack.push(EditShotCommand(project, sid, {"title": text}, burst=1))
    assert stack.count() == 1 and project.shots[0].title == "abc"
    stack.push(EditShotCommand(project, sid, {"title": "abcd"}, burst=2))
    stack.push(EditShotCommand(project, project.shots[1].id, {"title": "x"}, burst=2))
    assert stack.count() == 3
    stack.undo()
    stack.undo()
    assert project.shots[0].title == "abc"
    stack.undo()
    assert project.shots[0].title == "S0"
    stack.redo()
    assert project.shots[0].title == "abc"


def test_reorder_insert_remove_duplicate():
    project = sample_project(4)
    stack = QUndoStack()
    before = ids(project)
    stack.push(ReorderShotsCommand(project, order_after_move(project, [before[0], before[2]], 4)))
    assert ids(project) == [before[1], before[3], before[0], before[2]]
    twin = duplicate_shot(project.shots[0])
    stack.push(InsertShotsCommand(project, 1, [twin], "Duplicate Shot"))
    assert project.shots[1] is twin and twin.id != project.shots[0].id
    stack.push(RemoveShotsCommand(project, [before[3], before[2]]))
    assert before[3] not in ids(project) and before[2] not in ids(project)
    for _ in range(3):
        stack.undo()
    assert ids(project) == before
    for _ in range(3):
        stack.redo()
    assert ids(project) == [before[1], twin.id, before[0]]


def test_remove_take_undo_puts_it_back_in_place_and_active():
    project, shot = _with_takes()
    stack = QUndoStack()
    stack.push(RemoveTakeCommand(project, shot.id, "t1"))
    assert [t.id for t in shot.takes] == ["t0", "t2"] and shot.active_take == "t2"
    stack.undo()
    assert [t.id for t in shot.takes] == ["t0", "t1", "t2"]
    assert (shot.active_take, shot.trim_in, shot.trim_out) == ("t1", 4, 60)
    stack.redo()
    assert shot.take("t1") is None


def test_choose_take_and_trims():
    project, shot = _with_takes()
    stack = QUndoStack()
    stack.push(set_active_take_command(project, shot.id, "t0"))
    assert (shot.active_take, shot.trim_in, shot.trim_out) == ("t0", 0, None)
    stack.push(EditShotCommand(project, shot.id, {"trim_in": 10}, burst=7))
    stack.undo()
    assert shot.trim_in == 0
    stack.undo()
    assert (shot.active_take, shot.trim_in, shot.trim_out) == ("t1", 4, 60)


def test_settings_edit_including_defaults():
    project = sample_project(1)
    stack = QUndoStack()
    defaults = GenerationDefaults(frames=41, steps=20)
    stack.push(EditSettingsCommand(project, {"fps": 24, "defaults": defaults, "name": "Renamed"}))
    assert project.settings.fps == 24 and project.settings.defaults.frames == 41
    stack.undo()
    assert project.settings.fps == 16 and project.settings.defaults.frames == 81
    assert project.settings.name == "Sample"
    stack.redo()
    assert project.settings.defaults == defaults and project.settings.defaults is not defaults


def test_edit_menu_names_the_step_and_window_settings_go_through_undo(qtbot):
    window = make_window(qtbot)
    window.timeline.select_ids([window.project.shots[0].id])
    window.inspector.title.setFocus()
    qtbot.keyClicks(window.inspector.title, "Dawn")
    assert window.undo_stack.count() == 1
    assert window.act_undo.text() == "&Undo Edit Title"
    assert window.isWindowModified()
    window.apply_project_settings({"fps": 24})
    assert window.act_undo.text() == "&Undo Edit Project Settings"
    window.act_undo.trigger()
    assert window.project.settings.fps == 16
    window.act_undo.trigger()
    assert window.project.shots[0].title == "S0"
    assert not window.isWindowModified()
    window.act_redo.trigger()
    assert window.project.shots[0].title == "S0Dawn"
