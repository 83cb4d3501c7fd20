"""Wires review into the window: score columns and card scores, the worker's scoring, the safety veil and
status, best-of-N, the report; each part sits in its own module of ui/review."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QMainWindow, QMenu

from app.generation.take_generation import TakePlan
from app.generation.take_queue import TakeQueue
from app.project.project import Project
from app.review.take_scoring import SCORING_BACKENDS, review_plan
from app.settings.review_settings import ReviewSettings, load_review_settings
from app.settings.user_settings import UserSettings
from engine.backends.local import Backend
from engine.backends.review_hook import QueuedReviews
from engine.jobs.job_queue import Job
from ui.editing.project_session import ProjectSession
from ui.generation.generation_actions import GenerationController
from ui.inspector.takes_list import TakesModel
from ui.preview.preview_player import PreviewPlayer
from ui.review.best_of_run import BestOfAction
from ui.review.report_export import ReportExport
from ui.review.safety_veil import SafetyVeil
from ui.timeline.timeline_view import TimelineView
from ui.widgets.dialogs import Dialogs


def insert_after(menu: QMenu, anchor: QAction, action: QAction) -> None:
    """Put action just below anchor in menu (at the end when anchor is not in it)."""
    actions = menu.actions()
    following = actions[actions.index(anchor) + 1] if anchor in actions[:-1] else None
    menu.insertAction(following, action) if following is not None else menu.addAction(action)


def menu_holding(window: QMainWindow, action: QAction) -> QMenu | None:
    """The menu bar's menu that holds action."""
    for item in window.menuBar().actions():
        menu = item.menu()
        if isinstance(menu, QMenu) and action in menu.actions():
            return menu
    return None


class ReviewWiring(QObject):
    """Keeps the window's review parts in step with the film and with Preferences > Review."""

    def __init__(
        self,
        window: QMainWindow,
        session: ProjectSession,
        settings: UserSettings,
        dialogs: Dialogs,
        generation: GenerationController,
        takes: TakesModel,
        timeline: TimelineView,
        preview: PreviewPlayer,
        export_action: QAction,
    ) -> None:
        super().__init__(window)
        self.window, self.session, self.settings = window, session, settings
        self.takes, self.timeline = takes, timeline
        self.veil = SafetyVeil(preview)
        # One for the window's life: a queue's backends keep it when another film is opened.
        self.reviews = QueuedReviews()
        self.best_of = BestOfAction(generation, window)
        self.report = ReportExport(window, session, dialogs, settings)
        self.safety_off = QLabel(self.tr("Safety check off"))
        self.safety_off.setToolTip(self.tr("Takes are not checked for safety (Preferences > Review)"))
        self.safety_off.setStyleSheet("color: #dc2626; font-weight: bold")
        window.statusBar().addPermanentWidget(self.safety_off)
        if (file_menu := menu_holding(window, export_action)) is not None:
            insert_after(file_menu, export_action, self.report.action)
        if (generate_menu := menu_holding(window, generation.act_make_final)) is not None:
            insert_after(generate_menu, generation.act_make_final, self.best_of.action)
        generation.context_actions.append(self.best_of.action)
        generation.prepare_queue = self.prepare_queue
        generation.bridge.jobEvent.connect(self._job_event)
        session.projectChanged.connect(self._project_changed)
        self._subscribed: Project | None = None
        self._project_changed(session.project)
        self.settings_changed()

    @classmethod
    def install(cls, window: Any) -> ReviewWiring:
        """The wiring for the main window (its session, settings, dialogs, queue, takes, timeline, preview)."""
        return cls(
            window,
            window.session,
            window.settings,
            window.dialogs,
            window.generation,
            window.inspector.takes.model,
            window.timeline,
            window.preview,
            window.act_export,
        )

    def review_settings(self) -> ReviewSettings:
        """Preferences > Review as they are now."""
        return load_review_settings(self.settings)

    def prepare_queue(self, backends: list[Backend], take_queue: TakeQueue) -> None:
        """Every worker (local or remote) scores each take it writes, with what was captured when the take was
        queued; the word list refuses prompts before they are queued."""
        for backend in backends:
            if isinstance(backend, SCORING_BACKENDS) and backend.after_take is None:
                backend.after_take = self.reviews
        take_queue.on_queued = self._capture_review
        take_queue.blocked_words = tuple(self.review_settings().blocked_words)

    def _capture_review(self, plan: TakePlan) -> None:
        """On the GUI thread as the take is queued: what it will be scored with (Preferences > Review now)."""
        self.reviews.expect(
            plan.clip, review_plan(self.session.project, plan.request, self.review_settings())
        )

    def _job_event(self, event: str, job: Job) -> None:
        """A job that ended without being scored (failed, cancelled) lets go of its plan; a retry captures anew."""
        if event == "finished":
            self.reviews.expect(job.clip_path, None)

    def settings_changed(self) -> None:
        """Preferences were applied: weights, the word list and the safety status follow."""
        review = self.review_settings()
        self.takes.set_weights(review.weights)
        self.timeline.card_delegate.review_weights = dict(review.weights)
        self.timeline.viewport().update()
        take_queue = self.best_of.generation.take_queue
        if take_queue is not None:
            take_queue.blocked_words = tuple(review.blocked_words)
        self.safety_off.setVisible("safety" not in review.enabled)

    def _project_changed(self, project: Project) -> None:
        self.veil.forget()
        if self._subscribed is not project:
            if self._subscribed is not None:
                self._subscribed.unsubscribe(self._on_event)
            project.subscribe(self._on_event)
            self._subscribed = project

    def _on_event(self, event: str, details: dict) -> None:
        if event == "take_reviewed" and self.takes.rowCount():  # new scores: the list's cells and the cards
            last = self.takes.index(self.takes.rowCount() - 1, self.takes.columnCount() - 1)
            self.takes.dataChanged.emit(self.takes.index(0, 0), last)
            self.timeline.viewport().update()
