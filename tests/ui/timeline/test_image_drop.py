"""Image files dropped on a shot's card become its start image: copied by hash, one undo step, shown."""

from __future__ import annotations

import hashlib
import logging

from drop_support import card_centre, drop_files, still, url_data
from image_support import bad_images
from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QColor
from ui_support import FakeDialogs, make_window, sample_project

from app.project.reel_file import load_project, save_project
from ui.timeline.shot_card_delegate import FOOTER

RED = (200, 30, 30)


def _window(qtbot, tmp_path, dialogs=None, count=3, saved=True):
    project = sample_project(count)
    if saved:
        save_project(project, tmp_path / "film.reel")
    return make_window(qtbot, project, dialogs or FakeDialogs())


def _inset_colour(window, row: int) -> QColor:
    """The colour the card paints just inside its picture's top right corner (where the start image goes)."""
    view = window.timeline
    card = view.visualRect(view.model().index(row, 0)).adjusted(2, 2, -2, -2)
    picture = QRect(card.left() + 3, card.top() + 3, card.width() - 6, card.height() - FOOTER - 3)
    return view.viewport().grab().toImage().pixelColor(picture.right() - 8, picture.top() + 8)


def test_dropping_an_image_on_a_card_sets_its_start_image_in_one_undo_step(qtbot, tmp_path):
    window = _window(qtbot, tmp_path)
    project, target = window.project, window.project.shots[1]
    image_file = still(tmp_path / "first frame.png", color=RED)
    before = _inset_colour(window, 1)
    drop = drop_files(window.timeline.viewport(), url_data(image_file), card_centre(window.timeline, 1))
    assert drop.isAccepted()
    qtbot.waitUntil(lambda: target.start_image is not None, timeout=10_000)
    image = target.start_image
    digest = hashlib.sha256(image_file.read_bytes()).hexdigest()
    assert (image.path, image.sha256, image.fit, image.source) == (
        f"images/{digest}.png",
        digest,
        "fill",
        "file",
    )
    assert (project.media_dir / image.path).read_bytes() == image_file.read_bytes()
    assert len(project.shots) == 3  # no new shot: the image went onto the card
    assert [s.start_image for s in project.shots[::2]] == [None, None]
    assert window.undo_stack.count() == 1 and window.undo_stack.undoText() == "Set Start Image"
    # The card shows the image as an inset in its picture's corner.
    qtbot.waitUntil(lambda: window.thumbnails.still(project, image) is not None, timeout=10_000)
    qtbot.waitUntil(lambda: _inset_colour(window, 1).getRgb()[:3] == RED, timeout=5_000)
    assert before.getRgb()[:3] != RED
    window.undo_stack.undo()
    assert target.start_image is None
    window.undo_stack.redo()
    assert target.start_image == image
    window.files.save()
    assert load_project(project.path).shots[1].start_image == image


def test_an_image_dropped_on_a_continuing_shot_replaces_continuing_and_undo_brings_it_back(qtbot, tmp_path):
    window = _window(qtbot, tmp_path)
    target = window.project.shots[2]
    window.project.set_shot_images(target.id, continue_previous=True)
    drop_files(
        window.timeline.viewport(), url_data(still(tmp_path / "a.jpg")), card_centre(window.timeline, 2)
    )
    qtbot.waitUntil(lambda: target.start_image is not None, timeout=10_000)
    assert target.start_image.path.endswith(".jpg") and not target.continue_previous
    window.undo_stack.undo()
    assert target.start_image is None and target.continue_previous


def test_bad_images_get_a_clear_message_change_nothing_and_are_logged(qtbot, tmp_path, caplog):
    dialogs = FakeDialogs()
    window = _window(qtbot, tmp_path, dialogs)
    caplog.set_level(logging.WARNING)
    cases = bad_images()
    for number, (name, (data, phrase)) in enumerate(cases.items()):
        path = tmp_path / f"bad {number}.png"
        path.write_bytes(data)
        drop_files(window.timeline.viewport(), url_data(path), card_centre(window.timeline, number % 3))
        qtbot.waitUntil(lambda n=number: len(dialogs.errors) == n + 1, timeout=10_000)
        message = dialogs.errors[-1]
        assert message.startswith("Image not used: ") and path.name in message, name
        assert phrase.lower() in message.lower(), (name, message)
        assert "Traceback" not in message and 'File "' not in message, name
    assert window.undo_stack.count() == 0 and all(s.start_image is None for s in window.project.shots)
    assert not (window.project.media_dir / "images").exists() or not any(
        (window.project.media_dir / "images").iterdir()
    )
    logged = [r for r in caplog.records if r.getMessage().startswith("Image not used")]
    assert len(logged) == len(cases) and all(r.exc_info is not None for r in logged)  # tracebacks in the log


def test_images_dropped_between_cards_or_several_at_once_are_refused_with_a_message(qtbot, tmp_path):
    dialogs = FakeDialogs()
    window = _window(qtbot, tmp_path, dialogs, count=2)
    view = window.timeline
    view.set_pixels_per_second(8)  # narrow cards: the strip's right end is empty
    a, b = still(tmp_path / "a.png"), still(tmp_path / "b.webp")
    drop_files(view.viewport(), url_data(a), QPoint(view.viewport().width() - 5, 30))
    drop_files(view.viewport(), url_data(a, b), card_centre(view, 0))
    assert "Still images cannot become shots of their own: a.png" in dialogs.errors[0]
    assert "Drop one image on a card" in dialogs.errors[1] and "a.png, b.webp" in dialogs.errors[1]
    assert len(window.project.shots) == 2 and window.undo_stack.count() == 0
    assert all(s.start_image is None for s in window.project.shots)


def test_an_unsaved_film_is_saved_first_then_the_image_is_used(qtbot, tmp_path):
    dialogs = FakeDialogs(save_path=tmp_path / "new film.reel")
    window = _window(qtbot, tmp_path, dialogs, saved=False)
    drop_files(
        window.timeline.viewport(), url_data(still(tmp_path / "a.png")), card_centre(window.timeline, 0)
    )
    assert ("info", "Save the project first") in dialogs.asked
    qtbot.waitUntil(lambda: window.project.shots[0].start_image is not None, timeout=10_000)
    assert window.project.path == tmp_path / "new film.reel"
    assert (tmp_path / "new film.media" / window.project.shots[0].start_image.path).is_file()


def test_an_unsaved_film_whose_save_is_cancelled_keeps_everything_as_it_was(qtbot, tmp_path):
    dialogs = FakeDialogs(save_path=None)
    window = _window(qtbot, tmp_path, dialogs, saved=False)
    drop_files(
        window.timeline.viewport(), url_data(still(tmp_path / "a.png")), card_centre(window.timeline, 0)
    )
    assert window.project.path is None and window.undo_stack.count() == 0 and not dialogs.errors
    assert not window.continuity.tasks.busy()
