"""Before any job is queued: is the model usable? One clear message instead of N failed jobs."""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.settings.model_settings import load_model_settings
from engine.generation.model_source import ModelError, check_model_source
from engine.generation.request import ModelSpec

if TYPE_CHECKING:
    from ui.main_window import MainWindow


def model_ready(window: MainWindow, spec: ModelSpec) -> bool:
    """True if spec's model can be used (or generation runs remotely); else say why, once."""
    if load_model_settings(window.settings).backend == "remote":
        return True  # the endpoint holds the model
    try:
        check_model_source(spec)
    except ModelError as exc:
        window.prompts.error("Cannot generate: the model cannot be used", str(exc))
        return False
    return True
