"""The user's model settings (backend, model source, device, dtype, memory), kept in settings.json."""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, fields, replace
from typing import Any

from app.project.project import Project
from app.settings.user_settings import UserSettings
from engine.generation.demo_model import demo_draft_loras
from engine.generation.pipeline_cache import MEMORY_PROFILES
from engine.generation.request import DEFAULT_MODEL, DraftLoras, ModelSpec
from engine.generation.speed.levers import ATTENTION_CHOICES, COMPILE_CHOICES, FP8_CHOICES
from engine.generation.speed.step_cache import STEP_CACHES

SETTINGS_KEY = "model"
DEPTH_MODEL = "depth-anything/Depth-Anything-V2-Small-hf"
POSE_MODEL = "usyd-community/vitpose-base-simple"
POSE_DETECTOR = "PekingU/rtdetr_r50vd_coco_o365"
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
    # Preferences > Model > Speed (engine/generation/speed/): applied to both experts.
    attention_backend: str = "auto"
    compile: str = "off"
    fp8: str = "off"
    step_cache: str = "none"  # Final takes only
    cache_threshold: float = 0.05
    draft_repo: str = DraftLoras.repo  # a Hub repo id or a local folder holding the pair
    draft_high_noise: str = DraftLoras.high_noise
    draft_low_noise: str = DraftLoras.low_noise
    draft_shift: float = DraftLoras.flow_shift
    # Preferences > Model > Control: the models control clips' depth and pose frames are taken with
    # (Hub repo ids or local folders, loaded through from_pretrained like Wan).
    depth_model: str = DEPTH_MODEL
    depth_revision: str = ""
    pose_model: str = POSE_MODEL
    pose_revision: str = ""
    pose_detector: str = POSE_DETECTOR
    pose_detector_revision: str = ""
    # Preferences > Model > Interpolator: export --motion interpolate's learned model (RIFE IFNet weights in
    # safetensors: a file, folder or Hub repo id); "": optical flow.
    interpolator: str = ""
    interpolator_revision: str = ""

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
        defaults = cls()
        for name, choices in _SPEED_CHOICES.items():
            if getattr(settings, name) not in choices:
                setattr(settings, name, getattr(defaults, name))
        for name, top in (("cache_threshold", 1.0), ("draft_shift", 100.0)):
            value = getattr(settings, name)
            if isinstance(value, bool) or not math.isfinite(value) or not 0 < value <= top:
                setattr(settings, name, getattr(defaults, name))
        return settings

    def to_dict(self) -> dict[str, Any]:
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
            attention_backend=self.attention_backend,
            compile=self.compile,
            fp8=self.fp8,
            draft=self.draft_loras(source),
            step_cache=self.step_cache,
            cache_threshold=self.cache_threshold,
        )

    def draft_loras(self, source: str = "") -> DraftLoras:
        """Where Draft's LoRA pair comes from (empty fields: the Lightning defaults, or the pair the
        demo model carries when source is the demo model: Draft then needs no network)."""
        if self.draft_repo.strip() in ("", DraftLoras.repo) and (carried := demo_draft_loras(source)):
            return replace(carried, flow_shift=self.draft_shift)
        return DraftLoras(
            repo=self.draft_repo.strip() or DraftLoras.repo,
            high_noise=self.draft_high_noise.strip() or DraftLoras.high_noise,
            low_noise=self.draft_low_noise.strip() or DraftLoras.low_noise,
            flow_shift=self.draft_shift,
        )

    def control_models(self, kind: str) -> dict[str, Any]:
        """ControlSettings' model fields for a control kind (empty for edges and video)."""
        if kind == "depth":
            return {"model": self.depth_model.strip(), "model_revision": self.depth_revision.strip() or None}
        if kind == "pose":
            return {
                "model": self.pose_model.strip(),
                "model_revision": self.pose_revision.strip() or None,
                "detector": self.pose_detector.strip(),
                "detector_revision": self.pose_detector_revision.strip() or None,
            }
        return {}


_SPEED_CHOICES = {
    "attention_backend": ATTENTION_CHOICES,
    "compile": COMPILE_CHOICES,
    "fp8": FP8_CHOICES,
    "step_cache": STEP_CACHES,
}


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
