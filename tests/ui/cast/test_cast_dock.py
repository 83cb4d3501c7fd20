"""The Cast dock on a real window: add, edit, rename and remove members with undo; images dropped on cards."""

from __future__ import annotations

from drop_support import drop_files, still, url_data
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from ui_support import FakeDialogs, make_window, sample_project

from app.project.cast_member import CastMember
from app.project.reel_file import save_project
from ui.editing.cast_commands import EditCastMemberCommand


def _window(qtbot, tmp_path, dialogs=None, cast=()):
    project = sample_project(3)
    project.cast = [CastMember(name, description=f"{name} described") for name in cast]
    project.shots[0].prompt = "@Mara pours tea"
    project.shots[2].prompt = "a close-up of @mara, then @Teapot"
    save_project(project, tmp_path / "film.reel")
    return make_window(qtbot, project, dialogs or FakeDialogs())


def _fill(qtbot, window, name=None, description=None, kind=None):
    """The open Add or Edit dialog, filled in and accepted with OK."""
    dialog = window.cast.dialog
    assert dialog is not None and dialog.isVisible()
    if name is not None:
        dialog.name.clear()
        dialog.name.insert(name)  # as typed (an input method commits Chinese this way), through the validator
    if description is not None:
        dialog.description.setPlainText(description)
    if kind is not None:
        dialog.kind.setCurrentIndex(dialog.kind.findData(kind))
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert ok.isEnabled(), dialog.problem.text()
    ok.click()
    assert window.cast.dialog is None


def _wait(qtbot, window):
    qtbot.waitUntil(lambda: not window.cast.tasks.busy(), timeout=10_000)


def test_add_a_member_through_the_dialog_then_undo_and_redo(qtbot, tmp_path):
    window = _window(qtbot, tmp_path)
    panel = window.cast.panel
    window.cast.dock.raise_()
    assert not panel.cards and not panel.empty.isHidden()
    panel.add.click()
    _fill(qtbot, window, name="小明", description="a boy in a red scarf", kind="character")
    member = window.project.cast_member("小明")
    assert member is not None and member.description == "a boy in a red scarf"
    card = panel.cards[member.id]
    assert card.name.text() == "@小明" and card.kind.text() == "Character"
    assert card.accessibleName() == "Cast member 小明, Character" and panel.empty.isHidden()
    assert window.undo_stack.undoText() == "Add 小明 to the Cast"
    window.undo_stack.undo()
    assert window.project.cast == [] and not panel.cards
    window.undo_stack.redo()
    assert [m.name for m in window.project.cast] == ["小明"] and member.id in panel.cards


def test_a_taken_name_keeps_ok_disabled_with_a_reason(qtbot, tmp_path):
    window = _window(qtbot, tmp_path, cast=["Mara"])
    window.cast.panel.add.click()
    dialog = window.cast.dialog
    qtbot.keyClicks(dialog.name, "MARA")
    assert not dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
    assert "already has a cast member named Mara" in dialog.problem.text()
    qtbot.keyClicks(dialog.name, " two")  # a space is no part of a name: the validator refuses it
    assert dialog.name.text() == "MARAtwo"
    dialog.reject()
    assert len(window.project.cast) == 1 and window.undo_stack.count() == 0


def test_rename_rewrites_every_prompt_that_names_the_member_and_undo_puts_them_back(qtbot, tmp_path):
    window = _window(qtbot, tmp_path, cast=["Mara", "Teapot"])
    shots = window.project.shots
    mara = window.project.cast_member("Mara")
    window.cast.panel.cards[mara.id].edit.click()
    _fill(qtbot, window, name="Lin", description="a woman in a green coat", kind="character")
    assert mara.name == "Lin" and mara.description == "a woman in a green coat"
    assert shots[0].prompt == "@Lin pours tea" and shots[2].prompt == "a close-up of @Lin, then @Teapot"
    assert window.cast.panel.cards[mara.id].name.text() == "@Lin"
    assert window.undo_stack.undoText() == "Rename Mara to Lin" and window.undo_stack.count() == 1
    window.undo_stack.undo()
    assert mara.name == "Mara" and mara.description == "Mara described"
    assert shots[0].prompt == "@Mara pours tea" and shots[2].prompt == "a close-up of @mara, then @Teapot"
    window.undo_stack.redo()
    assert shots[2].prompt == "a close-up of @Lin, then @Teapot"


