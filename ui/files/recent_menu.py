"""File > Open Recent: the recent projects as actions, filled each time the menu opens."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMenu


def fill_recent_menu(menu: QMenu, paths: list[str], open_path: Callable[[str], object]) -> None:
    """One action per recent path (its name shown, the full path as tip); '(none)' when empty."""
    menu.clear()
    for path in paths:
        action = menu.addAction(Path(path).name)
        action.setToolTip(path)
        action.setStatusTip(path)
        action.triggered.connect(lambda checked=False, p=path: open_path(p))
    if not paths:
        menu.addAction(QCoreApplication.translate("RecentMenu", "(none)")).setEnabled(False)
