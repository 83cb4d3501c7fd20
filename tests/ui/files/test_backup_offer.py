"""A damaged .reel whose .reel.bak loads: the window offers the backup and keeps the damaged file."""

from __future__ import annotations

from ui_support import FakeDialogs, make_window, sample_project

from app.project.reel_file import load_project, save_project


def damaged_with_backup(tmp_path):
    project = sample_project(2)
    path = save_project(project, tmp_path / "film.reel")
    project.shots[0].prompt = "the newer prompt"
    save_project(project, path)  # the first version is now film.reel.bak
    path.write_text('{"format_version": 3, "settings": {', encoding="utf-8")  # cut off mid-write
    return path


def test_damaged_project_offers_its_backup(qtbot, tmp_path) -> None:
    path = damaged_with_backup(tmp_path)
    dialogs = FakeDialogs()
    window = make_window(qtbot, dialogs=dialogs)
    assert window.files.open_path(path)
    asked = [reason for kind, reason in dialogs.asked if kind == "open_backup"]
    assert len(asked) == 1 and asked[0]  # the reason the file would not open
    assert not dialogs.errors
    assert window.project.path == path.resolve() and len(window.project.shots) == 2
    assert window.project.shots[0].prompt == "prompt number 0"  # the backup's version
    assert window.session.is_dirty()
    assert (tmp_path / "film.reel.damaged").read_text(encoding="utf-8").startswith('{"format_version"')
    window.files.save()
    assert load_project(path).shots[0].prompt == "prompt number 0"


def test_declining_the_backup_reports_the_damage(qtbot, tmp_path) -> None:
    path = damaged_with_backup(tmp_path)
    dialogs = FakeDialogs()
    dialogs.answers["open_backup"] = False
    window = make_window(qtbot, dialogs=dialogs)
    assert not window.files.open_path(path)
    assert len(dialogs.errors) == 1 and "film.reel" in dialogs.errors[0]
    assert not (tmp_path / "film.reel.damaged").exists()


def test_no_backup_no_offer(qtbot, tmp_path) -> None:
    path = tmp_path / "lonely.reel"
    path.write_text("not json", encoding="utf-8")
    dialogs = FakeDialogs()
    window = make_window(qtbot, dialogs=dialogs)
    assert not window.files.open_path(path)
    assert not [k for k, _ in dialogs.asked if k == "open_backup"] and len(dialogs.errors) == 1