def test_edit_the_kind_alone_and_remove_a_member_with_undo(qtbot, tmp_path):
    window = _window(qtbot, tmp_path, cast=["Mara", "Teapot"])
    teapot = window.project.cast_member("Teapot")
    panel = window.cast.panel
    panel.cards[teapot.id].edit.click()
    _fill(qtbot, window, kind="product")
    assert teapot.kind == "product" and panel.cards[teapot.id].kind.text() == "Product"
    assert window.undo_stack.undoText() == "Edit Teapot"
    panel.cards[teapot.id].remove.click()
    assert [m.name for m in window.project.cast] == ["Mara"] and teapot.id not in panel.cards
    window.undo_stack.undo()
    assert [m.name for m in window.project.cast] == ["Mara", "Teapot"]  # back in its place
    window.undo_stack.undo()
    assert teapot.kind == "character"


def test_images_dropped_on_a_card_are_imported_into_cast_media_in_one_step(qtbot, tmp_path):
    window = _window(qtbot, tmp_path, cast=["Mara"])
    mara = window.project.cast_member("Mara")
    card = window.cast.panel.cards[mara.id]
    a = still(tmp_path / "front.png", color=(200, 30, 30))
    b = still(tmp_path / "side.jpg", color=(30, 30, 200))
    drop_files(card, url_data(a, b), QPoint(10, 10))
    _wait(qtbot, window)
    assert [image.name for image in mara.images] == ["front.png", "side.jpg"]
    assert all(image.path.startswith("cast/") for image in mara.images)
    assert all((window.project.media_dir / image.path).is_file() for image in mara.images)
    assert window.undo_stack.undoText() == "Add Images to Mara" and window.undo_stack.count() == 1
    card = window.cast.panel.cards[mara.id]
    qtbot.waitUntil(
        lambda: all(label.pixmap() and not label.pixmap().isNull() for label in card.pictures[:2])
    )
    window.undo_stack.undo()
    assert mara.images == []


def test_a_dropped_non_image_shows_a_message_and_changes_nothing(qtbot, tmp_path):
    dialogs = FakeDialogs()
    window = _window(qtbot, tmp_path, dialogs, cast=["Mara"])
    mara = window.project.cast_member("Mara")
    text = tmp_path / "notes.png"
    text.write_text("not a picture at all")
    good = still(tmp_path / "good.png")
    drop_files(window.cast.panel.cards[mara.id], url_data(good, text), QPoint(10, 10))
    _wait(qtbot, window)
    assert mara.images == [] and window.undo_stack.count() == 0  # all or none
    assert len(dialogs.errors) == 1 and dialogs.errors[0].startswith("Images not added: ")
    assert "notes.png" in dialogs.errors[0] and "Traceback" not in dialogs.errors[0]
    assert not window.session.is_dirty()


def test_more_than_four_images_are_refused_before_any_copy(qtbot, tmp_path):
    dialogs = FakeDialogs()
    window = _window(qtbot, tmp_path, dialogs, cast=["Mara"])
    mara = window.project.cast_member("Mara")
    files = [still(tmp_path / f"{n}.png", color=(n * 40, 0, 0)) for n in range(5)]
    drop_files(window.cast.panel.cards[mara.id], url_data(*files), QPoint(10, 10))
    _wait(qtbot, window)
    assert mara.images == [] and "at most 4" in dialogs.errors[0]
    assert not (window.project.media_dir / "cast").exists()


def test_a_member_edit_repaints_every_card_as_its_shots_may_be_outdated(qtbot, tmp_path):
    window = _window(qtbot, tmp_path, cast=["Mara"])
    mara = window.project.cast_member("Mara")
    with qtbot.waitSignal(window.model.dataChanged, timeout=1000) as changed:
        window.undo_stack.push(EditCastMemberCommand(window.project, mara.id, {"description": "taller"}))
    first, last = changed.args[:2]
    assert (first.row(), last.row()) == (0, len(window.project.shots) - 1)


def test_the_dock_is_reachable_from_the_keyboard(qtbot, tmp_path):
    window = _window(qtbot, tmp_path, cast=["Mara"])
    window.cast.dock.raise_()
    panel = window.cast.panel
    card = next(iter(panel.cards.values()))
    window.activateWindow()
    panel.add.setFocus()
    qtbot.waitUntil(panel.add.hasFocus)
    reached = []
    for _ in range(6):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        reached.append(QApplication.focusWidget())
    assert card in reached and card.edit in reached and card.remove in reached
    assert card.accessibleName() == "Cast member Mara, Character"
