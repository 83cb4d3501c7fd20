"""A new film in the window: named "Untitled", started small when the model makes big shots slowly."""

from __future__ import annotations

from copy import deepcopy

from PySide6.QtCore import QCoreApplication

from app.project.project import Project
from app.project.project_settings import ProjectSettings
from app.project.starting_size import is_demo_model, small_start_reason, start_small
from app.settings.model_settings import load_model_settings
from app.settings.user_settings import UserSettings
from ui.editing.project_session import ProjectSession, StatusSink
from ui.widgets.background import BackgroundWorker


def is_untitled(name: str) -> bool:
    """Whether a film still has the name a new one gets (in English or the window's language)."""
    return name in ("Untitled", QCoreApplication.translate("NewFilm", "Untitled"))


def new_film(settings: UserSettings) -> tuple[Project, str]:
    """A new untitled film for this machine's model, and the notice to show ("" for none)."""
    project = Project(ProjectSettings(name=QCoreApplication.translate("NewFilm", "Untitled")))
    return project, start_small_notice(project, settings)


def size_first_film(
    session: ProjectSession, settings: UserSettings, worker: BackgroundWorker, status: StatusSink
) -> None:
    """Start the window's first blank film small by File > New's rule, never importing torch on the GUI thread.

    The demo model (or a remote backend) is known at once; whether this machine has a GPU is asked
    on worker, and the answer is applied only to a film still untouched: no undo step, not dirty.
    """
    project = session.project
    model = load_model_settings(settings)
    source = model.spec_for(project).source
    local = model.backend != "remote"
    if is_demo_model(source) or not local:
        status.showMessage(start_small_notice(project, settings))  # decided without asking torch
        return

    def answer(reason: object) -> None:
        untouched = session.project is project and not session.is_dirty() and session.undo_stack.count() == 0
        if untouched and isinstance(reason, str):
            status.showMessage(_start_small(project, reason))

    # A machine that cannot tell keeps the full size: File > New asks again.
    worker.run(lambda: small_start_reason(source, local=True), answer, lambda exc: None)


def start_small_notice(project: Project, settings: UserSettings) -> str:
    """Start project small for the demo model or a machine without a GPU; the notice saying so."""
    model = load_model_settings(settings)
    source = model.spec_for(project).source
    reason = small_start_reason(source, local=model.backend != "remote")
    return "" if reason is None else _start_small(project, reason)


def _start_small(project: Project, reason: str) -> str:
    small = deepcopy(project.settings)
    start_small(small)
    # Through update_settings, not in place: a film already shown has views that follow its size.
    project.update_settings(width=small.width, height=small.height, defaults=small.defaults)
    size = QCoreApplication.translate("NewFilm", "{0}×{1}, {2} frames, {3} steps").format(
        project.settings.width,
        project.settings.height,
        project.settings.defaults.frames,
        project.settings.defaults.steps,
    )
    why = (
        QCoreApplication.translate("NewFilm", "the demo model makes small test clips")
        if reason == "demo"
        else QCoreApplication.translate("NewFilm", "this machine has no GPU")
    )
    return QCoreApplication.translate(
        "NewFilm", "This film starts small ({0}): {1}. Change it in File > Project Settings."
    ).format(size, why)
