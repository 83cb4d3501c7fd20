"""Generate > Regenerate Outdated Shots queues exactly the shots whose take no longer matches them."""

from __future__ import annotations

import threading

import pytest
from ui_support import tiny_project, tiny_window, wait_finished

from app.project.shot import ShotState
from engine.jobs.states import JobState
from ui.editing.undo_commands import EditShotCommand
from ui.timeline.timeline_model import StatusRole


@pytest.fixture(autouse=True)
def no_threads_left():
    yield
    left = [t.name for t in threading.enumerate() if t.name.startswith("storyreel-") and t.is_alive()]
    assert not left, f"threads left running: {left}"


def outdated_action(window):
    menu = window.generate_menu
    return next(a for a in menu.actions() if a.text() == "Regenerate &Outdated Shots")


@pytest.mark.slow
def test_regenerate_outdated_queues_only_the_changed_shots(qtbot, tiny_a14b, tmp_path):
    project = tiny_project(tmp_path, count=3, steps=1)
    window = tiny_window(qtbot, tiny_a14b, project)
    action = outdated_action(window)
    names = [a.text() for a in window.generate_menu.actions()]
    assert names.index(action.text()) == names.index("Generate All Shots &Without a Take") + 1
    action.trigger()  # nothing has a take yet: nothing is outdated, and it says so
    assert window.generation.jobs is None or not window.generation.jobs.jobs()
    assert "No shot is outdated" in window.statusBar().currentMessage()
    window.generation.act_generate_missing.trigger()
    first = window.generation.jobs.jobs()
    wait_finished(qtbot, window, first)
    qtbot.waitUntil(lambda: all(s.active is not None for s in project.shots))
    changed = project.shots[1]
    window.undo_stack.push(EditShotCommand(project, changed.id, {"prompt": "a blue cube instead"}))
    assert [window.model.index(r).data(StatusRole) for r in range(3)] == [
        ShotState.READY,
        ShotState.OUTDATED,
        ShotState.READY,
    ]
    action.trigger()
    jobs = [j for j in window.generation.jobs.jobs() if j not in first]
    assert len(jobs) == 1
    wait_finished(qtbot, window, jobs)
    assert jobs[0].state == JobState.DONE
    qtbot.waitUntil(lambda: len(changed.takes) == 2)
    assert [window.model.index(r).data(StatusRole) for r in range(3)] == [
        ShotState.READY,
        ShotState.READY,
        ShotState.READY,
    ]
