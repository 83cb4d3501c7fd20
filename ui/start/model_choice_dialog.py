"""The question Generate asks when the model cannot be used: a folder, a download, or the demo model."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget

from ui.start.model_choices import ModelChoices


class ModelChoiceDialog(QMessageBox):
    """Says why the model cannot be used and offers the three ways to one; opened window-modal."""

    def __init__(self, reason: str, choices: ModelChoices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ModelChoiceDialog")
        self.setIcon(QMessageBox.Icon.Warning)
        self.setWindowTitle(self.tr("Choose a model"))
        self.setText(self.tr("Cannot generate: the model cannot be used."))
        self.setInformativeText(
            self.tr("{0}\n\nChoose a model folder, download one, or try the demo model.").format(reason)
        )
        role = QMessageBox.ButtonRole.ActionRole
        self.folder_button: QPushButton = self.addButton(self.tr("Choose a Folder…"), role)
        self.download_button: QPushButton = self.addButton(self.tr("Download…"), role)
        self.demo_button: QPushButton = self.addButton(self.tr("Use the Demo Model"), role)
        self.addButton(QMessageBox.StandardButton.Cancel)
        # Each choice runs after the box has closed, so a file dialog never opens under it.
        self.folder_button.clicked.connect(lambda: choices.choose_folder())
        self.download_button.clicked.connect(lambda: choices.download())
        self.demo_button.clicked.connect(choices.use_demo)
