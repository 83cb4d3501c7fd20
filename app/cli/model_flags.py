"""The model flags `render` and `serve` share: which model, where, and how it is held in memory."""

from __future__ import annotations

import argparse

from app.settings.model_settings import ModelSettings
from engine.generation.pipeline_cache import MEMORY_PROFILES

DTYPES = ("bfloat16", "float16", "float32")


def add_model_options(parser: argparse.ArgumentParser, *, required: bool = False) -> None:
    """Add --model, --revision, --device, --dtype, --memory-profile and --vae-tiling."""
    parser.add_argument(
        "--model",
        required=required,
        help="Hub repo id or local diffusers folder"
        + ("" if required else " (default: the project's model)"),
    )
    parser.add_argument("--revision", help="Hub revision (branch, tag or commit)")
    parser.add_argument("--device", help="cuda, cuda:N, cpu or mps (default: CUDA when present)")
    parser.add_argument("--dtype", choices=DTYPES, help="default: bfloat16 on CUDA, float32 on CPU")
    parser.add_argument(
        "--memory-profile",
        choices=MEMORY_PROFILES,
        default="none",
        help="offload parts of the model to the CPU to fit a smaller GPU (default none)",
    )
    parser.add_argument(
        "--vae-tiling",
        action="store_true",
        help="decode frames in tiles: less GPU memory for large frames, a little slower",
    )


def model_settings_from_args(args: argparse.Namespace) -> ModelSettings:
    """The model flags as the ModelSettings the window keeps (empty strings: automatic)."""
    return ModelSettings(
        source=args.model or "",
        revision=args.revision or "",
        device=args.device or "",
        dtype=args.dtype or "",
        memory_profile=args.memory_profile,
        vae_tiling=args.vae_tiling,
    )
