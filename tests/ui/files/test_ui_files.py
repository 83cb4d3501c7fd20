"""Files in the window: save/open, the unsaved-changes prompt, recent files, autosave and recovery."""

from __future__ import annotations

import os
import time

import pytest
from ui_support import FakeDialogs, make_window, sample_project, write_video

from app.project import recovery
from app.project.reel_file import load_project, save_project
from app.project.shot import ShotState, Take
from app.settings.user_settings import load_settings
from ui.timeline.timeline_model import StatusRole
from ui.widgets.dialogs import CANCEL, DISCARD, SAVE


def test_save_as_and_open_round_trip_with_title_mark(qtbot, tmp_path):
    dialogs = FakeDialogs(save_path=tmp_path / "film.reel")
    window = make_window(qtbot, sample_project(2), dialogs)
    window.timeline.select_ids([window.project.shots[1].id])
    window.inspector.title.setFocus()
    qtbot.keyClicks(window.inspector.title, "!")
    assert window.isWindowModified() and "[*]" in window.windowTitle()
    window.act_save.trigger()  # no file yet: Save asks for a name
    assert ("save_path", None) in dialogs.asked or dialogs.asked[-1][0] == "save_path"
    assert not window.isWindowModified()
    assert load_project(tmp_path / "film.reel").shots[1].title == "S1!"
    assert load_settings().recent_files[0] == str((tmp_path / "film.reel").resolve())

    window.act_new.trigger()
    assert window.project.path is None and window.project.shots == []
    dialogs.open_path_answer = tmp_path / "film.reel"
    window.act_open.trigger()
    assert window.project.path == (tmp_path / "film.reel").resolve()
    assert [s.title for s in window.project.shots] == ["S0", "S1!"]
    assert "Sample" in window.windowTitle() and not window.isWindowModified()


def test_save_as_brings_the_media_folder(qtbot, tmp_path):
    project = sample_project(1)
    save_project(project, tmp_path / "a.reel")
    write_video(tmp_path / "a.media" / "takes" / "x.mp4")
    project.add_take(project.shots[0].id, Take(id="x", path="takes/x.mp4", frames=5, fps=16))
    dialogs = FakeDialogs(save_path=tmp_path / "copy" / "b.reel")
    (tmp_path / "copy").mkdir()
    window = make_window(qtbot, project, dialogs)
    window.act_save_as.trigger()
    assert (tmp_path / "copy" / "b.media" / "takes" / "x.mp4").is_file()
    assert window.project.path == (tmp_path / "copy" / "b.reel").resolve()


def _dirty_window(qtbot, dialogs, tmp_path):
    project = sample_project(1)
    save_project(project, tmp_path / "film.reel")
    window = make_window(qtbot, project, dialogs)
    window.timeline.select_ids([project.shots[0].id])
    window.inspector.title.setFocus()
    qtbot.keyClicks(window.inspector.title, "X")
    return window


def test_closing_with_changes_asks_and_cancel_keeps_the_window(qtbot, tmp_path):
    dialogs = FakeDialogs(save_changes=CANCEL)
    window = _dirty_window(qtbot, dialogs, tmp_path)
    assert window.close() is False
    assert window.isVisible() and dialogs.asked[-1] == ("save_changes", "Sample")
    assert window.files.new() is False and window.project.shots[0].title == "S0X"


def test_closing_with_changes_save_writes_the_file(qtbot, tmp_path):
    dialogs = FakeDialogs(save_changes=SAVE)
    window = _dirty_window(qtbot, dialogs, tmp_path)
    assert window.close() is True
    assert load_project(tmp_path / "film.reel").shots[0].title == "S0X"


def test_closing_with_changes_discard_drops_them(qtbot, tmp_path):
    dialogs = FakeDialogs(save_changes=DISCARD)
    window = _dirty_window(qtbot, dialogs, tmp_path)
    assert window.close() is True
    assert load_project(tmp_path / "film.reel").shots[0].title == "S0"


