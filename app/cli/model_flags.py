"""The model flags `render` and `serve` share: which model, where, and how it is held in memory."""

from __future__ import annotations

import argparse

from app.cli.error_boundary import UsageError
from app.settings.model_settings import ModelSettings
from engine.generation.pipeline_cache import MEMORY_PROFILES
from engine.generation.request import DEFAULT_MODEL
from engine.generation.speed.levers import ATTENTION_CHOICES, COMPILE_CHOICES, FP8_CHOICES
from engine.generation.speed.step_cache import STEP_CACHES

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
    add_speed_options(parser)


def _gpus(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if not 1 <= value <= 64:
        raise argparse.ArgumentTypeError(f"{value} GPUs: use 1 to 64")
    return value


def _threshold(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not 0 < value <= 1:  # NaN fails this too
        raise argparse.ArgumentTypeError(f"{text}: use a number above 0 and at most 1")
    return value


def add_speed_options(parser: argparse.ArgumentParser) -> None:
    """The speed levers of Preferences > Model > Speed, and --gpus (one shot over several GPUs)."""
    group = parser.add_argument_group("speed (applied to both experts; recorded in each take)")
    group.add_argument("--attention", choices=ATTENTION_CHOICES, default="auto", help="attention backend")
    group.add_argument("--compile", choices=COMPILE_CHOICES, default="off", help="regional torch.compile")
    group.add_argument(
        "--fp8",
        choices=FP8_CHOICES,
        default="off",
        help="compute: torchao (Ada/Hopper); storage: memory only",
    )
    group.add_argument("--step-cache", choices=STEP_CACHES, default="none", help="Final takes only")
    group.add_argument(
        "--cache-threshold", type=_threshold, default=0.05, help="higher skips more (default 0.05)"
    )
    group.add_argument(
        "--draft-loras", help="Hub repo or folder of Draft's LoRA pair (default the Lightning pair)"
    )
    group.add_argument(
        "--gpus",
        type=_gpus,
        default=1,
        help="run each shot over N GPUs of this machine (context parallel, launched with torchrun)",
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
        attention_backend=args.attention,
        compile=args.compile,
        fp8=args.fp8,
        step_cache=args.step_cache,
        cache_threshold=args.cache_threshold,
        draft_repo=args.draft_loras or ModelSettings.draft_repo,
    )


def add_film_model_options(parser: argparse.ArgumentParser) -> None:
    """The film's own models (`new`): --model, --image-model, --vace-model and --vace-model-revision."""
    parser.add_argument(
        "--model", help=f"default model: Hub repo id or local folder (default {DEFAULT_MODEL})"
    )
    parser.add_argument(
        "--image-model",
        help="model for shots that start from an image (e.g. Wan-AI/Wan2.2-I2V-A14B-Diffusers); "
        "default: the model, when it takes an image (TI2V-5B)",
    )
    parser.add_argument(
        "--vace-model",
        help="reference model for shots that name cast members (@Name) or pin keyframes: a Wan 2.2 VACE "
        "Hub repo id or local folder (e.g. linoyts/Wan2.2-VACE-Fun-14B-diffusers); default: none",
    )
    parser.add_argument(
        "--vace-model-revision", help="Hub revision of the reference model (branch, tag or commit)"
    )


def film_models_from_args(args: argparse.Namespace) -> dict[str, str]:
    """The film-model flags given, as ProjectSettings fields; UsageError for a revision of no model."""
    if args.vace_model_revision is not None and args.vace_model is None:
        raise UsageError("--vace-model-revision needs --vace-model: the revision of which model?")
    names = ("model", "image_model", "vace_model", "vace_model_revision")
    return {name: getattr(args, name) for name in names if getattr(args, name) is not None}
