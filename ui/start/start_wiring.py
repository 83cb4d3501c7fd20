"""Puts the start page and the model line into a main window (kept out of main_window.py)."""

from __future__ import annotations

import logging
from typing import cast

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QMainWindow, QStackedWidget

from app.project.project import Project
from app.settings.user_settings import UserSettings
from ui.files.file_actions import FileActions
from ui.generation.generation_actions import GenerationController
from ui.start.model_choice_dialog import ModelChoiceDialog
from ui.start.model_choices import ModelChoices, model_check
from ui.start.start_page import StartPage
from ui.widgets.background import BackgroundWorker
from ui.widgets.dialogs import Dialogs
from ui.widgets.thumbnails import ThumbnailCache

log = logging.getLogger(__name__)


class StartWiring:
    """The start page in front of the editing area while there is no film; the model in the status bar."""

    def __init__(
        self,
        window: QMainWindow,
        settings: UserSettings,
        dialogs: Dialogs,
        thumbnails: ThumbnailCache,
        files: FileActions,
        generation: GenerationController,
        act_close: QAction,
    ) -> None:
        self.window, self.settings, self.files = window, settings, files
        self.session = files.session
        self.thumbnails = thumbnails
        self.choices = ModelChoices(settings, dialogs, window)
        stack = window.centralWidget()
        # The window puts its editing area in a stack first, so the strip is parented (and laid out) once.
        assert isinstance(stack, QStackedWidget), "the window builds its editing area in a stack"
        self.stack = stack
        editor = stack.widget(0)
        assert editor is not None, "the window builds its editing area before the start page"
        self.editor = editor
        self._page: StartPage | None = (
            None  # built when first shown: a window opened on a film never needs it
        )
        self.model_label = QLabel()
        self._model_worker = BackgroundWorker(window)  # the window's first paint waits on no model check
        self._model_line: tuple[bool, str] | None = None
        self.model_label.setObjectName("ModelStatus")
        window.statusBar().addPermanentWidget(self.model_label)
        self.session.projectChanged.connect(lambda project: self.show_editor())
        act_close.triggered.connect(self._after_close)  # runs after the close itself
        self.session.undo_stack.indexChanged.connect(lambda index: self._edited())
        self.choices.changed.connect(self.update_model)
        self.session.projectChanged.connect(lambda project: self.update_model())
        generation.offer_model = self.offer_model
        self.update_model()
        project = self.project
        self.show_start() if project.path is None and not project.shots else self.show_editor()

    @property
    def project(self) -> Project:
        return self.session.project

    @property
    def page(self) -> StartPage:
        """The start page, built on first use."""
        if self._page is None:
            self._page = page = StartPage(self.settings, self.thumbnails, self.choices)
            page.newRequested.connect(self._new)
            page.openRequested.connect(self.files.open)
            page.recentRequested.connect(self.files.open_path)
            self.stack.addWidget(page)
            if self._model_line is not None:
                page.show_model(*self._model_line)
        return self._page

    def showing_start(self) -> bool:
        return self._page is not None and self.stack.currentWidget() is self._page

    def show_start(self) -> None:
        self.page.refresh()
        self.stack.setCurrentWidget(self.page)

    def show_editor(self) -> None:
        self.stack.setCurrentWidget(self.editor)

    def _new(self) -> None:
        if self.files.new():
            self.show_editor()

    def _after_close(self) -> None:
        project = self.project
        if project.path is None and not project.shots and not self.session.is_dirty():
            self.show_start()

    def _edited(self) -> None:
        if self.showing_start() and self.project.shots:
            self.show_editor()  # a shot arrived (a drop, an import): the film is being made

    def update_model(self) -> None:
        """Check the model in use on the worker; the status bar's line and the start page's box follow."""
        self._model_worker.drop_queued()  # only the newest settings matter
        self._model_worker.run(model_check(self.settings, self.project), self._show_model, self._check_failed)

    def shutdown(self) -> None:
        """The window closes: a demo model being built is finished, and a model check ends unanswered."""
        self.choices.wait()
        self._model_worker.shutdown()  # never an import still running as the interpreter exits

    def _show_model(self, answer: object) -> None:
        ok, text = self._model_line = cast(tuple[bool, str], answer)
        self.model_label.setText(text if ok else f"⚠ {text}")
        self.model_label.setToolTip(text)
        if self._page is not None:
            self._page.show_model(ok, text)

    def _check_failed(self, exc: BaseException) -> None:
        log.error("the model check failed", exc_info=exc)  # a bug: model_check turns refusals into lines

    def offer_model(self, reason: str) -> None:
        """Generate found no usable model: say why and offer the three choices."""
        self.dialog = ModelChoiceDialog(reason, self.choices, self.window)
        self.dialog.open()
