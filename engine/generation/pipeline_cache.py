"""Loads a WanPipeline once and keeps it while the model, device and dtype stay the same."""

from __future__ import annotations

import json
import logging
import re
import threading
from pathlib import Path
from typing import Any

from engine.generation.garbage import collect_garbage
from engine.generation.library_warnings import quiet_unused_image_processor
from engine.generation.loaded_pipeline import LoadedPipeline, ModelInfo
from engine.generation.model_source import WAN_PIPELINES, ModelError, resolve_model
from engine.generation.request import ModelSpec
from engine.progress import LOADING, Progress, ProgressCallback, ignore_progress

log = logging.getLogger(__name__)
DTYPES = ("bfloat16", "float16", "float32")
_DEVICE = re.compile(r"^(cpu|mps|cuda(:\d+)?)$")


def default_device() -> str:
    """CUDA when present, else CPU."""
    import torch

    return "cuda" if torch.cuda.is_available() else "cpu"


def resolve_placement(spec: ModelSpec) -> tuple[str, str]:
    """Return the (device, dtype) strings spec asks for, defaults filled, or raise ModelError."""
    import torch

    device = (spec.device or default_device()).strip().lower()
    if not _DEVICE.match(device):
        raise ModelError(f"Unknown device {spec.device!r}. Use 'cuda', 'cuda:N', 'cpu' or 'mps'.")
    if device.startswith("cuda"):
        if not torch.cuda.is_available():
            raise ModelError(f"Device {device!r} was asked for, but CUDA is not available here. Use 'cpu'.")
        index = int(device.split(":")[1]) if ":" in device else 0
        if index >= torch.cuda.device_count():
            raise ModelError(
                f"Device {device!r} does not exist: this machine has "
                f"{torch.cuda.device_count()} CUDA device(s)."
            )
    if device == "mps" and not torch.backends.mps.is_available():
        raise ModelError("Device 'mps' was asked for, but Apple MPS is not available here. Use 'cpu'.")
    dtype = (spec.dtype or ("float32" if device == "cpu" else "bfloat16")).strip().lower()
    if dtype not in DTYPES:
        raise ModelError(f"Unknown dtype {spec.dtype!r}. Use one of {', '.join(DTYPES)}.")
    check_memory_profile(spec.memory_profile, device)
    return device, dtype


MEMORY_PROFILES = ("none", "model_offload", "group_offload", "sequential_offload")


def check_memory_profile(profile: str, device: str) -> None:
    """Raise ModelError for an unknown profile, or an offload profile without an accelerator."""
    if profile not in MEMORY_PROFILES:
        raise ModelError(f"Unknown memory profile {profile!r}. Use one of {', '.join(MEMORY_PROFILES)}.")
    if profile != "none" and device == "cpu":
        raise ModelError(
            f"The memory profile {profile!r} moves the model between the CPU and a GPU, "
            "but the device is the CPU. Choose the memory profile 'none' for CPU generation."
        )


def apply_memory_profile(pipe: Any, profile: str, device: str) -> None:
    """Place the pipeline on device with diffusers' own offload method for the profile."""
    if profile == "none":
        pipe.to(device)
    elif profile == "model_offload":
        pipe.enable_model_cpu_offload(device=device)
    elif profile == "sequential_offload":
        pipe.enable_sequential_cpu_offload(device=device)
    elif profile == "group_offload":
        import torch

        # Block-level groups of one transformer block; CUDA streams overlap transfers with compute.
        pipe.enable_group_offload(
            onload_device=torch.device(device),
            offload_device=torch.device("cpu"),
            offload_type="block_level",
            num_blocks_per_group=1,
            use_stream=device.startswith("cuda"),
        )
    else:
        check_memory_profile(profile, device)


def quiet_library_progress_bars() -> None:
    """Turn off diffusers' and transformers' tqdm bars and one warning about a class Wan 2.2 never uses."""
    from diffusers.utils import logging as diffusers_logging
    from transformers.utils import logging as transformers_logging

    diffusers_logging.disable_progress_bar()
    transformers_logging.disable_progress_bar()
    quiet_unused_image_processor()