def test_clean_project_closes_without_asking(qtbot, tmp_path):
    dialogs = FakeDialogs(save_changes=CANCEL)
    window = make_window(qtbot, sample_project(1), dialogs)
    assert window.close() is True and dialogs.asked == []


def test_autosave_then_recovery_offered_at_next_start(qtbot, tmp_path):
    dialogs = FakeDialogs(save_changes=CANCEL)
    window = _dirty_window(qtbot, dialogs, tmp_path)
    assert window.files.autosave() is True
    assert window.files.autosave() is False  # nothing new since
    window.files.wait()
    found = recovery.find_recoveries()
    assert len(found) == 1 and found[0].project_path == (tmp_path / "film.reel").resolve()
    assert load_project(tmp_path / "film.reel").shots[0].title == "S0"  # the project itself is untouched

    # The "crash": a new window at the next start.
    answers = FakeDialogs(recover=DISCARD)
    second = make_window(qtbot, sample_project(0), answers)
    second.files.startup([str(tmp_path / "film.reel")])
    assert answers.asked[0][0] == "recover"
    assert second.project.shots[0].title == "S0"  # discarded: the saved project opened instead
    assert recovery.find_recoveries() == []
    window.undo_stack.setClean()


def test_restored_recovery_is_unsaved_and_missing_media_is_marked(qtbot, tmp_path):
    project = sample_project(1)
    save_project(project, tmp_path / "film.reel")
    video = write_video(tmp_path / "film.media" / "t.mp4")
    project.add_take(project.shots[0].id, Take(id="t", path="t.mp4", frames=5, fps=16))
    recovery.autosave(project, recovery.recovery_key(project.path, "s"))
    video.unlink()
    os.utime(tmp_path / "film.reel", (time.time() - 100, time.time() - 100))

    answers = FakeDialogs()  # restore
    window = make_window(qtbot, sample_project(0), answers)
    window.files.startup([])
    assert answers.asked[0][0] == "recover"
    assert window.project.path == (tmp_path / "film.reel").resolve()
    assert window.project.shots[0].active.id == "t"
    assert window.model.index(0).data(StatusRole) == ShotState.MISSING
    assert window.isWindowModified()
    assert "missing media" in window.statusBar().currentMessage()


def test_recovery_is_never_restored_without_asking(qtbot, tmp_path):
    project = sample_project(1)
    recovery.autosave(project, recovery.recovery_key(None, "abc"))
    answers = FakeDialogs(recover=DISCARD)
    window = make_window(qtbot, sample_project(0), answers)
    window.files.startup([])
    assert [a[0] for a in answers.asked] == ["recover"]
    assert window.project.shots == [] and recovery.find_recoveries() == []


@pytest.mark.slow
def test_autosave_interval_from_preferences(qtbot):
    window = make_window(qtbot)
    assert window.files.autosave_timer.interval() == 60_000
    window.settings.autosave_seconds = 5
    window.apply_preferences()
    assert window.files.autosave_timer.interval() == 5000 and window.files.autosave_timer.isActive()
    assert load_settings().autosave_seconds == 5
    window.settings.autosave_seconds = 0
    window.apply_preferences()
    assert not window.files.autosave_timer.isActive()


@pytest.mark.slow
def test_recent_files_keep_ten_and_layout_is_restored(qtbot, tmp_path):
    paths = []
    for n in range(12):
        paths.append(save_project(sample_project(1), tmp_path / f"p{n}.reel"))
    window = make_window(qtbot)
    for p in paths:
        window.files.open_path(p, ask=False)
    recent = load_settings().recent_files
    assert len(recent) == 10 and recent[0] == str(paths[-1])
    window.recent_menu.aboutToShow.emit()
    # All twelve are called "Sample": their files tell them apart.
    assert [a.text() for a in window.recent_menu.actions()][:2] == ["Sample (p11.reel)", "Sample (p10.reel)"]

    window.queue_dock.hide()
    window.splitter.setSizes([300, 400])
    sizes = window.splitter.sizes()
    window.close()
    again = make_window(qtbot)
    assert again.queue_dock.isHidden()
    # Same proportions (the offscreen screen may clamp the restored window's size).
    restored = again.splitter.sizes()
    assert abs(restored[0] / sum(restored) - sizes[0] / sum(sizes)) < 0.02


