"""Issue 21.4 in the window: a film another Storyreel has open, and a film changed on disk since it was read."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton
from ui_support import FakeDialogs, make_window, sample_project

from app.project.film_lock import lock_path, read_owner
from app.project.reel_file import load_project, save_project
from ui.widgets.dialogs import CANCEL, OPEN_ANYWAY, OVERWRITE, READ_ONLY, RELOAD, SAVE_AS, Dialogs

ROOT = Path(__file__).resolve().parents[3]
HOLD = """
import sys, time
sys.path.insert(0, {root!r})
from app.project.film_lock import FilmLock
lock = FilmLock(sys.argv[1], "render").acquire()
print("ready", flush=True)
time.sleep(120)
"""


@pytest.fixture
def film(tmp_path: Path) -> Path:
    return save_project(sample_project(2), tmp_path / "film.reel")


@pytest.fixture
def other_process(film: Path):
    """Another process holding the film's lock, as a render does."""
    process = subprocess.Popen(
        [sys.executable, "-c", HOLD.format(root=str(ROOT)), str(film)], stdout=subprocess.PIPE, text=True
    )
    assert process.stdout is not None and process.stdout.readline().strip() == "ready"
    yield process
    process.kill()
    process.wait()


def test_a_film_in_use_opens_read_only_and_saves_only_under_a_new_name(qtbot, tmp_path, film, other_process):
    dialogs = FakeDialogs(save_path=tmp_path / "mine.reel")
    dialogs.answers["film_in_use"] = READ_ONLY
    window = make_window(qtbot, dialogs=dialogs)
    before = film.read_bytes()
    assert window.files.open_path(film)
    holder = [h for kind, h in dialogs.asked if kind == "film_in_use"]
    assert holder and f"render (process {other_process.pid} on " in holder[0]
    assert window.files.read_only
    window.project.update_shot(window.project.shots[0].id, prompt="my change")
    assert window.files.save()
    assert film.read_bytes() == before
    assert load_project(tmp_path / "mine.reel").shots[0].prompt == "my change"
    assert not window.files.read_only  # the new name is this window's own


def test_a_film_in_use_can_be_left_alone_or_opened_anyway(qtbot, film, other_process):
    dialogs = FakeDialogs()
    window = make_window(qtbot, dialogs=dialogs)
    assert not window.files.open_path(film)  # Cancel: the film is not opened
    assert window.project.path != film
    dialogs.answers["film_in_use"] = OPEN_ANYWAY
    assert window.files.open_path(film)
    assert not window.files.read_only and read_owner(film).pid == other_process.pid


def test_the_window_holds_its_film_and_lets_it_go(qtbot, film):
    first, second = FakeDialogs(), FakeDialogs()
    window = make_window(qtbot, dialogs=first)
    assert window.files.open_path(film)
    assert read_owner(film).purpose == "a window"
    other = make_window(qtbot, dialogs=second)
    assert not other.files.open_path(film)
    assert [kind for kind, _ in second.asked] == ["film_in_use"]
    assert window.files.new()
    assert not lock_path(film).exists()
    assert other.files.open_path(film)
    assert read_owner(film).pid == os.getpid()
    other.close()  # a closed window lets its film go
    assert not lock_path(film).exists()


@pytest.mark.parametrize("answer", [OVERWRITE, RELOAD, SAVE_AS, CANCEL])
def test_a_save_over_a_film_changed_on_disk_asks(qtbot, tmp_path, film, answer):
    dialogs = FakeDialogs(save_path=tmp_path / "mine.reel")
    dialogs.answers["changed_on_disk"] = answer
    window = make_window(qtbot, dialogs=dialogs)
    assert window.files.open_path(film)
    theirs = load_project(film)
    theirs.update_shot(theirs.shots[1].id, prompt="their change")
    save_project(theirs)
    window.project.update_shot(window.project.shots[0].id, prompt="my change")
    assert window.files.save() == (answer != CANCEL)
    assert ("changed_on_disk", "film.reel") in dialogs.asked
    on_disk = load_project(film)
    if answer == OVERWRITE:
        assert on_disk.shots[0].prompt == "my change" and on_disk.shots[1].prompt != "their change"
    else:
        assert on_disk.shots[1].prompt == "their change" and on_disk.shots[0].prompt != "my change"
    if answer == RELOAD:
        assert window.project.shots[1].prompt == "their change" and not window.session.is_dirty()
    if answer == SAVE_AS:
        assert load_project(tmp_path / "mine.reel").shots[0].prompt == "my change"


@pytest.mark.parametrize(
    ("ask", "label", "answer"),
    [
        ("film_in_use", "Open Read-Only", READ_ONLY),
        ("film_in_use", "Open Anyway", OPEN_ANYWAY),
        ("changed_on_disk", "Reload", RELOAD),
        ("changed_on_disk", "Overwrite", OVERWRITE),
        ("changed_on_disk", "Save As…", SAVE_AS),
        ("changed_on_disk", "Cancel", CANCEL),
    ],
)
def test_the_real_dialogs_offer_each_choice(qtbot, ask, label, answer):
    window = make_window(qtbot, sample_project(1))
    seen: list[str] = []

    def click() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, click)
            return
        buttons = {b.text(): b for b in box.findChildren(QPushButton)}
        seen.extend(buttons)
        buttons[label].click()

    QTimer.singleShot(0, click)
    dialogs = Dialogs(window)
    result = (
        dialogs.film_in_use("film.reel", "render (process 1)")
        if ask == "film_in_use"
        else dialogs.changed_on_disk("film.reel")
    )
    assert result == answer and label in seen
