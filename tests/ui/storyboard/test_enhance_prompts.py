"""Prompt enhancement on a real window: the inspector's Enhance button and Generate > Enhance Prompts of
Selected Shots ask a loopback chat server, the person sees both prompts and picks; one undo step."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from ui_support import FakeDialogs, make_window, sample_project

from app.settings.user_settings import UserSettings
from app.settings.writing_settings import WritingSettings, load_writing_settings, store_writing_settings
from ui.preferences.preferences_dialog import PreferencesDialog
from ui.storyboard.enhance_dialog import ENHANCED, SHOT

RICH = "A red paper lantern sways in the night wind over a wet cobbled lane; slow push-in, warm light."


def _window(qtbot, chat_server, answers):
    server, url = chat_server(answers)
    window = make_window(qtbot, sample_project(3), FakeDialogs())
    store_writing_settings(window.settings, WritingSettings(llm=url, timeout=10))
    return window, server


def _enhanced(qtbot, window):
    qtbot.waitUntil(lambda: window.storyboard.enhance_dialog is not None, timeout=20_000)
    return window.storyboard.enhance_dialog


def test_the_inspector_button_shows_both_prompts_and_the_pick_is_undoable(qtbot, chat_server):
    window, server = _window(qtbot, chat_server, [json.dumps({"prompt": RICH})])
    window.timeline.select_ids([window.project.shots[1].id])
    assert window.inspector.shot_id == window.project.shots[1].id
    window.storyboard.enhance_button.click()
    dialog = _enhanced(qtbot, window)
    assert dialog.table.rowCount() == 1
    assert (
        dialog.table.item(0, 1).text() == "prompt number 1" and dialog.table.item(0, ENHANCED).text() == RICH
    )
    assert window.project.shots[1].prompt == "prompt number 1"  # nothing changes before the pick
    dialog.use.click()
    shot = window.project.shots[1]
    assert shot.prompt == RICH and shot.prompt_original == "prompt number 1"
    assert window.undo_stack.undoText() == "Enhance 1 Prompt(s)"
    window.undo_stack.undo()
    assert (
        window.project.shots[1].prompt == "prompt number 1"
        and window.project.shots[1].prompt_original is None
    )


def test_the_menu_enhances_the_selection_and_only_ticked_rows_are_used(qtbot, chat_server):
    window, server = _window(
        qtbot, chat_server, [json.dumps({"prompt": RICH}), json.dumps({"prompt": "edited later"})]
    )
    shots = window.project.shots
    window.timeline.select_ids([shots[0].id, shots[2].id])
    window.storyboard.act_enhance.trigger()
    dialog = _enhanced(qtbot, window)
    assert dialog.table.rowCount() == 2 and len(server.requests) == 2
    dialog.table.item(0, SHOT).setCheckState(Qt.CheckState.Unchecked)
    dialog.table.item(1, ENHANCED).setText("a hand-tuned prompt")
    dialog.use.click()
    assert shots[0].prompt == "prompt number 0" and shots[2].prompt == "a hand-tuned prompt"
    assert window.undo_stack.count() == 1


def test_cancelling_the_pick_changes_nothing(qtbot, chat_server):
    window, _ = _window(qtbot, chat_server, [json.dumps({"prompt": RICH})])
    window.timeline.select_ids([window.project.shots[0].id])
    window.storyboard.act_enhance.trigger()
    _enhanced(qtbot, window).reject()
    assert window.project.shots[0].prompt == "prompt number 0" and window.undo_stack.count() == 0


def test_preferences_writing_page_stores_the_models_and_never_a_token(qtbot):
    settings = UserSettings()
    dialog = PreferencesDialog(settings)
    qtbot.addWidget(dialog)
    page = dialog.writing_page
    assert not page.llm_model.isEnabled()  # a local model has no model name or timeout
    page.llm.setText("https://router.huggingface.co/v1")
    assert page.llm_model.isEnabled() and "Remote" in page.token_note.text()
    page.llm_model.setText("Qwen/Qwen2.5-72B-Instruct")
    page.vl_llm.setText("")
    page.timeout.setValue(30)
    dialog.apply(settings)
    stored = load_writing_settings(settings)
    assert (
        stored.llm == "https://router.huggingface.co/v1" and stored.llm_model == "Qwen/Qwen2.5-72B-Instruct"
    )
    assert stored.vl_llm == WritingSettings().vl_llm and stored.timeout == 30.0
    assert set(settings.extra["writing"]) == {"llm", "llm_model", "vl_llm", "timeout"}
    assert WritingSettings.from_dict({"llm": 5, "timeout": -1}) == WritingSettings()
