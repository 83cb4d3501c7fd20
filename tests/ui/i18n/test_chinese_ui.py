"""In zh_CN nothing a person sees in the window, the inspector, the queue or the export dialog is English."""

from __future__ import annotations

import threading

import pytest
from i18n_support import english_words, left_in_english, visible_texts
from PySide6.QtWidgets import QApplication
from ui_support import tiny_project, tiny_window, write_video

from app.project.take_import import import_take
from ui.i18n.translation import install_translators, remove_translators


@pytest.fixture
def chinese(qapp):
    """The window in Simplified Chinese for one test; English again after it."""
    assert install_translators(qapp, "zh_CN") == "zh_CN"
    yield
    remove_translators(qapp)


@pytest.fixture(autouse=True)
def no_threads_left():
    yield
    left = [t.name for t in threading.enumerate() if t.name.startswith("storyreel-") and t.is_alive()]
    assert not left, f"threads left running: {left}"


def test_the_check_finds_english():
    """The check itself: English words are found; allowed names, units, paths and tags are not."""
    assert english_words("Cancel the selected job") == ["Cancel", "the", "selected", "job"]
    assert english_words("<b>最近的影片</b> MP4 (H.264) · 16 fps · 2.00 s · Ctrl+G") == []
    assert english_words("模型：/tmp/models/tiny-a14b · 设备：cpu · step 3") == ["step"]
    assert english_words("Wan-AI/Wan2.2-T2V-A14B-Diffusers 镜头 3") == []


def test_no_english_left_in_chinese(qtbot, chinese, tiny_a14b, tmp_path):
    project = tiny_project(tmp_path, count=3)
    project.settings.name = "海边的黄昏"
    for number, shot in enumerate(project.shots, 1):
        shot.title, shot.prompt = f"海边 {number}", f"黄昏的海边，一只红色的球在浪里滚动 {number}"
    shot = project.shots[0]
    take = import_take(project.media_dir, write_video(tmp_path / "clip.mp4"))
    shot.takes.append(take)
    shot.active_take = take.id
    project.shots[2].title = ""  # shown as the window's "镜头 3", not app's "Shot 3"
    window = tiny_window(qtbot, tiny_a14b, project)
    window.timeline.select_ids([shot.id])
    controller = window.generation
    controller.toggle_pause()  # the jobs stay queued: rows to read, nothing to wait for
    jobs = controller.generate([s.id for s in project.shots[1:]])
    controller.cancel(jobs[0].id)
    window.statusBar().clearMessage()
    qtbot.waitUntil(lambda: window.generation.dock.model is not None)
    QApplication.processEvents()

    texts = [text for _where, text in visible_texts(window)]
    assert window.menuBar().actions()[0].text() == "文件(&F)"
    assert "检查器" in texts and "队列" in texts
    assert any("镜头 3" in text for text in texts)  # the queue's row of the untitled shot
    assert "已取消" in texts and "排队中" in texts
    assert window.inspector.takes.model.index(0, 0).data().startswith("✓ 镜次 1")
    left = left_in_english(window)
    assert not left, "English left in the Chinese window:\n" + "\n".join(left)

    from ui.export.export_dialog import ExportDialog

    dialog = ExportDialog(project, [shot.id], window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.windowTitle() == "导出影片"
    left = left_in_english(dialog)
    assert not left, "English left in the Chinese export dialog:\n" + "\n".join(left)
    dialog.reject()
    controller.cancel_all()
