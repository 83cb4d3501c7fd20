"""A new film in the window: named "Untitled", started small when the model makes big shots slowly."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.project.project import Project, ProjectSettings
from app.project.starting_size import small_start_reason, start_small
from app.settings.model_settings import load_model_settings
from app.settings.user_settings import UserSettings


def is_untitled(name: str) -> bool:
    """Whether a film still has the name a new one gets (in English or the window's language)."""
    return name in ("Untitled", QCoreApplication.translate("NewFilm", "Untitled"))


def new_film(settings: UserSettings) -> tuple[Project, str]:
    """A new untitled film for this machine's model, and the notice to show ("" for none)."""
    project = Project(ProjectSettings(name=QCoreApplication.translate("NewFilm", "Untitled")))
    return project, start_small_notice(project, settings)


def start_small_notice(project: Project, settings: UserSettings) -> str:
    """Start project small for the demo model or a machine without a GPU; the notice saying so."""
    model = load_model_settings(settings)
    source = model.spec_for(project).source
    reason = small_start_reason(source, local=model.backend != "remote")
    if reason is None:
        return ""
    start_small(project.settings)
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
