"""File > Export Review Report…: the HTML report for the client, written in the background, then offered to open."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QProgressDialog, QWidget

from app.film.film_export import project_snapshot
from app.review.review_report import write_report
from app.settings.review_settings import load_review_settings
from app.settings.user_settings import UserSettings
from ui.editing.project_session import ProjectSession
from ui.export.export_notice import open_location
from ui.widgets.background import BackgroundWorker
from ui.widgets.dialogs import Dialogs, failure_text

log = logging.getLogger(__name__)


class ReportExport(QObject):
    """The action, the file choice, the background write and the offer to open the report."""

    def __init__(
        self, window: QWidget, session: ProjectSession, dialogs: Dialogs, settings: UserSettings
    ) -> None:
        super().__init__(window)
        self.window, self.session, self.dialogs, self.settings = window, session, dialogs, settings
        self.tasks = BackgroundWorker(self)
        self.progress: QProgressDialog | None = None
        self.written: Path | None = None  # the last report written (tests, the status bar)
        self.action = QAction(self.tr("Export Review &Report…"), self)
        tip = self.tr("Write an HTML page for the client: every shot's frames, scores and safety verdict")
        self.action.setToolTip(tip)
        self.action.setStatusTip(tip)
        self.action.triggered.connect(lambda checked=False: self.choose())

    def choose(self) -> None:
        """Ask where to write the report, then write it."""
        project = self.session.project
        start = project.path.with_name(project.path.stem + "-review.html") if project.path else Path.home()
        name, _ = QFileDialog.getSaveFileName(
            self.window, self.tr("Export Review Report"), str(start), self.tr("Web pages (*.html)")
        )
        if name:
            self.export(Path(name) if name.endswith((".html", ".htm")) else Path(name + ".html"))

    def export(self, output: Path) -> None:
        """Write the report on a worker thread behind a busy progress dialog."""
        project = self.session.project
        if project.path is None or not project.shots:
            self.dialogs.info(
                self.tr("Nothing to report"),
                self.tr("Save a film with shots first: the report shows its takes."),
            )
            return
        snapshot, review = project_snapshot(project), load_review_settings(self.settings)
        self.progress = QProgressDialog(self.tr("Writing the review report…"), "", 0, 0, self.window)
        self.progress.setCancelButton(None)  # one page of frames: it finishes quickly, nothing half-written
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setMinimumDuration(300)
        self.tasks.run(lambda: write_report(snapshot, output, review), self._done, self._failed)

    def _close_progress(self) -> None:
        if self.progress is not None:
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None

    def _done(self, output: Path) -> None:
        self._close_progress()
        self.written = output
        status = getattr(self.window, "statusBar", None)
        if status is not None:
            status().showMessage(self.tr("Review report written: {0}").format(output), 8000)
        title = self.tr("Review Report Written")
        if self.dialogs.confirm(
            title, self.tr("The report is in {0}.\n\nOpen it in the browser now?").format(output)
        ):
            open_location(output)

    def _failed(self, exc: BaseException) -> None:
        self._close_progress()
        title = self.tr("Review report not written")
        self.dialogs.error(title, failure_text(title, exc))
