"""The main toolbar, Help > Keyboard Shortcuts (read from the actions), Help > Documentation, shortcut tips."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import QApplication, QToolBar, QToolButton
from ui_support import make_window

from app.settings import documentation
from ui.chrome import window_chrome
from ui.chrome.guide_viewer import GuideViewer
from ui.chrome.shortcut_tips import plain_text
from ui.chrome.shortcuts_dialog import ShortcutsDialog, window_shortcuts


def test_the_main_toolbar_has_the_editing_commands_with_icons(qtbot):
    window = make_window(qtbot)
    bar = window.findChild(QToolBar, "MainToolbar")
    actions = [a for a in bar.actions() if not a.isSeparator()]
    assert [a.iconText() for a in actions] == [
        "New", "Open", "Save", "Undo", "Redo", "Generate", "Generate All", "Stop", "Play", "Full Screen", "Export",
    ]  # fmt: skip
    assert all(not a.icon().isNull() for a in actions)
    generate = bar.widgetForAction(window.generation.act_generate)
    assert isinstance(generate, QToolButton) and generate.toolButtonStyle().name == "ToolButtonTextBesideIcon"
    for action in (
        window.act_add,
        window.act_duplicate,
        window.act_delete,
        window.act_save_as,
        window.act_prefs,
    ):
        assert not action.icon().isNull()  # timeline buttons and menus too
    assert window.act_play.icon().name() == "play"  # Pause while the preview plays (test_viewer_keys)


def test_keyboard_shortcuts_lists_every_action_even_one_added_at_runtime(qtbot):
    window = make_window(qtbot)
    late = QAction("Frobnicate the Reel", window)
    late.setShortcut(QKeySequence("Ctrl+Alt+F"))
    window.addAction(late)
    window.chrome.act_shortcuts.trigger()
    dialog = window.findChild(ShortcutsDialog)
    assert dialog is not None and dialog.isVisible()
    rows = set(dialog.rows)
    assert ("Window", "Frobnicate the Reel", "Ctrl+Alt+F") in rows
    assert ("File", "Save", "Ctrl+S") in rows and ("Edit", "Duplicate", "Ctrl+D") in rows
    assert ("Generate", "Generate Selected Shots", "Ctrl+G") in rows
    keys = {keys for _, _, keys in rows}
    assert {"J", "K", "L", "F", "Space", "Ctrl+/"} <= keys
    # Every action of the window with a shortcut is there: the list is read from them.
    listed = {(what, keys) for _, what, keys in rows}
    from ui.chrome.shortcut_tips import shortcut_text

    for action in window.findChildren(QAction):
        if shortcut_text(action):
            assert (plain_text(action.text()), shortcut_text(action)) in listed, action.text()
    dialog.search.setText("ctrl+g")
    assert {what for _, what, _ in dialog.visible_rows()} == {"Generate Selected Shots"}
    dialog.search.setText("<script>")
    assert dialog.visible_rows() == []
    late.setShortcut(QKeySequence("Ctrl+Alt+G"))  # changed later: the next opening says so
    assert ("Window", "Frobnicate the Reel", "Ctrl+Alt+G") in window_shortcuts(window)


def test_tooltips_name_their_shortcut_and_follow_changes(qtbot):
    window = make_window(qtbot)
    generate = window.generation.act_generate
    assert generate.toolTip() == "Queue a new take of each selected shot (Ctrl+G)"
    assert window.act_play.toolTip() == "Play or pause the preview (Space)"  # named once, not twice
    generate.setShortcut(QKeySequence("Ctrl+Alt+G"))
    assert generate.toolTip() == "Queue a new take of each selected shot (Ctrl+Alt+G)"
    window.shots.add_shot()
    assert window.act_undo.toolTip() == "Undo Add Shot (Ctrl+Z)"  # follows the undo text
    bar = window.findChild(QToolBar, "MainToolbar")
    for action in bar.actions():
        if not action.isSeparator() and not action.shortcut().isEmpty():
            assert action.toolTip().endswith(")"), action.toolTip()


def test_documentation_opens_the_user_guide_else_says_why(qtbot, monkeypatch, tmp_path):
    opened: list[QUrl] = []
    monkeypatch.setattr(
        QDesktopServices, "openUrl", staticmethod(lambda url: opened.append(QUrl(url)) or True)
    )
    window = make_window(qtbot)
    window.chrome.act_docs.trigger()
    assert len(opened) == 1 and Path(opened[0].toLocalFile()).name == "user-guide.md"
    assert Path(opened[0].toLocalFile()).is_file()
    # An install without the README and no project URL: a message, no crash, nothing opened.
    monkeypatch.setattr(window_chrome, "documentation_target", lambda: None)
    assert window.chrome.open_documentation() is False
    assert len(opened) == 1 and window.dialogs.errors[-1].startswith("Documentation:")


def test_f1_without_a_desktop_handler_shows_the_guide_in_the_window(qtbot, monkeypatch):
    tried: list[QUrl] = []
    # A desktop with no handler for .md files: QDesktopServices.openUrl says False.
    monkeypatch.setattr(
        QDesktopServices, "openUrl", staticmethod(lambda url: tried.append(QUrl(url)) and False)
    )
    window = make_window(qtbot)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    assert window.chrome.act_docs.shortcut() == QKeySequence(QKeySequence.StandardKey.HelpContents)
    window.timeline.setFocus()
    qtbot.keyClick(window.timeline, Qt.Key.Key_F1)
    assert len(tried) == 1 and Path(tried[0].toLocalFile()).name == "user-guide.md"
    viewer = window.findChild(GuideViewer)
    assert viewer is not None and viewer.isVisible()
    text = viewer.browser.toPlainText()
    assert text.startswith("Storyreel user guide") and "The timeline" in text  # rendered, not raw "# …"
    assert "## " not in text
    assert window.dialogs.errors == []  # never an error box while the guide is there
    # A link to another page of docs/ opens in the same viewer.
    viewer.browser.setSource(QUrl("presets.md"))
    assert "preset" in viewer.browser.toPlainText().lower()
    viewer.close()


class _Metadata:
    def __init__(self, urls):
        self.urls = urls

    def get_all(self, name):
        return self.urls if name == "Project-URL" else None


def test_documentation_target_prefers_local_files_then_the_documentation_url(monkeypatch, tmp_path):
    monkeypatch.setattr(documentation, "RESOURCES", tmp_path / "resources")
    urls = [
        "Homepage, https://example.org/home",
        "Documentation, https://example.org/docs",
        "Bad, javascript:x",
    ]
    monkeypatch.setattr(documentation.metadata, "metadata", lambda name: _Metadata(urls))
    assert documentation.documentation_target() == "https://example.org/docs"
    monkeypatch.setattr(
        documentation.metadata, "metadata", lambda name: _Metadata(["Bad, javascript:alert(1)"])
    )
    assert documentation.documentation_target() is None  # never hands the desktop a script URL
    (tmp_path / "docs").mkdir()
    assert documentation.documentation_target() == tmp_path / "docs"
    (tmp_path / "README.md").write_text("# Storyreel\n")
    assert documentation.documentation_target() == tmp_path / "README.md"
    (tmp_path / "docs" / "user-guide.md").write_text("# Storyreel user guide\n")
    assert documentation.documentation_target() == tmp_path / "docs" / "user-guide.md"


def test_a_tip_its_author_changes_later_still_names_the_shortcut(qtbot):
    from PySide6.QtGui import QAction, QKeySequence

    from ui.chrome.shortcut_tips import name_shortcut_in_tip, shortcut_text

    action = QAction("Generate")
    action.setShortcut(QKeySequence("Ctrl+G"))
    action.setToolTip("Generate the selected shots")
    name_shortcut_in_tip(action)
    keys = shortcut_text(action)
    assert action.toolTip() == f"Generate the selected shots ({keys})"
    action.setToolTip("Select a shot first")  # a reason it is disabled, set after the keys were added
    assert action.toolTip() == f"Select a shot first ({keys})"
    action.setShortcut(QKeySequence("Ctrl+Shift+G"))
    assert action.toolTip() == f"Select a shot first ({shortcut_text(action)})"
