"""The inspector with a cast: @ completion in the prompt box, Sends with the prompt sent, keyframes pinned."""

from __future__ import annotations

from drop_support import drop_files, still, url_data
from PySide6.QtCore import QPoint, Qt
from ui_support import FakeDialogs, make_window, paint_card, sample_project

from app.project.cast_member import CastMember
from app.project.reel_file import save_project


def _window(qtbot, tmp_path, dialogs=None):
    project = sample_project(2)
    project.cast = [
        CastMember("Mara", description="a tall woman in a green coat"),
        CastMember("小明", description="a boy in a red scarf"),
        CastMember("Teapot", kind="product"),
    ]
    project.shots[0].prompt = ""
    save_project(project, tmp_path / "film.reel")
    window = make_window(qtbot, project, dialogs or FakeDialogs())
    window.timeline.select_ids([project.shots[0].id])
    return window


def _popup_names(completer):
    model = completer.completer.completionModel()
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def test_typing_at_offers_the_cast_and_enter_inserts_the_name(qtbot, tmp_path):
    window = _window(qtbot, tmp_path)
    prompt, mentions = window.inspector.prompt, window.inspector.mentions
    prompt.setFocus()
    qtbot.waitUntil(prompt.hasFocus)
    qtbot.keyClicks(prompt, "wide shot of @")
    qtbot.waitUntil(mentions.popup.isVisible)
    assert _popup_names(mentions) == ["Mara", "小明", "Teapot"]
    qtbot.keyClicks(prompt, "te")
    assert _popup_names(mentions) == ["Teapot"] and mentions.popup.isVisible()
    qtbot.keyClick(mentions.popup, Qt.Key.Key_Return)  # the popup has the keys while it is open
    assert prompt.toPlainText() == "wide shot of @Teapot "  # no new line after it
    assert not mentions.popup.isVisible()
    assert window.project.shots[0].prompt == "wide shot of @Teapot "


def test_a_chinese_name_completes_and_tab_inserts_it(qtbot, tmp_path):
    window = _window(qtbot, tmp_path)
    prompt, mentions = window.inspector.prompt, window.inspector.mentions
    prompt.setFocus()
    qtbot.waitUntil(prompt.hasFocus)
    prompt.insertPlainText("close-up, @小")  # as an input method commits it
    qtbot.waitUntil(mentions.popup.isVisible)
    assert _popup_names(mentions) == ["小明"]
    qtbot.keyClick(mentions.popup, Qt.Key.Key_Tab)
    assert prompt.toPlainText() == "close-up, @小明 "


def test_no_popup_inside_a_word_after_an_escaped_at_or_for_an_unknown_start(qtbot, tmp_path):
    window = _window(qtbot, tmp_path)
    prompt, mentions = window.inspector.prompt, window.inspector.mentions
    prompt.setFocus()
    qtbot.waitUntil(prompt.hasFocus)
    for text in ("mail me@", "price @@", "@zz"):
        prompt.clear()
        qtbot.keyClicks(prompt, text)
        assert not mentions.popup.isVisible(), text


def test_sends_shows_the_expanded_prompt_and_names_an_unknown_member(qtbot, tmp_path):
    window = _window(qtbot, tmp_path)
    sent = window.inspector.sent
    window.inspector.prompt.setPlainText("@Mara pours tea for @小明 from the @Teapot, email a@@b")
    assert "a tall woman in a green coat pours tea for a boy in a red scarf from the Teapot" in sent.text()
    assert "@Mara" not in sent.text() and "No cast member" not in sent.text()
    window.inspector.prompt.setPlainText("@Mara meets @Ghost")
    assert "No cast member is named @Ghost" in sent.text()
    mara = window.project.cast_member("Mara")
    window.project.update_cast_member(mara.id, description="a woman with silver hair")
    assert "a woman with silver hair meets" in sent.text()  # the inspector follows the cast


def test_keyframes_pinned_by_drop_and_file_then_removed_with_undo(qtbot, tmp_path):
    dialogs = FakeDialogs(open_path=still(tmp_path / "end.png", color=(20, 20, 220)))
    window = _window(qtbot, tmp_path, dialogs)
    box, shot = window.inspector.keyframes, window.project.shots[0]
    assert box.frame.maximum() == window.project.settings.defaults.frames - 1
    box.frame.setValue(0)
    drop_files(box, url_data(still(tmp_path / "start.png")), QPoint(10, 10))
    qtbot.waitUntil(lambda: len(shot.keyframes) == 1, timeout=10_000)
    box.frame.setValue(40)
    box.choose.click()
    qtbot.waitUntil(lambda: len(shot.keyframes) == 2, timeout=10_000)
    assert [k.frame for k in shot.keyframes] == [0, 40] and shot.start_image is None  # not the start image
    assert [k.image.name for k in shot.keyframes] == ["start.png", "end.png"]
    assert [box.strip.item(i).text() for i in range(box.strip.count())] == ["Frame 0", "Frame 40"]
    assert window.undo_stack.undoText() == "Pin Keyframe at Frame 40"
    box.strip.item(0).setSelected(True)
    box.remove.click()
    assert [k.frame for k in shot.keyframes] == [40] and box.strip.count() == 1
    window.undo_stack.undo()
    assert [k.frame for k in shot.keyframes] == [0, 40]
    window.undo_stack.undo()
    assert [k.frame for k in shot.keyframes] == [0]


def test_the_card_paints_its_keyframe_strip(qtbot, tmp_path):
    window = _window(qtbot, tmp_path)
    shot = window.project.shots[0]
    bare = paint_card(window, 0)
    box = window.inspector.keyframes
    box.frame.setValue(0)
    drop_files(box, url_data(still(tmp_path / "blue.png", color=(0, 0, 255))), QPoint(10, 10))
    qtbot.waitUntil(lambda: len(shot.keyframes) == 1, timeout=10_000)
    qtbot.waitUntil(lambda: window.thumbnails.still(window.project, shot.keyframes[0].image) is not None)
    pinned = paint_card(window, 0)
    assert pinned != bare
    from ui.timeline.shot_card_delegate import CARD_HEIGHT, FOOTER

    y = CARD_HEIGHT - FOOTER - 14  # inside the strip, at the first frame's place (the card's left)
    color = pinned.pixelColor(12, y)
    assert color.blue() > 200 and color.red() < 60, color.name()
