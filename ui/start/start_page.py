"""StartPage: what the window shows with no film: New, Open, recent films, and the model's state."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QIcon
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

from app.project.project import Project
from app.project.reel_file import ProjectError, load_project
from app.settings.user_settings import UserSettings
from ui.start.model_choices import ModelChoices, model_state
from ui.widgets.thumbnails import ThumbnailCache

log = logging.getLogger(__name__)
PathRole = Qt.ItemDataRole.UserRole


def first_take(project: Project):
    """The first shot's take that has one (the film's face on the start page), or None."""
    return next((shot.active for shot in project.shots if shot.active is not None), None)


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
        self._projects: dict[str, Project] = {}  # recent films read for their thumbnails
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
        choices.changed.connect(self.update_model)
        choices.busy.connect(self._building)

    def refresh(self, project: Project | None = None) -> None:
        """Fill the recent list from the settings and show the model's state."""
        self.recent.clear()
        self._projects.clear()
        for path in self.settings.recent_files:
            item = QListWidgetItem(Path(path).stem)
            item.setData(PathRole, path)
            item.setToolTip(path)
            try:
                self._projects[path] = film = load_project(Path(path))
                item.setText(film.settings.name.strip() or Path(path).stem)  # the film's own name
            except (ProjectError, OSError) as exc:
                item.setText(self.tr("{0} (cannot be opened)").format(Path(path).stem))
                log.info("recent film %s not read: %s", path, exc)
            self.recent.addItem(item)
        self._refresh_icons()
        self.update_model(project)

    def _activated(self, item: QListWidgetItem) -> None:
        # A platform that activates on a single click sends both signals: open once.
        if not self.style().styleHint(QStyle.StyleHint.SH_ItemView_ActivateItemOnSingleClick):
            self.recentRequested.emit(item.data(PathRole))

    def _refresh_icons(self) -> None:
        for row in range(self.recent.count()):
            item = self.recent.item(row)
            project = self._projects.get(item.data(PathRole))
            pixmap = self.thumbnails.get(project, first_take(project)) if project else None
            if pixmap is not None:
                item.setIcon(QIcon(pixmap))

    def update_model(self, project: Project | None = None) -> None:
        """Say which model is in use; offer the three choices when it is not usable here."""
        ok, text = model_state(self.settings, project)
        self.model_label.setText(text)
        self.choice_row.setVisible(not ok)

    def _building(self, busy: bool) -> None:
        self.demo_button.setEnabled(not busy)
        if busy:
            self.model_label.setText(self.tr("Building the demo model…"))
