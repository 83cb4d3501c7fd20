"""The chrome a window has before its parts: icons on the frame's actions and the toolbar's frame groups."""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QToolBar

from ui.chrome.main_toolbar import add_main_toolbar
from ui.widgets.icons import icon


class FrameHost(Protocol):
    """The frame's actions: files, edits, shots, zoom, export and About."""

    act_new: QAction
    act_open: QAction
    act_save: QAction
    act_save_as: QAction
    act_close: QAction
    act_quit: QAction
    act_import_list: QAction
    act_import_videos: QAction
    act_settings: QAction
    act_export: QAction
    act_undo: QAction
    act_redo: QAction
    act_add: QAction
    act_duplicate: QAction
    act_delete: QAction
    act_prefs: QAction
    act_zoom_in: QAction
    act_zoom_out: QAction
    act_zoom_fit: QAction
    act_about: QAction


def frame_chrome(window: QMainWindow, host: FrameHost) -> QToolBar:
    """Icons on the frame's actions, and the toolbar with New, Open, Save · Undo, Redo · Export, so it has
    its height before the parts' groups join it (WindowChrome)."""
    w = host
    for action, name in (
        (w.act_new, "new"),
        (w.act_open, "open"),
        (w.act_save, "save"),
        (w.act_save_as, "save_as"),
        (w.act_close, "close"),
        (w.act_quit, "quit"),
        (w.act_import_list, "import_list"),
        (w.act_import_videos, "import_videos"),
        (w.act_settings, "project_settings"),
        (w.act_export, "export"),
        (w.act_undo, "undo"),
        (w.act_redo, "redo"),
        (w.act_add, "add"),
        (w.act_duplicate, "duplicate"),
        (w.act_delete, "delete"),
        (w.act_prefs, "preferences"),
        (w.act_zoom_in, "zoom_in"),
        (w.act_zoom_out, "zoom_out"),
        (w.act_zoom_fit, "zoom_fit"),
        (w.act_about, "about"),
    ):
        action.setIcon(icon(name))
    return add_main_toolbar(
        window,
        [
            [
                (w.act_new, QCoreApplication.translate("WindowChrome", "New")),
                (w.act_open, QCoreApplication.translate("WindowChrome", "Open")),
                (w.act_save, QCoreApplication.translate("WindowChrome", "Save")),
            ],
            [
                (w.act_undo, QCoreApplication.translate("WindowChrome", "Undo")),
                (w.act_redo, QCoreApplication.translate("WindowChrome", "Redo")),
            ],
            [(w.act_export, QCoreApplication.translate("WindowChrome", "Export"))],
        ],
        with_text=[w.act_export],
    )
