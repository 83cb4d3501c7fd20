"""What one generation needs, fully resolved, and what it gives back."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, NotRequired, TypedDict

DEFAULT_MODEL = "Wan-AI/Wan2.2-T2V-A14B-Diffusers"
DEFAULT_OVERLAP = 4  # frames blended where two segments of a long shot meet


@dataclass(frozen=True)
class DraftLoras:
    """Where Draft's 4-step Lightning LoRA pair comes from, and the scheduler shift its authors give."""

    repo: str = "lightx2v/Wan2.2-Lightning"
    high_noise: str = "Wan2.2-T2V-A14B-4steps-lora-rank64-Seko-V1.1/high_noise_model.safetensors"
    low_noise: str = "Wan2.2-T2V-A14B-4steps-lora-rank64-Seko-V1.1/low_noise_model.safetensors"
    revision: str | None = None
    flow_shift: float = 5.0  # LightX2V's Wan 2.2 4-step configs: sample_shift 5.0, guidance 1
    steps: int = 4


@dataclass(frozen=True)
class ModelSpec:
    """Which model to load, and where: a Hub repo id or a local diffusers folder."""

    source: str = DEFAULT_MODEL
    revision: str | None = None
    device: str | None = None  # None: CUDA when present, else CPU
    dtype: str | None = None  # None: bfloat16 on CUDA, float32 on CPU
    memory_profile: str = "none"  # none, model_offload, group_offload or sequential_offload
    vae_tiling: bool = False  # decode in tiles (less memory for large frames)
    # Load-time speed levers (engine/generation/speed/levers.py), applied to both experts.
    attention_backend: str = "auto"  # auto, native, cudnn, flash, flash3 or sage
    compile: str = "off"  # off, on (regional: compile_repeated_blocks) or auto
    fp8: str = "off"  # off, compute (torchao, Hopper/Ada), storage (layerwise casting) or auto
    draft: DraftLoras = field(default_factory=DraftLoras)
    # This machine's step cache for Final takes, copied into each request (GenerationRequest.step_cache).
    step_cache: str = "none"
    cache_threshold: float = 0.05
    gpus: int = 1  # > 1: one generation split over this many GPUs (speed/context_parallel.py)


@dataclass(frozen=True)
class LoraSpec:
    """A LoRA adapter file, its weight, and which expert(s) it loads into."""

    path: str
    weight: float = 1.0
    expert: str = "both"  # "high-noise", "low-noise" or "both"


@dataclass(frozen=True)
class FrameSource:
    """A frame of a clip on disk, read when the job runs (a continued shot's previous take)."""

    clip: Path
    frame: int | None = None  # None: the last frame


@dataclass(frozen=True)
class ImageConditioning:
    """The stills a generation starts (and ends) from: checked PNG/JPEG/WebP bytes, or a clip's frame."""

    image: bytes | FrameSource
    last_image: bytes | None = None
    fit: str = "fill"  # "fill": scale and centre-crop to the size; "fit": scale and pad with black

    def __repr__(self) -> str:  # the bytes would flood logs and job lists
        image = self.image if isinstance(self.image, FrameSource) else f"<{len(self.image)} bytes>"
        last = None if self.last_image is None else f"<{len(self.last_image)} bytes>"
        return f"ImageConditioning(image={image}, last_image={last}, fit={self.fit!r})"


@dataclass(frozen=True)
class Keyframe:
    """An image pinned at one frame of the shot (0 is the first), given to the reference model as known."""

    frame: int
    image: bytes | FrameSource

    def __repr__(self) -> str:  # the bytes would flood logs and job lists
        image = self.image if isinstance(self.image, FrameSource) else f"<{len(self.image)} bytes>"
        return f"Keyframe(frame={self.frame}, image={image})"


@dataclass(frozen=True)
class ReferenceConditioning:
    """What a shot on the reference (VACE) model is given: subject images and frames pinned in place."""

    reference_images: tuple[
        bytes, ...
    ] = ()  # checked PNG/JPEG/WebP bytes, in the order the prompt names them
    keyframes: tuple[Keyframe, ...] = ()  # sorted by frame, at most one per frame
    fit: str = "fill"  # how keyframes are conformed to the shot's size: "fill" or "fit"

    def __repr__(self) -> str:
        refs = ", ".join(f"<{len(b)} bytes>" for b in self.reference_images)
        return f"ReferenceConditioning(reference_images=[{refs}], keyframes={list(self.keyframes)}, fit={self.fit!r})"


