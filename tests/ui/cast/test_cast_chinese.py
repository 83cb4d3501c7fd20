"""In zh_CN the Cast dock, its member dialog and the inspector's keyframes show no English."""

from __future__ import annotations

import pytest
from i18n_support import left_in_english
from PySide6.QtWidgets import QApplication
from ui_support import FakeDialogs, make_window, sample_project

from app.project.cast_member import CastMember
from ui.i18n.translation import install_translators, remove_translators


@pytest.fixture
def chinese(qapp):
    """The window in Simplified Chinese for one test; English again after it."""
    assert install_translators(qapp, "zh_CN") == "zh_CN"
    yield
    remove_translators(qapp)


def test_the_cast_dock_and_member_dialog_in_chinese(qtbot, chinese):
    project = sample_project(1)
    project.settings.name = "灯塔"
    project.shots[0].title, project.shots[0].prompt = "守塔人", "@小明 在窗边倒茶 @无名"
    project.cast = [CastMember("小明", "product", "一个戴红围巾的男孩")]
    window = make_window(qtbot, project, FakeDialogs())
    window.timeline.select_ids([project.shots[0].id])
    window.cast.dock.raise_()
    QApplication.processEvents()
    panel = window.cast.panel
    card = next(iter(panel.cards.values()))
    assert window.cast.dock.windowTitle() == "主体库" and card.kind.text() == "产品"
    assert card.accessibleName() == "主体 小明，产品" and panel.add.text() == "添加主体…"
    assert "没有名为 @无名 的主体" in window.inspector.sent.text()
    left = left_in_english(panel)
    assert not left, "English left in the Chinese Cast dock:\n" + "\n".join(left)
    card.edit.click()
    dialog = window.cast.dialog
    assert dialog is not None and dialog.windowTitle() == "编辑主体"
    left = left_in_english(dialog)
    assert not left, "English left in the Chinese member dialog:\n" + "\n".join(left)
    dialog.reject()
    window.inspector_dock.raise_()
    window.inspector.ensureWidgetVisible(window.inspector.keyframes)
    QApplication.processEvents()
    left = left_in_english(window.inspector.keyframes)
    assert not left, "English left in the Chinese keyframes box:\n" + "\n".join(left)
