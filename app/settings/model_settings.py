"""The user's model settings (backend, model source, device, dtype, memory), kept in settings.json."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields

from app.project.model import Project
from app.settings.user_settings import UserSettings
from engine.generation.pipeline_cache import MEMORY_PROFILES
from engine.generation.request import DEFAULT_MODEL, ModelSpec

SETTINGS_KEY = "model"
BACKENDS = ("local", "remote")
DEVICES = ("", "cuda", "cpu", "mps")  # "": automatic
DTYPES = ("", "bfloat16", "float16", "float32")  # "": automatic for the device


@dataclass
class ModelSettings:
    """How this machine generates; empty strings mean 'automatic' or 'the project's model'."""

    backend: str = "local"
    source: str = ""  # a Hub repo id or a local folder; "": the project's model
    revision: str = ""
    device: str = ""
    dtype: str = ""
    memory_profile: str = "none"
    vae_tiling: bool = False

    @classmethod
    def from_dict(cls, data: object) -> ModelSettings:
        """Read a stored dict, ignoring unknown keys and values of the wrong type."""
        settings = cls()
        if not isinstance(data, dict):
            return settings
        for f in fields(cls):
            value = data.get(f.name)
            if isinstance(value, type(getattr(settings, f.name))):
                setattr(settings, f.name, value)
        if settings.memory_profile not in MEMORY_PROFILES:
            settings.memory_profile = "none"
        if settings.backend not in BACKENDS:
            settings.backend = "local"
        return settings

    def to_dict(self) -> dict:
        """Plain JSON-ready form."""
        return asdict(self)

    def spec_for(self, project: Project | None = None) -> ModelSpec:
        """The ModelSpec to generate with: the one place a ModelSpec is built from someone's choices.

        An empty source means the project's model (Wan 2.2 A14B without a project); a revision given
        without a source pins the project's model at that revision.
        """
        source = self.source.strip()
        own_revision = self.revision.strip() or None
        if source:
            revision = own_revision
        elif project is not None:
            source, revision = project.settings.model, own_revision or project.settings.model_revision
        else:
            source, revision = DEFAULT_MODEL, own_revision
        return ModelSpec(
            source=source,
            revision=revision,
            device=self.device or None,
            dtype=self.dtype or None,
            memory_profile=self.memory_profile,
            vae_tiling=self.vae_tiling,
        )


def precedence_case(model: ModelSettings, film_model: str) -> str:
    """The one rule: "remote" (the endpoint's model), "machine" (this machine's model wins) or "film"."""
    if model.backend == "remote":
        return "remote"
    source = model.source.strip()
    return "machine" if source and source != film_model else "film"


def precedence_note(model: ModelSettings, film_model: str) -> str:
    """Which model this machine generates with, and why: the one rule, said the same in both dialogs."""
    case = precedence_case(model, film_model)
    if case == "remote":
        return "This machine generates on a remote endpoint, which holds its own model."
    source = model.source.strip()
    if case == "machine":
        return (
            f"This machine generates with {source} (Preferences > Model), not the film's model "
            f"{film_model}: the machine's model, when set, comes first on this computer."
        )
    return f"This machine generates with the film's model, {film_model} (Preferences > Model leaves it)."


def project_model(project: Project) -> ModelSpec:
    """The project's own model with every other choice automatic (what a script gets by default)."""
    return ModelSettings().spec_for(project)


def load_model_settings(settings: UserSettings) -> ModelSettings:
    """The model settings held in the user settings (defaults when absent)."""
    return ModelSettings.from_dict(settings.extra.get(SETTINGS_KEY))


def store_model_settings(settings: UserSettings, model: ModelSettings) -> None:
    """Put model settings into the user settings (saved with them)."""
    settings.extra[SETTINGS_KEY] = model.to_dict()
