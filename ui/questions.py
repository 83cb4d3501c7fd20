"""Every modal question the window asks, in one replaceable object (tests swap in scripted answers)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from app.project.recovery import Recovery
from app.project.reel_file import PROJECT_SUFFIX

SAVE, DISCARD, CANCEL = "save", "discard", "cancel"
RESTORE = "restore"

PROJECT_FILTER = f"Storyreel projects (*{PROJECT_SUFFIX})"
VIDEO_FILTER = "Videos (*.mp4 *.mov *.mkv *.webm *.avi *.m4v)"
SHOT_LIST_FILTER = "Shot lists (*.txt *.csv)"


class Prompts:
    """Dialogs with a parent window; each returns a plain answer."""

    def __init__(self, parent: QWidget | None = None) -> None:
        self.parent = parent

    def save_changes(self, name: str) -> str:
        """SAVE, DISCARD or CANCEL for a project with unsaved changes."""
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            "Unsaved changes",
            f"Save the changes to “{name}” before closing?",
            parent=self.parent,
        )
        box.setInformativeText("Your changes will be lost if you don't save them.")
        box.setStandardButtons(
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel
        )
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        answer = box.exec()
        return {QMessageBox.StandardButton.Save: SAVE, QMessageBox.StandardButton.Discard: DISCARD}.get(
            QMessageBox.StandardButton(answer), CANCEL
        )

    def recover(self, recovery: Recovery) -> str:
        """RESTORE or DISCARD an autosaved recovery."""
        import datetime

        when = datetime.datetime.fromtimestamp(recovery.written).strftime("%Y-%m-%d %H:%M")
        where = str(recovery.project_path) if recovery.project_path else "a project that was never saved"
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "Recover unsaved work",
            f"Storyreel found unsaved work on “{recovery.name}” from {when}.",
            parent=self.parent,
        )
        box.setInformativeText(f"It belongs to {where}.\nRestore it, or discard it for good?")
        restore = box.addButton("Restore", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("Discard", QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(restore)
        box.exec()
        return RESTORE if box.clickedButton() is restore else DISCARD

    def open_path(
        self, start: Path | None, caption: str = "Open Project", filter: str = PROJECT_FILTER
    ) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(self.parent, caption, str(start or Path.home()), filter)
        return Path(name) if name else None

    def open_paths(self, start: Path | None, caption: str, filter: str) -> list[Path]:
        names, _ = QFileDialog.getOpenFileNames(self.parent, caption, str(start or Path.home()), filter)
        return [Path(n) for n in names]

    def save_path(self, start: Path | None) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(
            self.parent, "Save Project As", str(start or Path.home()), PROJECT_FILTER
        )
        if not name:
            return None
        path = Path(name)
        return path if path.suffix == PROJECT_SUFFIX else path.with_name(path.name + PROJECT_SUFFIX)

    def resume_queue(self, name: str, count: int) -> bool:
        """Whether to queue again the generations a project had pending when it was saved."""
        answer = QMessageBox.question(
            self.parent,
            "Resume generations",
            f"“{name}” had {count} generation(s) queued when it was saved. Queue them again now?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.Yes,
        )
        return answer == QMessageBox.StandardButton.Yes

    def open_backup(self, name: str, reason: str, backup: str) -> bool:
        """Whether to open a damaged project's backup instead (the damaged file is kept aside)."""
        answer = QMessageBox.question(
            self.parent,
            "Open the backup?",
            f"“{name}” cannot be opened: {reason}\n\nIts backup “{backup}” (the version saved before) "
            f"can be. Open the backup? The damaged file is kept as “{name}.damaged”.",
            QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Open,
        )
        return answer == QMessageBox.StandardButton.Open

    def error(self, title: str, message: str) -> None:
        QMessageBox.critical(self.parent, title, message)

    def info(self, title: str, message: str) -> None:
        QMessageBox.information(self.parent, title, message)
