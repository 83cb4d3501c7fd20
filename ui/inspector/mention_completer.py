"""Completion of @Name in a prompt box: typing "@" offers the film's cast members; Enter or Tab inserts one."""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import QObject, QStringListModel, Qt
from PySide6.QtGui import QKeyEvent, QTextCursor
from PySide6.QtWidgets import QCompleter, QListView, QPlainTextEdit

from app.project.cast_member import CastMember

# The mention being typed, just before the cursor: "@" not after a word character, then a name so far.
_TYPING = re.compile(r"(?<![\w@])@([\w-]*)$")
_POPUP_KEYS = (Qt.Key.Key_Enter, Qt.Key.Key_Return, Qt.Key.Key_Tab, Qt.Key.Key_Backtab, Qt.Key.Key_Escape)


class PromptEdit(QPlainTextEdit):
    """A prompt box that leaves Enter, Tab and Escape to an open completion popup."""

    popup: QListView | None = None

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # QCompleter hands the popup's keys to the editor's event() after choosing (event filters never
        # see them): taken here too, they would add a new line or a tab after the name.
        if self.popup is not None and self.popup.isVisible() and event.key() in _POPUP_KEYS:
            event.ignore()
            return
        super().keyPressEvent(event)


class MentionCompleter(QObject):
    """A QCompleter over the cast's names, shown while the text before the cursor is an @mention."""

    def __init__(self, editor: PromptEdit, cast: Callable[[], list[CastMember]]) -> None:
        super().__init__(editor)
        self.editor, self.cast = editor, cast
        self.names = QStringListModel(self)
        self.completer = QCompleter(self.names, self)
        self.completer.setWidget(editor)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.completer.activated.connect(self.insert)
        self.popup = QListView()
        self.popup.setObjectName("MentionPopup")
        self.popup.setAccessibleName(self.tr("Cast members"))
        self.completer.setPopup(self.popup)  # owned by the completer from here
        editor.popup = self.popup
        editor.textChanged.connect(self._typed)

    def _prefix(self) -> str | None:
        """The name typed so far after an "@" at the cursor (None: the cursor is not in a mention)."""
        cursor = self.editor.textCursor()
        block = cursor.block().text()[: cursor.positionInBlock()]
        match = _TYPING.search(block)
        return match.group(1) if match else None

    def _typed(self) -> None:
        prefix = self._prefix() if self.editor.hasFocus() else None
        members = self.cast()
        if prefix is None or not members:
            self.popup.hide()
            return
        self.names.setStringList([m.name for m in members])
        self.completer.setCompletionPrefix(prefix)
        if self.completer.completionCount() == 0:
            self.popup.hide()
            return
        popup = self.popup
        popup.setCurrentIndex(self.completer.completionModel().index(0, 0))
        rect = self.editor.cursorRect()
        rect.setWidth(popup.sizeHintForColumn(0) + popup.verticalScrollBar().sizeHint().width() + 8)
        self.completer.complete(rect)

    def insert(self, name: str) -> None:
        """Replace the @mention being typed with @name and a space."""
        prefix = self._prefix()
        if prefix is None:
            return
        cursor = self.editor.textCursor()
        cursor.movePosition(QTextCursor.MoveOperation.Left, QTextCursor.MoveMode.KeepAnchor, len(prefix) + 1)
        cursor.insertText(f"@{name} ")
        self.editor.setTextCursor(cursor)
