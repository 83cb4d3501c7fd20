"""Redo answers both Ctrl+Shift+Z and Ctrl+Y, each bound once (a key bound twice fires neither)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from ui_support import make_window, sample_project

CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier


def test_redo_keys_are_unique_and_both_redo(qtbot) -> None:
    window = make_window(qtbot, sample_project(2))
    keys = [k.toString() for k in window.act_redo.shortcuts()]
    assert len(keys) == len(set(keys)) and {"Ctrl+Shift+Z", "Ctrl+Y"} <= set(keys)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    project, view = window.project, window.timeline
    window.shots.add_shot()
    for key, modifiers in ((Qt.Key.Key_Z, CTRL | SHIFT), (Qt.Key.Key_Y, CTRL)):
        view.setFocus()
        qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)  # undo
        assert len(project.shots) == 2
        qtbot.keyClick(view, key, modifiers)  # redo, through Qt's shortcut map as typed
        assert len(project.shots) == 3, (key, modifiers)
