"""Collecting every text a person can see in a widget tree, and finding the English left in it."""

from __future__ import annotations

import re

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QDockWidget,
    QDoubleSpinBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QSpinBox,
    QTabWidget,
    QWidget,
)

# Names and units (mm, ms, GB) that stay as they are in a Chinese interface (formats, codecs, model and product names).
ALLOWED = {
    "AAC",
    "Alt",
    "CFG",
    "CPU",
    "CUDA",
    "Ctrl",
    "FFmpeg",
    "GIF",
    "GPU",
    "H.264",
    "HF_TOKEN",
    "Hub",
    "Hugging",
    "Face",
    "ID",
    "LoRA",
    "Lightning",  # the Wan 2.2 Lightning LoRA pair (lightx2v), a name
    "LUT",
    "MOV",
    "MP4",
    "Opus",
    "PNG",
    "ProRes",
    "Shift",
    "Storyreel",
    "VAE",
    "VP9",
    "Wan",
    "WebM",
    "fps",
    "bfloat16",
    "float32",
    "diffusers",
    "hf",
    "auth",
    "login",
    "safetensors",
    "reelstyle",
    "cube",
    "csv",
    "txt",
    "reel",
    "mp4",
    "mov",
    "mkv",
    "webm",
    "avi",
    "m4v",
    "mp3",
    "m4a",
    "wav",
    "flac",
    "ogg",
    "opus",
    "png",
    "log",
    "storyreel",
    "damaged",
    "Diffusers",
    "A14B",
    "T2V",
    "TI2V",
    "5B",
    "x4",
    "cpu",
    "cuda",
    "mps",
    "Esc",
    "JPEG",
    "WebP",
    "I2V",
    "mm",
    "ms",
    "GB",
    "OpenAI",  # a chat API form (Preferences > Writing)
    "URL",
    "md",  # script file suffixes
    "fountain",
    "transformers",  # a library, as diffusers
    # Editors' interchange formats and the product they come from (issue 28's timeline hand-off).
    "OpenTimelineIO",
    "otio",
    "Final",
    "Cut",
    "Pro",
    "EDL",
}
# Key names as QKeySequence writes them in tooltips and the shortcuts list.
KEYS = {"Del", "Ins", "Space", "Tab", "Home", "End", "PgUp", "PgDown", "Backspace", "Return", "Enter", "Meta"}
_KEY = re.compile(r"F\d{1,2}")
_TAGS = re.compile(r"<[^>]+>")
_PATHS = re.compile(r"\S*[/\\]\S*")  # file paths and Hub repo ids are data, not words to translate
_WORDS = re.compile(r"[A-Za-z][A-Za-z0-9_.+-]*[A-Za-z0-9]")


def english_words(text: str) -> list[str]:
    """The Latin words of a text that are not on the allowed list (paths, tags and units removed)."""
    text = _PATHS.sub(" ", _TAGS.sub(" ", text))
    words = []
    for word in _WORDS.findall(text):
        word = word.strip(".")
        parts = [p for p in re.split(r"[.+]", word) if p]
        known = ALLOWED | KEYS
        if word in known or all(p in known or len(p) < 2 or p.isdigit() or _KEY.fullmatch(p) for p in parts):
            continue
        words.append(word)
    return words


def _action_texts(action: QAction, where: str) -> list[tuple[str, str]]:
    found = [(f"{where} action", action.text()), (f"{where} tooltip", action.toolTip())]
    found.append((f"{where} status tip", action.statusTip()))
    menu = action.menu()
    if isinstance(menu, QMenu):
        found += [(f"menu {menu.title()!r}", menu.title())]
        for child in menu.actions():
            found += _action_texts(child, f"menu {menu.title()!r}")
    return found


def _columns(model: QAbstractItemModel) -> int:
    try:
        return model.columnCount(QModelIndex())
    except TypeError:  # a list widget's model keeps columnCount private: it has one
        return 1


def _view_texts(view: QAbstractItemView, where: str) -> list[tuple[str, str]]:
    model = view.model()
    if model is None:
        return []
    found = []
    hidden = getattr(view, "isColumnHidden", lambda column: False)
    for section in range(_columns(model)):
        header = model.headerData(section, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
        if header is not None and not hidden(section):
            found.append((f"{where} header", str(header)))
    for row in range(model.rowCount(QModelIndex())):
        for column in range(_columns(model)):
            index = model.index(row, column)
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                value = index.data(role)
                if isinstance(value, str):
                    found.append((f"{where} row {row}", value))
    return found


def visible_texts(root: QWidget) -> list[tuple[str, str]]:
    """(where, text) for every visible widget's text, title, placeholder, tooltip, items and headers,
    and every action of the tree (menus included)."""
    found: list[tuple[str, str]] = [("window title", root.windowTitle())]
    widgets = [root, *root.findChildren(QWidget)]
    for widget in widgets:
        if widget is not root and not widget.isVisibleTo(root):
            continue
        where = f"{type(widget).__name__} {widget.objectName()!r}".strip()
        found.append((f"{where} tooltip", widget.toolTip()))
        found.append((f"{where} status tip", widget.statusTip()))
        if isinstance(widget, QLabel | QAbstractButton):
            found.append((where, widget.text()))
        if isinstance(widget, QLineEdit | QPlainTextEdit):
            found.append((f"{where} placeholder", widget.placeholderText()))
        if isinstance(widget, QGroupBox):
            found.append((where, widget.title()))
        if isinstance(widget, QDockWidget):
            found.append((where, widget.windowTitle()))
        if isinstance(widget, QComboBox):
            found += [(f"{where} item", widget.itemText(i)) for i in range(widget.count())]
        if isinstance(widget, QTabWidget):
            found += [(f"{where} tab", widget.tabText(i)) for i in range(widget.count())]
        if isinstance(widget, QSpinBox | QDoubleSpinBox):
            found += [(f"{where} special", widget.specialValueText()), (f"{where} suffix", widget.suffix())]
        if isinstance(widget, QAbstractSpinBox) and not isinstance(widget, QSpinBox | QDoubleSpinBox):
            found.append((where, widget.text()))
        if isinstance(widget, QAbstractItemView):
            found += _view_texts(widget, where)
    for action in root.findChildren(QAction):
        found += _action_texts(action, type(action.parent()).__name__)
    return [(where, text) for where, text in found if text]


def left_in_english(root: QWidget) -> list[str]:
    """'where: text [words]' for each visible text with English words left in it."""
    return sorted(
        {
            f"{where}: {text!r} {words}"
            for where, text in visible_texts(root)
            if (words := english_words(text))
        }
    )
