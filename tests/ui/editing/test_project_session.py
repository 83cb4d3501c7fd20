"""ProjectSession and FileActions without a window: signals on open, edit, save and outside changes."""

from __future__ import annotations

import os
import time

from PySide6.QtWidgets import QStatusBar
from ui_support import FakeDialogs, sample_project

from app.project import recovery
from app.project.reel_file import dumps_project, load_project, save_project
from app.settings.user_settings import UserSettings
from ui.editing.project_session import ProjectSession
from ui.editing.undo_commands import EditShotCommand
from ui.files.file_actions import FileActions


def _age(path):
    os.utime(path, (time.time() - 100, time.time() - 100))


def _session(qtbot, dialogs=None):
    """A session and its FileActions on nothing but their narrow collaborators (no MainWindow)."""
    status = QStatusBar()
    qtbot.addWidget(status)
    session = ProjectSession(sample_project(2), status)
    files = FileActions(session, dialogs or FakeDialogs(), UserSettings(), status, status)
    events: list[tuple[str, object]] = []
    session.projectChanged.connect(lambda project: events.append(("project", project)))
    session.saved.connect(lambda path: events.append(("saved", path)))
    session.dirtyChanged.connect(lambda dirty: events.append(("dirty", dirty)))
    session.outsideChanged.connect(lambda: events.append(("outside", None)))
    return session, files, status, events


def test_open_shows_the_project_and_starts_a_clean_history(qtbot, tmp_path):
    session, files, status, events = _session(qtbot)
    session.undo_stack.push(EditShotCommand(session.project, session.project.shots[0].id, {"title": "x"}))
    assert events == [("dirty", True)] and session.is_dirty()
    other = sample_project(3)
    save_project(other, tmp_path / "other.reel")
    assert files.open_path(tmp_path / "other.reel", ask=False)
    opened = session.project
    assert opened.path == (tmp_path / "other.reel").resolve() and len(opened.shots) == 3
    assert events[1:] == [("dirty", False), ("project", opened)]
    assert session.undo_stack.count() == 0 and not session.is_dirty()
    assert files.settings.recent_files == [str(opened.path)]
    assert status.currentMessage() == f"Opened {tmp_path / 'other.reel'}"


def test_save_says_where_and_clears_dirty(qtbot, tmp_path):
    session, files, status, events = _session(qtbot, FakeDialogs(save_path=tmp_path / "film.reel"))
    shot = session.project.shots[1]
    session.undo_stack.push(EditShotCommand(session.project, shot.id, {"prompt": "a kite"}))
    settings_written = []
    files.settingsChanged.connect(lambda: settings_written.append(True))
    assert files.save()  # no path yet: asks for one
    path = (tmp_path / "film.reel").resolve()
    assert events == [("dirty", True), ("dirty", False), ("saved", path)]
    assert load_project(path).shots[1].prompt == "a kite" and settings_written == [True]
    session.undo_stack.undo()  # back past the save point: unsaved again
    assert events[-1] == ("dirty", True) and session.is_dirty()


def test_an_outside_change_is_dirty_and_autosaved_at_once(qtbot, tmp_path):
    session, files, status, events = _session(qtbot)
    save_project(session.project, tmp_path / "film.reel")
    _age(tmp_path / "film.reel")  # a recovery counts only when newer than its project
    session.note_outside_change()  # e.g. a generated take arrived
    files.wait()
    assert events == [("outside", None), ("dirty", True)] and session.is_dirty()
    [found] = recovery.find_recoveries()
    assert found.project_path == session.project.path
    assert session.recovery_key() == recovery.recovery_key(session.project.path, session.key)
    session.note_outside_change()  # already dirty: no second dirtyChanged
    files.wait()  # the second autosave is written before the next test's folders exist
    assert events[-1] == ("outside", None)


def test_a_restored_recovery_stays_dirty_until_saved(qtbot, tmp_path):
    session, files, status, events = _session(qtbot)
    project = sample_project(1)
    save_project(project, tmp_path / "film.reel")
    recovery.autosave(project, recovery.recovery_key(project.path, "earlier"))
    _age(tmp_path / "film.reel")
    [found] = recovery.find_recoveries()
    assert files.restore(found)
    assert session.recovered and session.is_dirty() and session.undo_stack.isClean()
    assert events == [("dirty", True), ("project", session.project)]
    assert "Restored unsaved work" in status.currentMessage()
    assert files.save()
    assert events[-2:] == [("dirty", False), ("saved", session.project.path)] and not session.recovered


def test_import_asks_the_window_to_select_the_new_shots(qtbot, tmp_path):
    shots = tmp_path / "shots.txt"
    shots.write_text("a lighthouse\na ferry at night\n", encoding="utf-8")
    session, files, status, events = _session(qtbot, FakeDialogs(open_path=shots))
    selected: list[list[str]] = []
    files.shotsAdded.connect(selected.append)
    files.import_shot_list()
    assert [s.prompt for s in session.project.shots[2:]] == ["a lighthouse", "a ferry at night"]
    assert selected == [[s.id for s in session.project.shots[2:]]] and events == [("dirty", True)]


def test_the_recovery_is_the_film_as_autosaved_though_edited_before_it_is_written(qtbot, tmp_path):
    session, files, status, events = _session(qtbot)
    save_project(session.project, tmp_path / "film.reel")
    _age(tmp_path / "film.reel")
    files._worker.run(lambda: time.sleep(0.3), lambda _: None, lambda _: None)  # busy: the autosave waits
    session.note_outside_change()
    qtbot.waitUntil(lambda: not files._outside_save.isActive())  # copied now, written on the worker
    expected = dumps_project(session.project)
    session.project.shots[0].prompt = "edited while the recovery waits to be written"
    session.project.shots[0].takes.clear()
    files.wait()
    [found] = recovery.find_recoveries()
    assert found.file.read_text(encoding="utf-8") == expected  # not the edit made after the autosave


def test_the_changes_of_one_turn_are_autosaved_once(qtbot, tmp_path):
    session, files, status, events = _session(qtbot)
    save_project(session.project, tmp_path / "film.reel")
    written: list[object] = []
    run = files._worker.run
    files._worker.run = lambda work, done, failed: written.append(work) or run(work, done, failed)
    session.note_outside_change()  # a take arrives: its film and its queue change in the same turn
    session.note_outside_change()
    assert written == []  # nothing copied or written inside the turn that changed the film
    qtbot.waitUntil(lambda: len(written) == 1)
    files.wait()
    qtbot.wait(20)
    assert len(written) == 1 and len(recovery.find_recoveries()) == 1
    session.note_outside_change()
    files.wait()  # closing: a pending autosave is written, not dropped
    assert len(written) == 2
