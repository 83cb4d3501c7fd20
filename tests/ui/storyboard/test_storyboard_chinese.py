"""In zh_CN the proposal table, the storyboard grid, the enhance dialog and Preferences > Writing show
no English (the proposal's own text is the model's, in Chinese here)."""

from __future__ import annotations

import json

import pytest
from i18n_support import left_in_english
from PySide6.QtWidgets import QApplication
from ui_support import FakeDialogs, make_window

from app.project.cast_member import CastMember
from app.project.project import Project
from app.project.project_settings import ProjectSettings
from app.project.reel_file import save_project
from app.project.shot import Shot
from app.settings.writing_settings import WritingSettings, store_writing_settings
from ui.i18n.translation import install_translators, remove_translators
from ui.preferences.preferences_dialog import PreferencesDialog
from ui.storyboard.proposal_model import CAST, DURATION

ANSWER = {
    "shots": [
        {
            "title": "茶园",
            "prompt": "@小明 清晨走过茶园",
            "duration": 5,
            "camera": "缓慢推进",
            "cast": ["小明"],
            "caption": "早安",
        },
        {
            "title": "茶杯",
            "prompt": "一杯热茶冒着热气",
            "duration": 3,
            "camera": "固定",
            "cast": ["无名"],
            "caption": "",
        },
    ]
}


@pytest.fixture
def chinese(qapp):
    """The window in Simplified Chinese for one test; English again after it."""
    assert install_translators(qapp, "zh_CN") == "zh_CN"
    yield
    remove_translators(qapp)


def _window(qtbot, tmp_path, chat_server):
    _, url = chat_server([json.dumps(ANSWER, ensure_ascii=False)])
    project = Project(ProjectSettings(name="茶"), [Shot(title="开场", prompt="@小明 在窗边倒茶")])
    project.cast = [CastMember("小明", description="一个戴红围巾的男孩")]
    save_project(project, tmp_path / "茶.reel")
    window = make_window(qtbot, project, FakeDialogs())
    store_writing_settings(window.settings, WritingSettings(llm=url, timeout=10))
    return window


def test_the_proposal_table_in_chinese(qtbot, tmp_path, chat_server, chinese):
    window = _window(qtbot, tmp_path, chat_server)
    assert window.storyboard.act_new_from_script.text() == "从剧本新建(&S)…"
    window.storyboard.act_new_from_script.trigger()
    dialog = window.storyboard.proposal_dialog
    dialog.brief.setPlainText("樱花茶 10 秒广告，两个场景")
    dialog.propose.click()
    qtbot.waitUntil(lambda: dialog.model is not None, timeout=20_000)
    model = dialog.model
    assert model.index(0, DURATION).data() == "5 秒（81 帧）"
    assert model.index(1, CAST).data() == "不在主体库中：无名"
    assert dialog.windowTitle() == "从剧本新建" and dialog.accept_all.text() == "全部采用"
    dialog.llm.setText("")  # the URL is the person's, not the window's words
    QApplication.processEvents()
    left = left_in_english(dialog)
    assert not left, "English left in the Chinese proposal table:\n" + "\n".join(left)
    dialog.accept_all.click()
    assert window.undo_stack.undoText() == "从剧本添加 2 个镜头"


def test_the_storyboard_grid_and_writing_preferences_in_chinese(qtbot, tmp_path, chat_server, chinese):
    window = _window(qtbot, tmp_path, chat_server)
    window.storyboard.dock.show()
    QApplication.processEvents()
    assert window.storyboard.dock.windowTitle() == "故事板"
    panel = window.storyboard.panel
    assert panel.sketch.text() == "绘制关键帧草图" and panel.animate.text() == "从关键帧生成动画"
    left = left_in_english(panel)
    assert not left, "English left in the Chinese storyboard grid:\n" + "\n".join(left)
    assert window.storyboard.enhance_button.text() == "扩写"
    prefs = PreferencesDialog(window.settings, window)
    qtbot.addWidget(prefs)
    prefs.tabs.setCurrentWidget(prefs.writing_page)
    for field in (prefs.writing_page.llm, prefs.writing_page.vl_llm):
        field.setText("")  # model names are names, not words to translate
    left = left_in_english(prefs.writing_page)
    assert not left, "English left in the Chinese writing page:\n" + "\n".join(left)
