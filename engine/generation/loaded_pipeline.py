"""What a loaded Wan pipeline is: its model's facts (ModelInfo) and the pipeline as placed (LoadedPipeline).

The bottom of engine/generation: the loader builds these, and every run takes them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from engine.generation.request import ModelSpec


@dataclass(frozen=True)
class ModelInfo:
    """What generation needs to know about a loaded model's layout, read from its config."""

    # "t2v-a14b" (two experts), "i2v-a14b" (two experts over 36 input channels: noise, mask and the
    # image), "vace-a14b" (two VACE experts: reference images, video and mask), "vace" (a one-expert
    # VACE model, Wan 2.1's), "ti2v-5b" (dense, expand_timesteps) or "wan" (other)
    arch: str
    boundary_ratio: float | None
    expand_timesteps: bool
    size_multiple: int  # width and height must be multiples of this
    temporal_factor: int  # frames must be temporal_factor * k + 1
    default_fps: int
    num_train_timesteps: int
    two_experts: bool

    @property
    def needs_image(self) -> bool:
        """Whether every run needs a start image (an image-to-video-only model)."""
        return self.arch == "i2v-a14b"

    @property
    def takes_image(self) -> bool:
        """Whether the model can start from an image (I2V-A14B, TI2V-5B's image mode, or VACE's keyframes)."""
        return self.arch in ("i2v-a14b", "ti2v-5b") or self.takes_references

    @property
    def takes_references(self) -> bool:
        """Whether the model is a reference (VACE) model: reference images, keyframes, video and mask."""
        return self.arch in ("vace-a14b", "vace")

    @property
    def native_frames(self) -> int:
        """The clip length the model was trained for: 121 frames for TI2V-5B, 81 for the A14B models."""
        return 121 if self.expand_timesteps else 81

    @property
    def boundary_timestep(self) -> float | None:
        """Timesteps at or above this run the high-noise expert; None for dense models."""
        if not self.two_experts or self.boundary_ratio is None:
            return None
        return self.boundary_ratio * self.num_train_timesteps

    @classmethod
    def from_configs(
        cls,
        index: dict[str, Any],
        transformer: dict[str, Any],
        vae: dict[str, Any],
        scheduler: dict[str, Any],
        has_transformer_2: bool,
    ) -> ModelInfo:
        """Build from model_index.json and the transformer, VAE and scheduler configs."""
        boundary = index.get("boundary_ratio")
        expand = bool(index.get("expand_timesteps", False))
        two = has_transformer_2 and boundary is not None
        patch = transformer.get("patch_size", (1, 2, 2))
        # AutoencoderKLWan's defaults (8, 4) apply when an older config lacks the keys.
        spatial = vae.get("scale_factor_spatial") or 8
        # 36 = 16 noise + 4 mask + 16 image channels: the A14B image-to-video layout.
        image_input = int(transformer.get("in_channels", 16)) > int(transformer.get("out_channels", 16))
        if "vace_layers" in transformer:  # WanVACETransformer3DModel's config, whatever the folder is called
            arch = "vace-a14b" if two else "vace"
        else:
            arch = ("i2v-a14b" if image_input else "t2v-a14b") if two else "ti2v-5b" if expand else "wan"
        return cls(
            arch=arch,
            boundary_ratio=boundary,
            expand_timesteps=expand,
            size_multiple=int(spatial * max(patch[1], patch[2])),
            temporal_factor=int(vae.get("scale_factor_temporal") or 4),
            default_fps=24 if expand else 16,
            num_train_timesteps=int(scheduler.get("num_train_timesteps", 1000)),
            two_experts=two,
        )

    @classmethod
    def from_pipeline(cls, pipe: Any) -> ModelInfo:
        """Read the layout of a loaded WanPipeline (its components are registered at run time, so Any)."""
        main = pipe.transformer if pipe.transformer is not None else pipe.transformer_2
        return cls.from_configs(
            dict(pipe.config),
            dict(main.config),
            dict(pipe.vae.config),
            dict(pipe.scheduler.config),
            has_transformer_2=pipe.transformer_2 is not None,
        )

    @classmethod
    def from_folder(cls, folder: Path) -> ModelInfo:
        """Read the layout from a model folder's JSON files, without loading any weights."""

        def read(*parts: str) -> dict[str, Any]:
            path = Path(folder, *parts)
            return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}

        index = read("model_index.json")
        has_2 = (index.get("transformer_2") or [None])[0] is not None
        main = "transformer" if (index.get("transformer") or [None])[0] is not None else "transformer_2"
        return cls.from_configs(
            index,
            read(main, "config.json"),
            read("vae", "config.json"),
            read("scheduler", "scheduler_config.json"),
            has_transformer_2=has_2,
        )


@dataclass
class LoadedPipeline:
    """A pipeline ready to run, with where it came from and how it was placed."""

    pipe: Any  # diffusers.WanPipeline, WanImageToVideoPipeline or WanVACEPipeline
    spec: ModelSpec
    model_dir: Path
    revision: str | None
    device: str
    dtype: str
    info: ModelInfo
    levers: dict[str, Any] = field(default_factory=dict)  # the speed levers applied at load (speed/levers.py)
    draft: Any = None  # the fused Draft LoRA pair while in Draft (speed/draft.py)
    shared: tuple[
        str, ...
    ] = ()  # the modules taken as they were from the model loaded before (shared_components)
