"""File > Open Recent: the recent films as actions by their film names, filled each time the menu opens."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMenu

from app.project.film_summary import load_summaries


def fill_recent_menu(menu: QMenu, paths: list[str], open_path: Callable[[str], object]) -> None:
    """One action per recent film, named as the start page names it, its path as tip; '(none)' when empty."""
    menu.clear()
    menu.setToolTipsVisible(True)
    # The summary cache beside the recent list, never the films themselves: the menu opens at once.
    summaries = load_summaries()
    names = {
        path: (s.name.strip() if (s := summaries.get(path)) else "") or Path(path).name for path in paths
    }
    shared = Counter(names.values())
    for path in paths:
        text = names[path]
        if shared[text] > 1:  # two films of one name are told apart by their files
            text = QCoreApplication.translate("RecentMenu", "{0} ({1})").format(text, Path(path).name)
        action = menu.addAction(text.replace("&", "&&"))  # a film's "&" is not a shortcut mark
        action.setToolTip(path)
        action.setStatusTip(path)
        action.triggered.connect(lambda checked=False, p=path: open_path(p))
    if not paths:
        menu.addAction(QCoreApplication.translate("RecentMenu", "(none)")).setEnabled(False)
