"""The user guide shown by the window itself, for a desktop with no handler for Markdown files."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget


class GuideViewer(QDialog):
    """A Markdown file rendered in a QTextBrowser; its links to other pages of docs/ open in place."""

    def __init__(self, page: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("GuideViewer")
        self.setWindowTitle(QCoreApplication.translate("GuideViewer", "Storyreel Documentation"))
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(True)  # web links go to the browser, pages of docs/ stay here
        self.browser.setSearchPaths([str(page.parent)])  # pictures and sibling pages by relative path
        # setSource reads the file itself, as Markdown for .md (QTextDocument.setMarkdown's dialect).
        self.browser.setSource(QUrl.fromLocalFile(str(page)), QTextDocument.ResourceType.MarkdownResource)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        self.resize(900, 700)
