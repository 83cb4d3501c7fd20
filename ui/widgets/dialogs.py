"""Every modal question the window asks, in one replaceable object (tests swap in scripted answers)."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from app.project.recovery import Recovery
from app.project.reel_file import PROJECT_SUFFIX
from engine.errors import StoryreelError, hint_of
from ui.i18n.translation import QT_TRANSLATE_NOOP

log = logging.getLogger(__name__)

SAVE, DISCARD, CANCEL = "save", "discard", "cancel"
RESTORE = "restore"
READ_ONLY, OPEN_ANYWAY = "read-only", "open-anyway"  # a film another Storyreel has open
RELOAD, OVERWRITE, SAVE_AS = "reload", "overwrite", "save-as"  # a film changed on disk since it was read

# File dialog filters, translated where a dialog opens (Dialogs' context); {0} is the suffix.
PROJECT_FILTER = QT_TRANSLATE_NOOP("Dialogs", "Storyreel projects (*{0})")
VIDEO_FILTER = QT_TRANSLATE_NOOP("Dialogs", "Videos (*.mp4 *.mov *.mkv *.webm *.avi *.m4v)")
SHOT_LIST_FILTER = QT_TRANSLATE_NOOP("Dialogs", "Shot lists (*.txt *.csv)")
TIMELINE_FILTER = QT_TRANSLATE_NOOP(
    "Dialogs", "OpenTimelineIO (*.otio);;Final Cut Pro X (*.fcpxml);;CMX 3600 EDL (*.edl)"
)
EDITED_TIMELINE_FILTER = QT_TRANSLATE_NOOP("Dialogs", "OpenTimelineIO (*.otio)")


def _tr(text: str) -> str:
    """A string marked in Dialogs' context (a filter, a caption), translated now."""
    return QCoreApplication.translate("Dialogs", text).replace("{0}", PROJECT_SUFFIX)


