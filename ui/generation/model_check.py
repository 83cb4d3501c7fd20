"""Before any job is queued: is the model usable? One clear message instead of N failed jobs."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication

from app.settings.model_settings import load_model_settings
from app.settings.user_settings import UserSettings
from engine.generation.model_source import ModelError, check_model_source
from engine.generation.request import ModelSpec
from ui.widgets.dialogs import Dialogs


def model_ready(
    settings: UserSettings, dialogs: Dialogs, spec: ModelSpec, offer: Callable[[str], None] | None = None
) -> bool:
    """True if spec's model can be used (or generation runs remotely); else say why, once.

    With `offer`, the reason goes to it (the window's model choices) instead of an error box.
    """
    if load_model_settings(settings).backend == "remote":
        return True  # the endpoint holds the model
    try:
        check_model_source(spec)
    except ModelError as exc:
        if offer is not None:
            offer(str(exc))
            return False
        dialogs.error(
            QCoreApplication.translate("ModelCheck", "Cannot generate: the model cannot be used"), str(exc)
        )
        return False
    return True
