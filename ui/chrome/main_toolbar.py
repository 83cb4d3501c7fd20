"""The main toolbar: New, Open, Save · Undo, Redo · Generate, Generate All, Stop · Play · Export."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QSize, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QToolBar, QToolButton

TOOLBAR_NAME = "MainToolbar"  # saveState keys the toolbar's place by it


Groups = Sequence[Sequence[tuple[QAction, str]]]


def add_main_toolbar(window: QMainWindow, groups: Groups, with_text: Sequence[QAction] = ()) -> QToolBar:
    """A toolbar of groups of (action, short label), separated; `with_text` buttons show their label too."""
    bar = QToolBar(QCoreApplication.translate("MainToolbar", "Main Toolbar"), window)
    bar.setObjectName(TOOLBAR_NAME)
    bar.setIconSize(QSize(20, 20))
    bar.setMovable(False)
    bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
    for number, group in enumerate(groups):
        if number:
            bar.addSeparator()
        _add_group(bar, group, None, with_text)
    window.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
    return bar


def insert_toolbar_groups(
    bar: QToolBar, before: QAction, groups: Groups, with_text: Sequence[QAction] = ()
) -> None:
    """Groups put in front of `before` (which follows a separator), each followed by a separator."""
    for group in groups:
        _add_group(bar, group, before, with_text)
        bar.insertSeparator(before)


def _add_group(
    bar: QToolBar, group: Sequence[tuple[QAction, str]], before: QAction | None, with_text: Sequence[QAction]
) -> None:
    for action, label in group:
        action.setIconText(label)  # the menus keep their longer words
        if before is None:
            bar.addAction(action)
        else:
            bar.insertAction(before, action)
        button = bar.widgetForAction(action)
        if action in with_text and isinstance(button, QToolButton):
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
