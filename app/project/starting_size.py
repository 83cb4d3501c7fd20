"""A new film's size when the model cannot make big shots quickly: the demo model, or no GPU."""

from __future__ import annotations

from pathlib import Path

from app.project.project_settings import ProjectSettings

# Seconds per shot on a laptop CPU with the demo model, instead of a quarter of an hour of noise.
SMALL_START = {"width": 256, "height": 144, "frames": 17, "steps": 4}


def small_start_reason(model_source: str, local: bool = True) -> str | None:
    """Why a new film for this model should start small: "demo", "no-gpu", or None when it need not."""
    from engine.generation.pipeline_cache import default_device

    if is_demo_model(model_source):
        return "demo"
    if local and default_device() == "cpu":  # imports torch: asked only when a film is made
        return "no-gpu"
    return None


def is_demo_model(model_source: str) -> bool:
    """Whether model_source is the demo model (reads its info file; never imports torch)."""
    from engine.generation.tiny_model import is_tiny_model

    source = model_source.strip()
    return bool(source) and is_tiny_model(Path(source).expanduser())


def start_small(settings: ProjectSettings, keep: frozenset[str] = frozenset()) -> str:
    """Set the small start on settings (except the names in keep); returns the size as words."""
    for name in ("width", "height"):
        if name not in keep:
            setattr(settings, name, SMALL_START[name])
    for name in ("frames", "steps"):
        if name not in keep:
            setattr(settings.defaults, name, SMALL_START[name])
    return (
        f"{settings.width}×{settings.height}, {settings.defaults.frames} frames, "
        f"{settings.defaults.steps} steps"
    )
