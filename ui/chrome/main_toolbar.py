"""The main toolbar: New, Open, Save · Undo, Redo · Generate, Generate All, Stop · Play · Export."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QSize, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QToolBar, QToolButton

TOOLBAR_NAME = "MainToolbar"  # saveState keys the toolbar's place by it


def build_main_toolbar(
    window: QMainWindow, groups: Sequence[Sequence[tuple[QAction, str]]], with_text: Sequence[QAction] = ()
) -> QToolBar:
    """A toolbar of groups of (action, short label), separated; `with_text` buttons show their label too."""
    bar = QToolBar(QCoreApplication.translate("MainToolbar", "Main Toolbar"), window)
    bar.setObjectName(TOOLBAR_NAME)
    bar.setIconSize(QSize(20, 20))
    bar.setMovable(False)
    bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
    for number, group in enumerate(groups):
        if number:
            bar.addSeparator()
        for action, label in group:
            action.setIconText(label)  # the menus keep their longer words
            bar.addAction(action)
            button = bar.widgetForAction(action)
            if action in with_text and isinstance(button, QToolButton):
                button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    window.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
    return bar