class Dialogs:
    """Dialogs with a parent window; each returns a plain answer."""

    def __init__(self, parent: QWidget | None = None) -> None:
        self.parent = parent

    def save_changes(self, name: str) -> str:
        """SAVE, DISCARD or CANCEL for a project with unsaved changes."""
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            QCoreApplication.translate("Dialogs", "Unsaved changes"),
            QCoreApplication.translate("Dialogs", "Save the changes to “{0}” before closing?").format(name),
            parent=self.parent,
        )
        box.setInformativeText(
            QCoreApplication.translate("Dialogs", "Your changes will be lost if you don't save them.")
        )
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
        never = QCoreApplication.translate("Dialogs", "a project that was never saved")
        where = str(recovery.project_path) if recovery.project_path else never
        box = QMessageBox(
            QMessageBox.Icon.Question,
            QCoreApplication.translate("Dialogs", "Recover unsaved work"),
            QCoreApplication.translate("Dialogs", "Storyreel found unsaved work on “{0}” from {1}.").format(
                recovery.name, when
            ),
            parent=self.parent,
        )
        box.setInformativeText(
            QCoreApplication.translate(
                "Dialogs", "It belongs to {0}.\nRestore it, or discard it for good?"
            ).format(where)
        )
        restore = box.addButton(
            QCoreApplication.translate("Dialogs", "Restore"), QMessageBox.ButtonRole.AcceptRole
        )
        box.addButton(
            QCoreApplication.translate("Dialogs", "Discard"), QMessageBox.ButtonRole.DestructiveRole
        )
        box.setDefaultButton(restore)
        box.exec()
        return RESTORE if box.clickedButton() is restore else DISCARD

    def open_path(self, start: Path | None, caption: str = "", filter: str = PROJECT_FILTER) -> Path | None:
        caption = caption or QCoreApplication.translate("Dialogs", "Open Project")
        name, _ = QFileDialog.getOpenFileName(self.parent, caption, str(start or Path.home()), _tr(filter))
        return Path(name) if name else None

    def open_paths(self, start: Path | None, caption: str, filter: str) -> list[Path]:
        names, _ = QFileDialog.getOpenFileNames(self.parent, caption, str(start or Path.home()), _tr(filter))
        return [Path(n) for n in names]

    def save_path(self, start: Path | None) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(
            self.parent,
            QCoreApplication.translate("Dialogs", "Save Project As"),
            str(start or Path.home()),
            _tr(PROJECT_FILTER),
        )
        if not name:
            return None
        path = Path(name)
        return path if path.suffix == PROJECT_SUFFIX else path.with_name(path.name + PROJECT_SUFFIX)

    def save_timeline_path(self, start: Path) -> Path | None:
        """Where to write a timeline for an editor (.otio unless .fcpxml or .edl is chosen)."""
        name, chosen = QFileDialog.getSaveFileName(
            self.parent,
            QCoreApplication.translate("Dialogs", "Export Timeline"),
            str(start),
            _tr(TIMELINE_FILTER),
        )
        if not name:
            return None
        path = Path(name)
        if path.suffix.lower() in (".otio", ".fcpxml", ".edl"):
            return path
        suffix = ".fcpxml" if "fcpxml" in chosen else ".edl" if "edl" in chosen else ".otio"
        return path.with_name(path.name + suffix)

    def resume_queue(self, name: str, count: int) -> bool:
        """Whether to queue again the generations a project had pending when it was saved."""
        answer = QMessageBox.question(
            self.parent,
            QCoreApplication.translate("Dialogs", "Resume generations"),
            QCoreApplication.translate(
                "Dialogs", "“{0}” had {1} generation(s) queued when it was saved. Queue them again now?"
            ).format(name, count),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.Yes,
        )
        return answer == QMessageBox.StandardButton.Yes

    def open_backup(self, name: str, reason: str, backup: str) -> bool:
        """Whether to open a damaged project's backup instead (the damaged file is kept aside)."""
        answer = QMessageBox.question(
            self.parent,
            QCoreApplication.translate("Dialogs", "Open the backup?"),
            QCoreApplication.translate(
                "Dialogs",
                "“{0}” cannot be opened: {1}\n\nIts backup “{2}” (the version saved before) "
                "can be. Open the backup? The damaged file is kept as “{0}.damaged”.",
            ).format(name, reason, backup),
            QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Open,
        )
        return answer == QMessageBox.StandardButton.Open

    def film_in_use(self, name: str, holder: str) -> str:
        """READ_ONLY, OPEN_ANYWAY or CANCEL for a film another Storyreel has open."""
        return self._choose(
            QCoreApplication.translate("Dialogs", "Film in use"),
            QCoreApplication.translate(
                "Dialogs",
                "“{0}” is open in another Storyreel: {1}.\n\nOpen it read-only, or open it anyway "
                "(saving here then may overwrite what the other one saves)?",
            ).format(name, holder),
            [
                (READ_ONLY, QCoreApplication.translate("Dialogs", "Open Read-Only")),
                (OPEN_ANYWAY, QCoreApplication.translate("Dialogs", "Open Anyway")),
            ],
        )

    def changed_on_disk(self, name: str) -> str:
        """RELOAD, OVERWRITE, SAVE_AS or CANCEL when the film changed on disk since it was opened."""
        return self._choose(
            QCoreApplication.translate("Dialogs", "Film changed on disk"),
            QCoreApplication.translate(
                "Dialogs",
                "“{0}” was changed on disk since you opened it (another window or program saved it).\n\n"
                "Reload it (your unsaved changes are lost), overwrite it with your version, or save "
                "yours under another name?",
            ).format(name),
            [
                (RELOAD, QCoreApplication.translate("Dialogs", "Reload")),
                (OVERWRITE, QCoreApplication.translate("Dialogs", "Overwrite")),
                (SAVE_AS, QCoreApplication.translate("Dialogs", "Save As…")),
            ],
        )

    def _choose(self, title: str, text: str, choices: list[tuple[str, str]]) -> str:
        """A warning with one button per (answer, label), and Cancel; returns the answer clicked."""
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, parent=self.parent)
        buttons = [
            (box.addButton(label, QMessageBox.ButtonRole.AcceptRole), answer) for answer, label in choices
        ]
        box.setDefaultButton(buttons[0][0])
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        clicked = box.clickedButton()
        return next((answer for button, answer in buttons if button == clicked), CANCEL)

    def confirm(self, title: str, text: str) -> bool:
        """A yes/no warning; No is the default."""
        answer = QMessageBox.warning(
            self.parent,
            title,
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def error(self, title: str, message: str) -> None:
        QMessageBox.critical(self.parent, title, message)

    def info(self, title: str, message: str) -> None:
        QMessageBox.information(self.parent, title, message)


def failure_text(title: str, exc: BaseException) -> str:
    """What an error dialog says about a failed piece of work; logged with its traceback first."""
    if isinstance(exc, StoryreelError):
        log.warning("%s: %s", title, exc, exc_info=exc)
        hint = hint_of(exc)
        return str(exc) + (f"\n\n{hint}" if hint else "")
    log.error("%s: unexpected error", title, exc_info=exc)
    first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
    return QCoreApplication.translate(
        "Dialogs", "An unexpected error stopped it: {error}\n\nThe details are in storyreel.log."
    ).format(error=first)
