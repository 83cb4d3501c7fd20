"""Puts the start page and the model line into a main window (kept out of main_window.py)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLabel, QStackedWidget

from ui.start.model_choice_dialog import ModelChoiceDialog
from ui.start.model_choices import ModelChoices, model_state
from ui.start.start_page import StartPage


class StartWiring:
    """The start page in front of the editing area while there is no film; the model in the status bar."""

    # Any: naming MainWindow here would close an import loop with the window that builds this.
    def __init__(self, window: Any) -> None:
        self.window = window
        self.choices = ModelChoices(window.settings, window.dialogs, window)
        self.page = StartPage(window.settings, window.thumbnails, self.choices)
        editor = window.takeCentralWidget()
        self.stack = QStackedWidget()
        self.stack.addWidget(self.page)
        self.stack.addWidget(editor)
        window.setCentralWidget(self.stack)
        self.model_label = QLabel()
        self.model_label.setObjectName("ModelStatus")
        window.statusBar().addPermanentWidget(self.model_label)
        self.page.newRequested.connect(self._new)
        self.page.openRequested.connect(window.files.open)
        self.page.recentRequested.connect(window.files.open_path)
        window.session.projectChanged.connect(lambda project: self.show_editor())
        window.act_close.triggered.connect(self._after_close)  # runs after the close itself
        window.undo_stack.indexChanged.connect(lambda index: self._edited())
        self.choices.changed.connect(self.update_model)
        window.session.projectChanged.connect(lambda project: self.update_model())
        window.generation.offer_model = self.offer_model
        self.update_model()
        project = window.project
        self.show_start() if project.path is None and not project.shots else self.show_editor()

    def showing_start(self) -> bool:
        return self.stack.currentWidget() is self.page

    def show_start(self) -> None:
        self.page.refresh(self.window.project)
        self.stack.setCurrentWidget(self.page)

    def show_editor(self) -> None:
        self.stack.setCurrentIndex(1)

    def _new(self) -> None:
        if self.window.files.new():
            self.show_editor()

    def _after_close(self) -> None:
        project = self.window.project
        if project.path is None and not project.shots and not self.window.session.is_dirty():
            self.show_start()

    def _edited(self) -> None:
        if self.showing_start() and self.window.project.shots:
            self.show_editor()  # a shot arrived (a drop, an import): the film is being made

    def update_model(self) -> None:
        """The status bar's model line and the start page's model box, from the settings."""
        ok, text = model_state(self.window.settings, self.window.project)
        self.model_label.setText(text if ok else f"⚠ {text}")
        self.model_label.setToolTip(text)
        self.page.update_model(self.window.project)

    def offer_model(self, reason: str) -> None:
        """Generate found no usable model: say why and offer the three choices."""
        self.dialog = ModelChoiceDialog(reason, self.choices, self.window)
        self.dialog.open()
