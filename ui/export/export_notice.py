"""The notice an export ends with: where the film is, with Open and Show in Folder."""

from __future__ import annotations

import logging
import re
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ui.widgets.icons import icon

log = logging.getLogger(__name__)

_BREAK = "\u200b"  # zero-width space: where a word-wrapping label may break a long name
_BREAK_AFTER = re.compile(r"([/\\_.\-]|[^\s/\\_.\-]{16})(?=\S)")


def breakable(text: str) -> str:
    """text with invisible break chances after path separators and inside long runs, so a label wraps it whole."""
    return _BREAK_AFTER.sub(lambda match: match.group(1) + _BREAK, text)


def open_location(path: Path) -> bool:
    """Ask the desktop to open a file or folder with its usual program; False (logged) if it cannot."""
    if QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
        return True
    log.warning("the desktop did not open %s", path)
    return False


class ExportNotice(QDialog):
    """Non-modal: the film's name and folder; Open plays it, Show in Folder opens the folder holding it."""

    def __init__(self, output: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.output = output
        self.opened: Path | None = None  # what the last button asked the desktop to open
        self.setWindowTitle(self.tr("Export Finished"))
        self.message = QLabel(self.tr("The film is ready: {0}").format(breakable(output.name)))
        self.message.setObjectName("ExportNoticeMessage")
        self.message.setWordWrap(
            True
        )  # a long file name wraps (at its breakable points) instead of being cut
        self.setMinimumWidth(420)
        self.where = QLabel(self.tr("In {0}").format(breakable(str(output.parent))))
        self.where.setWordWrap(True)
        self.where.setEnabled(False)
        self.open_button = QPushButton(icon("open_file"), self.tr("Open"))
        self.open_button.setToolTip(self.tr("Play the film with the desktop's video player"))
        self.folder_button = QPushButton(icon("show_folder"), self.tr("Show in Folder"))
        self.folder_button.setToolTip(self.tr("Open the folder that holds the film"))
        self.close_button = QPushButton(self.tr("Close"))
        self.open_button.setDefault(True)
        # A PNG sequence is a folder: Open shows its frames; Show in Folder the folder it is in.
        self.open_button.clicked.connect(lambda: self._open(self.output))
        self.folder_button.clicked.connect(lambda: self._open(self.output.parent))
        self.close_button.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.open_button, self.folder_button, self.close_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(self.where)
        layout.addLayout(buttons)

    def _open(self, target: Path) -> None:
        self.opened = target
        if open_location(target):
            self.accept()
            return
        # The notice stays, and says so: the film is still there to find by hand.
        self.where.setEnabled(True)
        self.where.setText(
            self.tr("The desktop could not open {0}. The film is in {1}").format(
                breakable(str(target)), breakable(str(self.output.parent))
            )
        )


def show_export_notice(output: Path, parent: QWidget | None = None) -> ExportNotice:
    """Show the notice without blocking the window; it deletes itself when closed."""
    notice = ExportNotice(output, parent)
    notice.setModal(False)
    notice.finished.connect(notice.deleteLater)
    notice.show()
    return notice
