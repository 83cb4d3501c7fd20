"""The inspector's images: drop or choose a start/end image, fit or fill, continue from the previous shot."""

from __future__ import annotations

from drop_support import drop_files, still, url_data
from PySide6.QtCore import QPoint
from ui_support import FakeDialogs, make_window, sample_project

from app.project.reel_file import save_project


def _window(qtbot, tmp_path, dialogs=None, select=1):
    project = sample_project(3)
    save_project(project, tmp_path / "film.reel")
    window = make_window(qtbot, project, dialogs or FakeDialogs())
    window.timeline.select_ids([project.shots[select].id])
    return window, window.inspector.images, project.shots[select]


def _wait(qtbot, window):
    qtbot.waitUntil(lambda: not window.continuity.tasks.busy(), timeout=10_000)


def test_a_file_dropped_anywhere_on_the_inspector_becomes_the_start_image(qtbot, tmp_path):
    window, box, shot = _window(qtbot, tmp_path)
    page = window.inspector.pages.currentWidget()
    drop_files(page, url_data(still(tmp_path / "a.png")), QPoint(10, 10))
    _wait(qtbot, window)
    assert shot.start_image is not None and window.undo_stack.undoText() == "Set Start Image"
    assert box.start.remove.isEnabled() and box.start.caption.text() == "a.png"  # its own name
    qtbot.waitUntil(
        lambda: box.start.picture.pixmap() is not None and not box.start.picture.pixmap().isNull()
    )


def test_a_start_image_keeps_its_file_name_through_a_save(qtbot, tmp_path):
    from app.project.reel_file import load_project

    window, box, shot = _window(qtbot, tmp_path)
    page = window.inspector.pages.currentWidget()
    drop_files(page, url_data(still(tmp_path / "<u>keeper<u> at dawn.png")), QPoint(10, 10))
    _wait(qtbot, window)
    assert box.start.caption.text() == "<u>keeper<u> at dawn.png"  # shown as written, not as markup
    assert box.start.caption.textFormat().name == "PlainText"
    save_project(window.project)
    reopened = load_project(window.project.path).shot(shot.id).start_image
    assert reopened is not None and reopened.name == "<u>keeper<u> at dawn.png"


def test_the_end_slot_takes_its_own_image_and_fit_changes_both_in_one_step(qtbot, tmp_path):
    window, box, shot = _window(qtbot, tmp_path)
    drop_files(box.start, url_data(still(tmp_path / "start.png", size=(40, 40))), QPoint(5, 5))
    drop_files(box.end, url_data(still(tmp_path / "end.webp", color=(10, 200, 10))), QPoint(5, 5))
    _wait(qtbot, window)
    assert shot.start_image.path.endswith(".png") and shot.end_image.path.endswith(".webp")
    assert window.undo_stack.undoText() == "Set End Image" and window.undo_stack.count() == 2
    assert box.fit.isEnabled() and box.fit.currentData() == "fill"
    box.fit.setCurrentIndex(box.fit.findData("fit"))
    box.fit.activated.emit(box.fit.currentIndex())
    assert (shot.start_image.fit, shot.end_image.fit) == ("fit", "fit") and window.undo_stack.count() == 3
    window.undo_stack.undo()
    assert (shot.start_image.fit, shot.end_image.fit) == ("fill", "fill")
    assert box.fit.currentData() == "fill"  # the view follows undo
    box.start.remove.click()
    assert "Used once the shot has a start image" in box.end.caption.text()
    window.undo_stack.undo()
    assert "Used once" not in box.end.caption.text()
    box.end.remove.click()
    assert shot.end_image is None and shot.start_image is not None
    window.undo_stack.undo()
    assert shot.end_image is not None


def test_continue_from_the_previous_shot_replaces_the_start_image_and_undo_restores_both(qtbot, tmp_path):
    window, box, shot = _window(qtbot, tmp_path)
    drop_files(box.start, url_data(still(tmp_path / "start.png")), QPoint(5, 5))
    _wait(qtbot, window)
    image = shot.start_image
    box.continue_box.click()
    assert shot.continue_previous and shot.start_image is None
    assert window.undo_stack.undoText() == "Continue from Previous Shot"
    assert "last frame of the previous shot" in box.start.caption.text()
    window.undo_stack.undo()
    assert not shot.continue_previous and shot.start_image == image and not box.continue_box.isChecked()
    window.undo_stack.redo()
    assert box.continue_box.isChecked()
    box.continue_box.click()
    assert not shot.continue_previous and window.undo_stack.undoText() == "Stop Continuing Previous Shot"


def test_the_first_shot_cannot_continue_and_choose_asks_for_a_file(qtbot, tmp_path):
    dialogs = FakeDialogs(open_path=still(tmp_path / "chosen.jpg"))
    window, box, shot = _window(qtbot, tmp_path, dialogs, select=0)
    assert not box.continue_box.isEnabled()
    box.start.choose.click()
    _wait(qtbot, window)
    assert ("open_path", "Choose the Start Image") in dialogs.asked
    assert shot.start_image is not None and shot.start_image.path.endswith(".jpg")
    box.start.remove.click()
    assert shot.start_image is None and window.undo_stack.undoText() == "Remove Start Image"


def test_a_file_that_is_not_an_image_dropped_on_the_inspector_is_refused_with_the_reason(qtbot, tmp_path):
    dialogs = FakeDialogs()
    window, box, shot = _window(qtbot, tmp_path, dialogs)
    notes = tmp_path / "notes.txt"
    notes.write_text("a shot list, not a picture")
    drop_files(box.start, url_data(notes), QPoint(5, 5))
    qtbot.waitUntil(lambda: bool(dialogs.errors), timeout=10_000)
    reason, hint = dialogs.errors[0].split("\n\n")
    assert reason == f"Image not used: {notes}: not an image Storyreel can read (PNG, JPEG or WebP)"
    assert hint.startswith("Use an 8-bit RGB PNG, JPEG or WebP still")  # what to do instead
    assert shot.start_image is None and window.undo_stack.count() == 0
