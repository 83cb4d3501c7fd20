"""Tooltips that name their shortcut: "Generate (Ctrl+G)", kept true when the shortcut changes."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence

_BASE = "storyreelBaseTip"  # the tooltip as the action's author wrote it, before the keys were added
_SHOWN = "storyreelShownTip"  # the tooltip set here last, to tell the author's later changes from ours


def plain_text(text: str) -> str:
    """A menu text without its mnemonic ("&Open…" → "Open…", "Save && Close" → "Save & Close")."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def shortcut_text(action: QAction) -> str:
    """Every key of the action in the platform's words ("Ctrl+Shift+Z, Ctrl+Y"); "" when it has none."""
    keys = [k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts() if not k.isEmpty()]
    return ", ".join(keys)


def tip_with_shortcut(tip: str, keys: str) -> str:
    """`tip (keys)`, unless it names them already."""
    if not keys or tip.endswith(f"({keys})"):
        return tip
    return QCoreApplication.translate("ShortcutTips", "{0} ({1})").format(tip, keys)


def name_shortcut_in_tip(action: QAction) -> None:
    """Set the action's tooltip to its tip plus its shortcut, now and whenever the action changes."""
    written = action.toolTip()
    # Qt's own tooltip is the text: for actions whose text changes (Undo Add Shot), follow the text.
    action.setProperty(_BASE, "" if written == plain_text(action.text()) else written)

    def update() -> None:
        if not shiboken6.isValid(action):
            return  # a window being torn down: its undo stack still reports to the dying Undo action
        current = action.toolTip()
        if current != action.property(_SHOWN):
            # Its author set a new tip since (one that says why it is disabled): that is the base now.
            action.setProperty(_BASE, "" if current == plain_text(action.text()) else current)
        base = str(action.property(_BASE) or "") or plain_text(action.text())
        tip = tip_with_shortcut(base, shortcut_text(action))
        action.setProperty(_SHOWN, tip)
        if current != tip:
            action.setToolTip(tip)  # emits changed again, which then finds nothing to do

    action.changed.connect(update)
    update()
