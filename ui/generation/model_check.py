"""Before any job is queued: is the model usable? One clear message instead of N failed jobs."""

from __future__ import annotations

from app.settings.model_settings import load_model_settings
from app.settings.user_settings import UserSettings
from engine.generation.model_source import ModelError, check_model_source
from engine.generation.request import ModelSpec
from ui.questions import Prompts


def model_ready(settings: UserSettings, prompts: Prompts, spec: ModelSpec) -> bool:
    """True if spec's model can be used (or generation runs remotely); else say why, once."""
    if load_model_settings(settings).backend == "remote":
        return True  # the endpoint holds the model
    try:
        check_model_source(spec)
    except ModelError as exc:
        prompts.error("Cannot generate: the model cannot be used", str(exc))
        return False
    return True
