"""What one generation needs, fully resolved, and what it gives back."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

DEFAULT_MODEL = "Wan-AI/Wan2.2-T2V-A14B-Diffusers"


@dataclass(frozen=True)
class ModelSpec:
    """Which model to load, and where: a Hub repo id or a local diffusers folder."""

    source: str = DEFAULT_MODEL
    revision: str | None = None
    device: str | None = None  # None: CUDA when present, else CPU
    dtype: str | None = None  # None: bfloat16 on CUDA, float32 on CPU
    memory_profile: str = "none"  # none, model_offload, group_offload or sequential_offload
    vae_tiling: bool = False  # decode in tiles (less memory for large frames)


@dataclass(frozen=True)
class LoraSpec:
    """A LoRA adapter file, its weight, and which expert(s) it loads into."""

    path: str
    weight: float = 1.0
    expert: str = "both"  # "high-noise", "low-noise" or "both"


@dataclass(frozen=True)
class GenerationRequest:
    """One shot × settings, resolved: nothing left to look up elsewhere."""

    prompt: str
    negative_prompt: str
    seed: int
    num_frames: int
    width: int
    height: int
    fps: int
    num_inference_steps: int
    guidance_scale: float
    guidance_scale_2: float | None
    model: ModelSpec = field(default_factory=ModelSpec)
    loras: tuple[LoraSpec, ...] = ()

    def to_dict(self) -> dict:
        """Plain JSON-ready form."""
        return asdict(self)


@dataclass(frozen=True)
class GenerationResult:
    """Frames of one generation and the settings actually applied (after snapping)."""

    frames: object  # numpy uint8 array (frames, height, width, 3)
    applied: GenerationRequest
    model_revision: str | None
    device: str
    dtype: str
    seconds: float
    notices: tuple[str, ...] = ()
