"""The notice an export ends with: where the film is, with Open and Show in Folder."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QAbstractButton, QMessageBox, QWidget

from ui.widgets.icons import icon

log = logging.getLogger(__name__)


def open_location(path: Path) -> bool:
    """Ask the desktop to open a file or folder with its usual program; False (logged) if it cannot."""
    if QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
        return True
    log.warning("the desktop did not open %s", path)
    return False


class ExportNotice(QMessageBox):
    """Non-modal: the film's name and folder; Open plays it, Show in Folder opens the folder holding it."""

    def __init__(self, output: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.output = output
        self.opened: Path | None = None  # what the last button asked the desktop to open
        self.setIcon(QMessageBox.Icon.Information)
        self.setWindowTitle(self.tr("Export Finished"))
        self.setText(self.tr("The film is ready: {0}").format(output.name))
        self.setInformativeText(self.tr("In {0}").format(str(output.parent)))
        self.open_button = self.addButton(self.tr("Open"), QMessageBox.ButtonRole.ActionRole)
        self.open_button.setIcon(icon("open_file"))
        self.folder_button = self.addButton(self.tr("Show in Folder"), QMessageBox.ButtonRole.ActionRole)
        self.folder_button.setIcon(icon("show_folder"))
        self.close_button = self.addButton(QMessageBox.StandardButton.Close)
        self.setDefaultButton(self.open_button)
        self.setEscapeButton(self.close_button)
        self.buttonClicked.connect(self._clicked)

    def _clicked(self, button: QAbstractButton) -> None:
        # A PNG sequence is a folder: Open shows its frames; Show in Folder the folder it is in.
        if button is self.open_button:
            target = self.output
        elif button is self.folder_button:
            target = self.output.parent
        else:
            return
        self.opened = target
        if not open_location(target):
            QMessageBox.warning(
                self.parentWidget(),
                self.tr("Could Not Open"),
                self.tr("The desktop has no program to open {0}.").format(str(target)),
            )


def show_export_notice(output: Path, parent: QWidget | None = None) -> ExportNotice:
    """Show the notice without blocking the window; it deletes itself when closed."""
    notice = ExportNotice(output, parent)
    notice.setModal(False)
    notice.finished.connect(notice.deleteLater)
    notice.show()
    return notice
