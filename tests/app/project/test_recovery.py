"""Recovery files: written apart from the project, offered only when newer, removed when stale."""

from __future__ import annotations

import os
import time

from ui_support import sample_project

from app.project import recovery
from app.project.reel_file import save_project


def test_recovery_newer_than_its_project_is_offered_and_opens_bound_to_it(tmp_path):
    project = sample_project(2)
    path = save_project(project, tmp_path / "film.reel")
    os.utime(path, (time.time() - 60, time.time() - 60))
    project.update_shot(project.shots[0].id, prompt="changed after saving")
    written = recovery.autosave(project, recovery.recovery_key(path, "s1"))
    assert written.file.parent == recovery.recovery_dir() and written.file != path
    [found] = recovery.find_recoveries()
    assert found.project_path == path and found.name == "Sample"
    restored = recovery.open_recovery(found)
    assert restored.path == path and restored.shots[0].prompt == "changed after saving"
    recovery.discard(found)
    assert recovery.find_recoveries() == []


def test_stale_recovery_is_removed_not_offered(tmp_path):
    project = sample_project(1)
    path = save_project(project, tmp_path / "film.reel")
    written = recovery.autosave(project, recovery.recovery_key(path, "s1"))
    os.utime(written.file, (time.time() - 60, time.time() - 60))
    assert recovery.find_recoveries() == []
    assert not written.file.exists() and not written.meta_file.exists()


def test_untitled_projects_recover_by_session_and_keys_differ():
    assert recovery.recovery_key(None, "a") != recovery.recovery_key(None, "b")
    recovery.autosave(sample_project(1), recovery.recovery_key(None, "a"))
    [found] = recovery.find_recoveries()
    assert found.project_path is None
    assert recovery.open_recovery(found).path is None
    recovery.discard_for(None, recovery.recovery_key(None, "a"))
    assert recovery.find_recoveries() == []


def test_recovery_of_a_deleted_project_is_still_offered(tmp_path):
    project = sample_project(1)
    path = save_project(project, tmp_path / "film.reel")
    recovery.autosave(project, recovery.recovery_key(path, "s"))
    path.unlink()
    assert len(recovery.find_recoveries()) == 1


def test_damaged_notes_are_ignored():
    recovery.recovery_dir().mkdir(parents=True)
    (recovery.recovery_dir() / "x.reel").write_text("{}")
    (recovery.recovery_dir() / "x.json").write_text("not json")
    assert recovery.find_recoveries() == []


def test_a_recovery_being_written_by_another_running_app_is_not_offered(tmp_path):
    import json
    import subprocess
    import sys

    project = sample_project(1)
    written = recovery.autosave(project, recovery.recovery_key(None, "other"))
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        meta = json.loads(written.meta_file.read_text(encoding="utf-8"))
        meta["pid"], meta["process_started"] = other.pid, recovery._process_started(other.pid)
        written.meta_file.write_text(json.dumps(meta), encoding="utf-8")
        assert recovery.find_recoveries() == []  # the other app's live work, not a crash
        assert written.file.exists()
    finally:
        other.kill()
        other.wait()
    # Once that app is gone (crashed), its work is offered.
    assert [r.file for r in recovery.find_recoveries()] == [written.file]
