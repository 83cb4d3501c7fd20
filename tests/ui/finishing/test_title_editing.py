"""Editing the title track in the window: add from the menu and the row's menu, select, drag, drag the
edge, arrows, the form, Delete; each edit one undo step, the preview redrawn with it."""

from __future__ import annotations

from export_support import BLUE, RED, project_with_takes
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMenu
from ui_support import WAIT, make_window

from ui.finishing.track_rows import ROW
from ui.i18n.translation import install_translators, remove_translators


def _x(window, seconds: float) -> int:
    return round(window.ruler.x_for_time(seconds))


def _window(qtbot, tmp_path):
    project = project_with_takes(tmp_path, [RED, BLUE], frames=32)  # two shots of 2 s
    window = make_window(qtbot, project)
    window.timeline.set_pixels_per_second(60.0)
    return window


def test_add_drag_resize_nudge_and_delete_a_title(qtbot, tmp_path):
    window = _window(qtbot, tmp_path)
    rows, stack, project = window.track_rows, window.undo_stack, window.project
    window.finishing.act_card.trigger()
    assert [(e.kind, e.start, e.duration) for e in project.titles] == [("card", 0.0, 3.0)]
    assert rows.selected == ("title", 0)
    before = stack.count()
    middle = QPoint(_x(window, 1.0), ROW // 2)
    qtbot.mousePress(rows, Qt.MouseButton.LeftButton, pos=middle)
    qtbot.mouseMove(rows, QPoint(_x(window, 1.5), ROW // 2))
    qtbot.mouseMove(rows, QPoint(_x(window, 2.0), ROW // 2))
    qtbot.mouseRelease(rows, Qt.MouseButton.LeftButton, pos=QPoint(_x(window, 2.0), ROW // 2))
    assert abs(project.titles[0].start - 1.0) < 0.05 and project.titles[0].duration == 3.0
    assert stack.count() == before + 1  # the whole drag is one step
    edge = QPoint(_x(window, project.titles[0].end) - 2, ROW // 2)
    qtbot.mousePress(rows, Qt.MouseButton.LeftButton, pos=edge)
    qtbot.mouseRelease(rows, Qt.MouseButton.LeftButton, pos=QPoint(edge.x() - 60, ROW // 2))
    assert abs(project.titles[0].duration - 2.0) < 0.05 and abs(project.titles[0].start - 1.0) < 0.05
    start = project.titles[0].start
    qtbot.keyClick(rows, Qt.Key.Key_Right)
    assert abs(project.titles[0].start - (start + 0.1)) < 1e-6
    qtbot.keyClick(rows, Qt.Key.Key_Left, Qt.KeyboardModifier.ShiftModifier)
    assert abs(project.titles[0].duration - 1.9) < 0.06
    qtbot.keyClick(rows, Qt.Key.Key_Delete)
    assert project.titles == [] and rows.selected is None
    for _ in range(4):
        stack.undo()
    assert abs(project.titles[0].start - 1.0) < 0.05 and project.titles[0].duration == 3.0
    stack.undo()
    stack.undo()
    assert project.titles == []


def test_the_form_edits_a_title_in_one_step_and_the_preview_shows_it(qtbot, tmp_path):
    window = _window(qtbot, tmp_path)
    rows, project = window.track_rows, window.project
    window.finishing.act_lower.trigger()
    assert project.titles[0].motion == "slide" and project.titles[0].align == "left"
    window.preview.set_mode("film")
    window.preview.seek_time(1.0)
    view = window.preview.view
    qtbot.waitUntil(lambda: view.image is not None)
    shown = view.image.copy()
    before = window.undo_stack.count()
    qtbot.keyClick(rows, Qt.Key.Key_Return)
    form = window.finishing.form
    assert form is not None and form.isVisible()
    form.combos["kind"].setCurrentIndex(form.combos["kind"].findData("end_card"))
    assert form.tagline.isEnabled() and not form.combos["background"].isEnabled()
    form.text.setPlainText("Sakura Tea · 春茶")
    form.tagline.setText("Taste spring")
    form.seconds["duration"].setValue(0.0)
    qtbot.mouseClick(
        form.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
    )
    assert form.isVisible() and "duration" in form.error.text()  # refused, kept open with what was typed
    form.seconds["duration"].setValue(2.5)
    qtbot.mouseClick(
        form.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
    )
    element = project.titles[0]
    assert (element.kind, element.text, element.tagline, element.duration) == (
        "end_card",
        "Sakura Tea · 春茶",
        "Taste spring",
        2.5,
    )
    assert window.undo_stack.count() == before + 1
    qtbot.waitUntil(lambda: view.image is not None and view.image != shown)  # the end card, drawn at once
    window.undo_stack.undo()
    assert project.titles[0].kind == "lower_third"


def test_the_rows_menu_adds_where_it_was_opened(qtbot, tmp_path):
    window = _window(qtbot, tmp_path)
    rows = window.track_rows
    rows.customContextMenuRequested.emit(QPoint(_x(window, 2.5), ROW // 2))
    menu = QApplication.activePopupWidget()
    assert isinstance(menu, QMenu)
    [action] = [a for a in menu.actions() if a.text() == window.finishing.act_end.text()]
    menu.close()
    action.trigger()
    assert window.project.titles[0].kind == "end_card"
    assert abs(window.project.titles[0].start - 2.5) < 0.05


def test_the_title_menu_in_chinese(qtbot, qapp, tmp_path):
    assert install_translators(qapp, "zh_CN") == "zh_CN"
    try:
        window = _window(qtbot, tmp_path)
        finishing = window.finishing
        assert finishing.menu.title() == "标题与声音(&T)"
        finishing.act_card.trigger()
        finishing.edit_title()
        form = finishing.form
        assert form is not None and form.windowTitle() == "标题"
        assert form.combos["kind"].currentText() == "标题卡"
        form.reject()
    finally:
        remove_translators(qapp)


def test_the_keyboard_selects_and_a_moved_title_stays_selected(qtbot, tmp_path):
    window = _window(qtbot, tmp_path)
    rows, project, finishing = window.track_rows, window.project, window.finishing
    finishing.act_card.trigger()
    finishing.act_end.trigger()  # at the film's end: 1 s, lasting 3 s
    rows.select(None)
    rows.setFocus()
    qtbot.keyClick(rows, Qt.Key.Key_Down)
    assert rows.selected == ("title", 0)
    qtbot.keyClick(rows, Qt.Key.Key_Down)
    assert rows.selected == ("title", 1) and project.titles[1].kind == "end_card"
    qtbot.keyClick(rows, Qt.Key.Key_Up)
    card = project.titles[0]
    assert rows.selected == ("title", 0) and card.kind == "card"
    for _ in range(12):  # the card past the end card's start: the track's order changes under it
        qtbot.keyClick(rows, Qt.Key.Key_Right)
    assert [e.kind for e in project.titles] == ["end_card", "card"]
    assert rows.selected == ("title", 1)


def test_a_card_gets_an_image_background_copied_into_the_film(qtbot, tmp_path):
    from image_support import png_file

    window = _window(qtbot, tmp_path)
    finishing, project = window.finishing, window.project
    finishing.act_card.trigger()
    finishing.edit_title()
    form = finishing.form
    form.combos["background"].setCurrentIndex(form.combos["background"].findData("image"))
    assert form.image.isEnabled() and not form.colors["background_color"].isEnabled()
    form.image.setText(str(png_file(tmp_path / "sakura.png")))
    form.accept()
    qtbot.waitUntil(lambda: project.titles[0].background == "image", timeout=WAIT)  # copied on a worker
    relative = project.titles[0].image
    assert relative.startswith("images/") and (project.media_dir / relative).is_file()
    window.undo_stack.undo()
    assert project.titles[0].background == "color"


def test_a_refused_value_is_said_and_nothing_is_pushed(qtbot, tmp_path):
    import dataclasses

    window = _window(qtbot, tmp_path)
    window.finishing.act_card.trigger()
    count, element = window.undo_stack.count(), window.project.titles[0]
    window.track_rows.titleChanged.emit(0, dataclasses.replace(element, duration=0.0))
    window.track_rows.clipMoved.emit("no-such-clip", -5.0)
    assert window.undo_stack.count() == count and window.project.titles == [element]
    assert "duration" in window.dialogs.errors[0] and "starts from 0" in window.dialogs.errors[1]


def test_an_undo_in_the_middle_of_a_drag_ends_it(qtbot, tmp_path):
    window = _window(qtbot, tmp_path)
    rows = window.track_rows
    window.finishing.act_card.trigger()
    count = window.undo_stack.count()
    qtbot.mousePress(rows, Qt.MouseButton.LeftButton, pos=QPoint(_x(window, 1.0), ROW // 2))
    window.undo_stack.undo()  # Ctrl+Z while the button is down: the card is gone
    qtbot.mouseMove(rows, QPoint(_x(window, 2.0), ROW // 2))
    qtbot.mouseRelease(rows, Qt.MouseButton.LeftButton, pos=QPoint(_x(window, 2.0), ROW // 2))
    assert window.project.titles == [] and window.undo_stack.index() == count - 1
