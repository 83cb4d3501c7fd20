"""Help > Keyboard Shortcuts: every shortcut of the window, read from its actions (so it cannot go stale)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLineEdit,
    QMainWindow,
    QMenu,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.chrome.shortcut_tips import plain_text, shortcut_text


def _menu_sections(window: QWidget) -> dict[QAction, str]:
    """The menu path of each action in the window's menus ("Edit", "File › Open Recent")."""
    sections: dict[QAction, str] = {}

    def walk(menu: QMenu, path: str) -> None:
        for action in menu.actions():
            if isinstance(sub := action.menu(), QMenu):
                walk(sub, f"{path} › {plain_text(action.text())}")
            elif not action.isSeparator():
                sections.setdefault(action, path)

    if isinstance(window, QMainWindow):
        for top in window.menuBar().actions():
            if isinstance(menu := top.menu(), QMenu):
                walk(menu, plain_text(top.text()))
    return sections


def window_shortcuts(window: QWidget) -> list[tuple[str, str, str]]:
    """(where, what, keys) for every action with a shortcut owned by or added to the window's widgets."""
    actions: list[QAction] = list(window.findChildren(QAction))
    for widget in [window, *window.findChildren(QWidget)]:
        actions.extend(widget.actions())
    sections = _menu_sections(window)
    other = QCoreApplication.translate("ShortcutsDialog", "Window")
    rows: dict[tuple[str, str], str] = {}
    for action in dict.fromkeys(actions):  # each action once, first-seen order
        keys = shortcut_text(action)
        if not keys:
            continue
        where = sections.get(action) or str(action.property("shortcutSection") or "") or other
        rows.setdefault((where, plain_text(action.text()) or action.toolTip()), keys)
    return sorted(((where, what, keys) for (where, what), keys in rows.items()), key=lambda r: (r[0], r[1]))


class ShortcutsDialog(QDialog):
    """A searchable table of the window's shortcuts, built when it opens."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setWindowTitle(self.tr("Keyboard Shortcuts"))
        self.resize(560, 620)
        self.rows = window_shortcuts(window)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Find a command or a key…"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._filter)
        self.table = QTableWidget(len(self.rows), 3)
        self.table.setHorizontalHeaderLabels([self.tr("Menu"), self.tr("Command"), self.tr("Keys")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        for row, values in enumerate(self.rows):
            for column, value in enumerate(values):
                self.table.setItem(row, column, QTableWidgetItem(value))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.table)
        layout.addWidget(buttons)

    def _filter(self, text: str) -> None:
        needle = text.strip().lower()
        for row, values in enumerate(self.rows):
            self.table.setRowHidden(row, bool(needle) and not any(needle in v.lower() for v in values))

    def visible_rows(self) -> list[tuple[str, str, str]]:
        return [values for row, values in enumerate(self.rows) if not self.table.isRowHidden(row)]
