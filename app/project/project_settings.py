"""A film's own settings: output size and rate, models, and the generation defaults shots inherit."""

from __future__ import annotations

from dataclasses import dataclass, field

from engine.generation.request import DEFAULT_MODEL


@dataclass
class GenerationDefaults:
    """Project-wide generation settings that a shot inherits unless it overrides them."""

    frames: int = 81
    steps: int = 40
    guidance_scale: float = 4.0
    guidance_scale_2: float | None = 3.0
    negative_prompt: str = ""


@dataclass
class ProjectSettings:
    """Project-level settings: output size and rate, default model and generation settings."""

    name: str = "Untitled"
    width: int = 1280
    height: int = 720
    fps: int = 16
    model: str = DEFAULT_MODEL
    model_revision: str | None = None
    # The model for shots with a start image; None: the text model, when it can take one (TI2V-5B).
    image_model: str | None = None
    image_model_revision: str | None = None
    # The reference (VACE) model for shots that name cast members or pin keyframes; None: not set.
    vace_model: str | None = None
    vace_model_revision: str | None = None
    defaults: GenerationDefaults = field(default_factory=GenerationDefaults)
    preset: str | None = None  # the project-wide style preset (a key of Project.presets)
    fade_in: float = 0.0  # seconds of fade from black at the start of the film
    fade_out: float = 0.0  # seconds of fade to black at the end of the film
    quality: str = "final"  # the film's default: "draft" (fast 4-step) or "final"
