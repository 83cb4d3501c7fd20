"""StartPage: what the window shows with no film: New, Open, recent films, and the model's state."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QIcon, QShowEvent
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from app.project.film_summary import FilmSummary, load_summaries, remember, summarize
from app.project.project import Project
from app.project.project_settings import ProjectSettings
from app.project.reel_file import ProjectError, load_project
from app.project.shot import Take
from app.settings.user_settings import UserSettings
from ui.start.model_choices import ModelChoices
from ui.widgets.background import BackgroundWorker
from ui.widgets.thumbnails import ThumbnailCache

log = logging.getLogger(__name__)
PathRole = Qt.ItemDataRole.UserRole


def _read_summary(path: str) -> FilmSummary | None:
    """Runs on the worker: what a recent film with no cached summary shows (None: it cannot be read)."""
    try:
        return summarize(load_project(Path(path)), path)
    except (ProjectError, OSError) as exc:
        log.info("recent film %s not read: %s", path, exc)
    except Exception:  # the start page must come up whatever a recent file holds
        log.exception("recent film %s not read", path)
    return None


def _face(summary: FilmSummary) -> tuple[Project, Take] | None:
    """A stand-in film holding only the first take, for the thumbnail cache."""
    if summary.take_id is None or summary.take_path is None:
        return None
    project = Project(ProjectSettings(name=summary.name))
    project.path = Path(summary.path)
    return project, Take(id=summary.take_id, path=summary.take_path)


class StartPage(QWidget):
    """New film, Open, the recent films with their first take's thumbnail, and the model's state."""

    newRequested = Signal()
    openRequested = Signal()
    recentRequested = Signal(str)  # a recent film's path

    def __init__(
        self, settings: UserSettings, thumbnails: ThumbnailCache, choices: ModelChoices, parent=None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("StartPage")
        self.settings, self.thumbnails, self.choices = settings, thumbnails, choices
        # What each recent film shows (from the cache beside the recent list, never the whole film).
        self._summaries: dict[str, FilmSummary] = {}
        self._worker = BackgroundWorker(self)
        title = QLabel(
            self.tr("<h1>Storyreel</h1>Write a film as a row of shots, generate each with Wan 2.2.")
        )
        self.new_button = QPushButton(self.tr("New Film"))
        self.open_button = QPushButton(self.tr("Open…"))
        self.new_button.clicked.connect(self.newRequested)
        self.open_button.clicked.connect(self.openRequested)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        self.recent = QListWidget()
        self.recent.setObjectName("RecentFilms")
        self.recent.setIconSize(QSize(96, 54))
        # One click opens a film, as on a start page anywhere; Enter (activation) does too.
        self.recent.itemClicked.connect(lambda item: self.recentRequested.emit(item.data(PathRole)))
        self.recent.itemActivated.connect(self._activated)
        self.model_label = QLabel()
        self.model_label.setWordWrap(True)
        self.folder_button = QPushButton(self.tr("Choose a Model Folder…"))
        self.download_button = QPushButton(self.tr("Download from the Hub…"))
        self.demo_button = QPushButton(self.tr("Use a Built-in Demo Model"))
        self.demo_button.setToolTip(
            self.tr("A tiny random-weight model built here: abstract colour noise, every part real")
        )
        self.folder_button.clicked.connect(lambda: choices.choose_folder())
        self.download_button.clicked.connect(lambda: choices.download())
        self.demo_button.clicked.connect(choices.use_demo)
        model_box = QGroupBox(self.tr("Model"))
        model_column = QVBoxLayout(model_box)
        model_column.addWidget(self.model_label)
        self.choice_row = QWidget()
        row = QHBoxLayout(self.choice_row)
        row.setContentsMargins(0, 0, 0, 0)
        for button in (self.folder_button, self.download_button, self.demo_button):
            row.addWidget(button)
        row.addStretch(1)
        model_column.addWidget(self.choice_row)
        column = QVBoxLayout(self)
        column.setContentsMargins(48, 32, 48, 32)
        column.addWidget(title)
        column.addLayout(buttons)
        column.addWidget(QLabel(self.tr("<b>Recent films</b>")))
        column.addWidget(self.recent, 1)
        column.addWidget(model_box)
        thumbnails.updated.connect(lambda take_id: self._refresh_icons())
        choices.busy.connect(self._building)

    def refresh(self) -> None:
        """Fill the recent list from the settings."""
        self.recent.clear()
        cached = load_summaries()
        self._summaries = {}
        for path in self.settings.recent_files:
            item = QListWidgetItem(Path(path).stem)
            item.setData(PathRole, path)
            item.setToolTip(path)
            self.recent.addItem(item)
            if not Path(path).is_file():
                self._summary_read(path, None)
            elif path in cached:
                self._summary_read(path, cached[path], store=False)
            else:
                self._read_later(path)

    def _activated(self, item: QListWidgetItem) -> None:
        # A platform that activates on a single click sends both signals: open once.
        if not self.style().styleHint(QStyle.StyleHint.SH_ItemView_ActivateItemOnSingleClick):
            self.recentRequested.emit(item.data(PathRole))

    def _read_later(self, path: str) -> None:
        """Read a recent film with no cached summary on the worker; its item fills in when it is done."""
        self._worker.run(
            lambda: _read_summary(path),
            lambda summary: self._summary_read(path, summary),
            lambda _exc: self._summary_read(path, None),
        )

    def _summary_read(self, path: str, summary: FilmSummary | None, store: bool = True) -> None:
        item = next((i for i in self._items() if i.data(PathRole) == path), None)
        if item is None:
            return
        if summary is None:
            item.setText(self.tr("{0} (cannot be opened)").format(Path(path).stem))
            return
        self._summaries[path] = summary
        item.setText(summary.name.strip() or Path(path).stem)  # the film's own name
        item.setToolTip(self.tr("{0}\n{1} · {2} shots").format(path, summary.name, summary.shots))
        if store:
            try:
                remember(summary)
            except OSError as exc:  # only a cache: the film shows either way
                log.info("film summary not kept: %s", exc)
        self._refresh_icons()

    def _items(self) -> list[QListWidgetItem]:
        return [self.recent.item(row) for row in range(self.recent.count())]

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        self._refresh_icons()  # thumbnails that arrived while it was hidden

    def _refresh_icons(self) -> None:
        if not self.isVisible():
            return  # hidden behind a film whose takes' thumbnails arrive by the hundred: on show
        for item in self._items():
            summary = self._summaries.get(item.data(PathRole))
            face = _face(summary) if summary is not None else None
            pixmap = self.thumbnails.get(*face) if face is not None else None
            if pixmap is not None:
                item.setIcon(QIcon(pixmap))

    def wait(self) -> None:
        """Let a summary being read finish (tests, shutdown)."""
        self._worker.wait()

    def show_model(self, ok: bool, text: str) -> None:
        """Say which model is in use; offer the three choices when it is not usable here."""
        self.model_label.setText(text)
        self.choice_row.setVisible(not ok)

    def _building(self, busy: bool) -> None:
        self.demo_button.setEnabled(not busy)
        if busy:
            self.model_label.setText(self.tr("Building the demo model…"))