CONTROL_MODES = ("control", "known", "repaint")


@dataclass(frozen=True)
class ControlConditioning:
    """Frames given to the reference (VACE) model as its `video` and `mask`.

    - "control": a control clip's frames (pose, depth, edges or its own), one per shot frame; every
      pixel is made, following them with `strength` (VACE's conditioning_scale). A later segment of a
      long shot is given its slice, and the frames it continues as `context`: kept, in place of the first.
    - "known": frames kept as they are from `offset` on (a take extended, a segment's context); the
      rest of the shot is made. With `extends`, the result is that clip's frames joined to the new ones.
    - "repaint": a take's frames, one per shot frame, and masks white where pixels are made; after
      generation the given frames are put back where the mask is black, so nothing outside drifts.
    """

    mode: str
    frames: tuple[bytes, ...] | Path  # PNG frames, or a folder of frame_00000.png… read when the job runs
    strength: float = 1.0
    masks: tuple[bytes, ...] = ()  # repaint: PNG masks, one for every frame or one per frame
    offset: int = 0  # known: the shot frame the given frames start at
    extends: Path | None = None  # known: the take whose frames the new ones are joined to
    before: bool = False  # known: the new frames come before the take's (its first frames are given)
    context: tuple[bytes, ...] = ()  # control: PNG frames kept as they are at the start (a segment's context)

    def __repr__(self) -> str:  # the bytes would flood logs and job lists
        frames = self.frames if isinstance(self.frames, Path) else f"<{len(self.frames)} frames>"
        return (
            f"ControlConditioning(mode={self.mode!r}, frames={frames}, strength={self.strength}, "
            f"masks=<{len(self.masks)}>, offset={self.offset}, extends={self.extends}, before={self.before}, "
            f"context=<{len(self.context)}>)"
        )


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
    quality: str = "final"  # "draft": the Lightning 4-step pair, no guidance; "final": as set
    step_cache: str = "none"  # Final only: "none" or "first_block" (diffusers FirstBlockCache)
    cache_threshold: float = 0.05  # FirstBlockCache's residual threshold: higher skips more
    images: ImageConditioning | None = None  # None: from text alone
    # Cast references and keyframes: set only for a shot on the reference (VACE) model, named by `model`.
    references: ReferenceConditioning | None = None
    # A control clip's frames, a take to repaint or known frames: set only on the reference (VACE) model.
    control: ControlConditioning | None = None
    # A shot longer than this is made in segments, each from the last frame of the one before;
    # None: the model's native length (81 frames for the A14B models, 121 for TI2V-5B).
    segment_frames: int | None = None
    segment_overlap: int = DEFAULT_OVERLAP
    # Each later segment's colours matched to the frames it re-makes of the one before
    # (engine/conditioning/colour_match.py); off unless asked, so takes made before come out the same.
    colour_match: bool = False
    # Where the request came from, as the caller records it (its images' files, the take it continues,
    # its preset's LoRAs): written into the take's sidecar as it is, so the take can be made again
    # from the sidecar alone. It changes nothing in the generation and never leaves this machine.
    made_from: dict[str, object] = field(default_factory=dict, compare=False, repr=False)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready form (images as their size and fit, not their bytes)."""
        data = asdict(self)
        data["images"] = None if self.images is None else repr(self.images)
        data["references"] = None if self.references is None else repr(self.references)
        data["control"] = None if self.control is None else repr(self.control)
        del data["made_from"]
        return data


class Segments(TypedDict):
    """How a long shot was made: how many segments, each how long, overlapping by how many frames."""

    count: int
    length: int
    overlap: int
    colour_match: NotRequired[list[dict[str, Any]]]  # each join's match, when the request asked for it
    context: NotRequired[int]  # on the reference model: the known frames each later segment continues from


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
    speed: dict[str, Any] = field(default_factory=dict)  # the speed levers really applied (take metadata)
    segments: Segments | None = None  # how a long shot was made