def load_pipeline(
    spec: ModelSpec, on_progress: ProgressCallback = ignore_progress, shared: dict[str, Any] | None = None
) -> LoadedPipeline:
    """Resolve, load and place a Wan pipeline for spec (no caching), using the `shared` modules as they are."""
    import torch

    from engine.generation.speed.levers import SpeedError, apply_levers, quantization_config, resolve_levers

    quiet_library_progress_bars()
    device, dtype = resolve_placement(spec)
    levers = resolve_levers(spec, device)  # refused here, before any weight is read
    on_progress(Progress(LOADING, message=f"Finding model {spec.source}"))
    folder, revision = resolve_model(spec)
    on_progress(Progress(LOADING, message=f"Loading {folder.name} ({dtype}) onto {device}"))
    pipeline_class = _pipeline_class(folder)
    if spec.gpus > 1 and pipeline_class.__name__ == "WanVACEPipeline":
        raise SpeedError(
            f"--gpus {spec.gpus}: the reference (VACE) transformer has no context-parallel plan in diffusers, "
            "so one generation cannot be split over GPUs. Use --gpus 1 for it."
        )
    shared = shared or {}
    if shared:
        on_progress(Progress(LOADING, message=f"Sharing {', '.join(shared)} with the model loaded before"))
    try:
        # Never pickle: a shared model folder must not run code when it loads (see check_safetensors_only).
        quantization = quantization_config(levers, ["transformer", "transformer_2"])
        extra = {"quantization_config": quantization} if quantization is not None else {}
        pipe = pipeline_class.from_pretrained(
            folder, use_safetensors=True, **{_dtype_keyword(): getattr(torch, dtype)}, **extra, **shared
        )
        apply_memory_profile(pipe, spec.memory_profile, device)
        if spec.vae_tiling:
            pipe.vae.enable_tiling()
        elif "vae" in shared:
            pipe.vae.disable_tiling()  # the shared VAE may come from a spec that tiled
    except torch.cuda.OutOfMemoryError as exc:
        raise ModelError(
            f"Not enough GPU memory to load {folder.name} on {device} in {dtype}. "
            "Close other GPU programs or choose a smaller model."
        ) from exc
    except (OSError, ValueError, KeyError, RuntimeError) as exc:
        raise ModelError(
            f"The model in {folder} could not be loaded ({type(exc).__name__}: {exc}). "
            "The download may be incomplete: download it again."
        ) from exc
    applied = apply_levers(pipe, levers, dtype)  # its own clear errors, not "download again"
    if spec.gpus > 1:
        from engine.generation.speed.context_parallel import enable_context_parallel

        applied["context_parallel"] = {
            "ulysses_degree": spec.gpus,
            "experts": enable_context_parallel(pipe, spec.gpus),
        }
    # The pipeline's own step bar is configured per pipeline, not by the global switch.
    pipe.set_progress_bar_config(disable=True)
    info = ModelInfo.from_pipeline(pipe)
    on_progress(Progress(LOADING, message=f"Loaded {folder.name} ({info.arch}) on {device}"))
    log.info("Loaded model %s (%s, %s) on %s", folder, info.arch, dtype, device)
    return LoadedPipeline(
        pipe, spec, folder, revision, device, dtype, info, levers=applied, shared=tuple(shared)
    )


def _pipeline_class(folder: Path) -> Any:
    """The class model_index.json names (WanImageToVideoPipeline, WanVACEPipeline), else WanPipeline."""
    import diffusers

    try:
        index = json.loads((folder / "model_index.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return diffusers.WanPipeline  # from_pretrained says what is wrong with the folder
    name = index.get("_class_name") if isinstance(index, dict) else None
    return getattr(diffusers, name) if name in WAN_PIPELINES else diffusers.WanPipeline


def _dtype_keyword() -> str:
    """Newer diffusers renamed from_pretrained's torch_dtype to dtype (the old name warns)."""
    try:
        from diffusers.utils import deprecation_utils
    except ImportError:
        return "torch_dtype"
    return "dtype" if hasattr(deprecation_utils, "_resolve_dtype") else "torch_dtype"


class PipelineCache:
    """Holds at most one loaded pipeline; owned by the worker thread that generates."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._loaded: LoadedPipeline | None = None
        self._key: tuple[object, ...] | None = None

    @property
    def loaded(self) -> LoadedPipeline | None:
        """The pipeline held now, if any."""
        return self._loaded

    def get(self, spec: ModelSpec, on_progress: ProgressCallback = ignore_progress) -> LoadedPipeline:
        """Return the pipeline for spec, loading it only if source, revision, device or dtype changed."""
        device, dtype = resolve_placement(spec)
        key = (
            *(spec.source.strip(), spec.revision, device, dtype, spec.memory_profile, spec.vae_tiling),
            *(spec.attention_backend, spec.compile, spec.fp8, spec.gpus),
        )
        with self._lock:
            if self._loaded is not None and self._key == key:
                return self._loaded
            # Keep what the new model can share (text encoder, VAE, tokenizer: the same files), then free
            # the rest of the old one first: two 14B experts do not fit beside another copy.
            shared = self._shareable(spec, device, dtype)
            self._release_locked()
            self._loaded = load_pipeline(spec, on_progress, shared)
            self._key = key
            return self._loaded

    def _shareable(self, spec: ModelSpec, device: str, dtype: str) -> dict[str, Any]:
        """The held pipeline's modules spec's model can use as they are (none if it is not on disk yet)."""
        from engine.generation.shared_components import shared_components

        if self._loaded is None:
            return {}
        try:
            folder, _ = resolve_model(spec, local_files_only=True)
        except ModelError:
            return {}  # load_pipeline downloads it, or says what is wrong
        return shared_components(self._loaded, folder, device, dtype, spec.memory_profile)

    def release(self) -> None:
        """Drop the held pipeline and give its memory back."""
        with self._lock:
            self._release_locked()

    def _release_locked(self) -> None:
        if self._loaded is None:
            return
        on_cuda = self._loaded.device.startswith("cuda")
        self._loaded = None
        self._key = None
        collect_garbage()  # on the GUI thread in the window (engine/generation/garbage)
        if on_cuda:
            import torch

            torch.cuda.empty_cache()
