"""File > New From Script… on a real window: a loopback chat server proposes shots, the table is edited,
the ticked rows are added as one undo step; a bad answer, 401 and 429 come as a dialog, the film untouched."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QPushButton
from ui_support import FakeDialogs, make_window, sample_project

from app.project.cast_member import CastMember
from app.settings.writing_settings import WritingSettings, store_writing_settings
from ui.storyboard.proposal_model import CAST, DURATION, PROMPT, TITLE

ANSWER = {
    "shots": [
        {
            "title": "Tea field",
            "prompt": "@Mia walks through a tea field at dawn",
            "duration": 5,
            "camera": "slow dolly",
            "cast": ["Mia"],
            "caption": "Morning",
        },
        {
            "title": "Cup",
            "prompt": "a cup of tea steams",
            "duration": 3,
            "camera": "static",
            "cast": [],
            "caption": "",
        },
        {
            "title": "Logo",
            "prompt": "the Sakura logo",
            "duration": 2,
            "camera": "push in",
            "cast": [],
            "caption": "",
        },
    ]
}


def _window(qtbot, chat_server, answers, fault=None):
    server, url = chat_server(answers, fault)
    project = sample_project(2)
    project.cast = [CastMember("Mia", description="a woman in a green coat")]
    window = make_window(qtbot, project, FakeDialogs())
    store_writing_settings(window.settings, WritingSettings(llm=url, timeout=5))
    return window, server


def _propose(qtbot, window, brief="a 10-second ad for Sakura tea, three scenes"):
    window.storyboard.act_new_from_script.trigger()
    dialog = window.storyboard.proposal_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.brief.setPlainText(brief)
    dialog.propose.click()
    qtbot.waitUntil(lambda: not window.storyboard.task.busy(), timeout=20_000)
    return dialog


def test_accept_ticked_rows_adds_the_edited_shots_as_one_undo_step(qtbot, chat_server):
    window, server = _window(qtbot, chat_server, [json.dumps(ANSWER)])
    dialog = _propose(qtbot, window)
    model = dialog.model
    assert model is not None and model.rowCount() == 3
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    assert model.index(0, DURATION).data() == "5 s (81 frames)"
    assert model.index(0, CAST).data() == "@Mia"
    assert window.project.shots[-1].title == "S1"  # nothing applied yet
    # Edit a prompt (the cast follows its @Names), a duration (frames snap), untick the last row.
    assert model.setData(model.index(1, PROMPT), "@Mia pours a cup of tea")
    assert model.index(1, CAST).data() == "@Mia"
    assert model.setData(model.index(1, DURATION), 1.0)
    assert not model.setData(model.index(1, DURATION), "soon")
    model.setData(model.index(2, TITLE), Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    dialog.accept_chosen.click()
    shots = window.project.shots
    assert [s.title for s in shots] == ["S0", "S1", "Tea field", "Cup"]
    assert shots[3].prompt == "@Mia pours a cup of tea" and shots[3].frames == 17
    assert shots[2].frames == 81
    assert window.undo_stack.undoText() == "Add 2 Shot(s) From Script"
    window.undo_stack.undo()
    assert [s.title for s in window.project.shots] == ["S0", "S1"]
    assert window.storyboard.proposal_dialog is None
    assert server.requests[0]["response_format"]  # structured output was asked for


def test_a_bad_answer_twice_is_one_clear_dialog_and_the_film_is_untouched(qtbot, chat_server):
    window, server = _window(qtbot, chat_server, ["not json", '{"shots": []}'])
    dialog = _propose(qtbot, window)
    assert len(server.requests) == 2  # retried once
    [error] = window.dialogs.errors
    assert "did not answer in the expected form, twice" in error and "Traceback" not in error
    assert dialog.model is None and not dialog.accept_all.isEnabled()
    assert len(window.project.shots) == 2 and window.undo_stack.count() == 0


def test_401_and_429_are_said_in_words_without_the_token(qtbot, chat_server):
    from chat_support import TOKEN

    for fault, words in (("401", "token"), ("429", "wait")):
        window, _ = _window(qtbot, chat_server, ["{}"], fault)
        _propose(qtbot, window)
        [error] = window.dialogs.errors
        assert words in error.lower() and TOKEN not in error
        assert len(window.project.shots) == 2


def test_an_empty_brief_is_refused_before_any_call(qtbot, chat_server):
    window, server = _window(qtbot, chat_server, [json.dumps(ANSWER)])
    _propose(qtbot, window, brief="   ")
    [error] = window.dialogs.errors
    assert "The script is empty." in error and server.requests == []


@pytest.mark.slow
def test_cancel_stops_a_slow_model_and_says_nothing(qtbot, chat_server):
    window, server = _window(qtbot, chat_server, [json.dumps(ANSWER)], "slow")
    window.storyboard.act_new_from_script.trigger()
    dialog = window.storyboard.proposal_dialog
    dialog.brief.setPlainText("a brief")
    dialog.propose.click()
    qtbot.waitUntil(lambda: bool(server.requests), timeout=20_000)
    window.storyboard.enhance([window.project.shots[0].id])  # one model call at a time: said, not queued
    assert window.statusBar().currentMessage() == "Wait for the running task to end, or cancel it."
    window.storyboard.task.dialog.findChild(QPushButton).click()  # the progress dialog's Cancel
    assert not window.storyboard.task.busy()  # the window is free at once
    qtbot.wait(5_500)  # the call ends at its timeout meanwhile: that late answer is dropped
    assert window.dialogs.errors == [] and dialog.model is None


@pytest.mark.slow
def test_a_model_past_its_time_is_one_clear_dialog(qtbot, chat_server):
    window, _ = _window(qtbot, chat_server, [json.dumps(ANSWER)], "slow")
    store_writing_settings(
        window.settings, WritingSettings(llm=window.settings.extra["writing"]["llm"], timeout=1)
    )
    _propose(qtbot, window)
    [error] = window.dialogs.errors
    assert "within 1 s" in error and "Traceback" not in error
    assert len(window.project.shots) == 2 and window.undo_stack.count() == 0