def test_open_errors_are_shown_in_a_dialog(qtbot, tmp_path):
    bad = tmp_path / "bad.reel"
    bad.write_text("{ not json")
    dialogs = FakeDialogs()
    window = make_window(qtbot, dialogs=dialogs)
    assert window.files.open_path(bad) is False
    assert dialogs.errors and "bad.reel" in dialogs.errors[0]


def test_import_shot_list_uses_the_cli_parser(qtbot, tmp_path):
    shots = tmp_path / "shots.csv"
    shots.write_text("title,prompt,frames\nA,一只猫,41\nB,a dog,\n", encoding="utf-8")
    dialogs = FakeDialogs(open_path=shots)
    window = make_window(qtbot, sample_project(1), dialogs)
    window.act_import_list.trigger()
    assert [s.title for s in window.project.shots] == ["S0", "A", "B"]
    assert window.project.shots[1].prompt == "一只猫" and window.project.shots[1].frames == 41
    assert window.undo_stack.count() == 1
    window.undo_stack.undo()
    assert len(window.project.shots) == 1
    shots.write_text("title,prompt,frames\nA,x,many\n", encoding="utf-8")
    window.act_import_list.trigger()
    assert "frames must be a whole number" in dialogs.errors[-1]


def test_project_settings_dialog_gives_only_changes(qtbot):
    from ui.preferences.project_settings_dialog import ProjectSettingsDialog

    window = make_window(qtbot)
    dialog = ProjectSettingsDialog(window.project.settings, window)
    qtbot.addWidget(dialog)
    assert dialog.changes() == {}
    dialog.name.setText("Night Ferry")
    dialog.fps.setValue(24)
    dialog.frames.setValue(50)
    changes = dialog.changes()
    assert changes["name"] == "Night Ferry" and changes["fps"] == 24 and changes["defaults"].frames == 49
    window.apply_project_settings(changes)
    assert "Night Ferry" in window.windowTitle() and window.project.settings.defaults.frames == 49
    window.undo_stack.undo()
    assert window.project.settings.name == "Sample"


def test_saving_removes_the_recovery_file(qtbot, tmp_path):
    dialogs = FakeDialogs(save_changes=CANCEL)
    window = _dirty_window(qtbot, dialogs, tmp_path)
    assert window.files.autosave() is True
    window.files.wait()
    assert len(recovery.find_recoveries()) == 1
    window.act_save.trigger()
    assert recovery.find_recoveries() == [] and not list(recovery.recovery_dir().iterdir())


@pytest.mark.slow
def test_a_clean_quit_while_a_job_runs_leaves_no_recovery(qtbot, tmp_path, tiny_a14b):
    from ui_support import tiny_project, tiny_window

    project = tiny_project(tmp_path, count=1, steps=400)
    window = tiny_window(qtbot, tiny_a14b, project)
    window.dialogs.answers["save_changes"] = SAVE
    [job] = window.generation.generate([project.shots[0].id])
    qtbot.waitUntil(lambda: job.state == "generating", timeout=60_000)
    assert window.session.is_dirty()  # the queued job went into a recovery file at once
    window.files.wait()
    assert len(recovery.find_recoveries()) == 1
    assert window.close() is True  # Quit: "Save" to the question; the running job is cancelled
    # The cancelled job's last report arrives after the close: it must not autosave again.
    qtbot.wait(300)
    window.files.wait()
    assert recovery.find_recoveries() == [] and not list(recovery.recovery_dir().iterdir())
    assert load_project(tmp_path / "film.reel").pending_jobs  # the job is kept, in the project
    # At the next start nothing is offered.
    answers = FakeDialogs()
    second = make_window(qtbot, sample_project(0), answers)
    second.files.startup([str(tmp_path / "film.reel")])
    assert ("recover" not in [a[0] for a in answers.asked]) and len(second.project.shots) == 1
