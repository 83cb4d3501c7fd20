"""Load-time speed levers on both experts of any loaded Wan pipeline: attention backend, compile, fp8."""

from __future__ import annotations

import importlib.util
import logging
from typing import Any

from engine.generation.model_source import ModelError
from engine.generation.request import ModelSpec

log = logging.getLogger(__name__)

# Our names -> diffusers' AttentionBackendName values (diffusers.models.attention_dispatch).
ATTENTION_BACKENDS = {
    "native": "native",
    "cudnn": "_native_cudnn",
    "flash": "flash",
    "flash3": "_flash_3",
    "sage": "sage",
}
ATTENTION_CHOICES = ("auto", *ATTENTION_BACKENDS)  # auto: FA3 on Hopper, else FA2, where installed
COMPILE_CHOICES = ("off", "on", "auto")
FP8_CHOICES = ("off", "compute", "storage", "auto")
EXPERTS = ("transformer", "transformer_2")
# The package each kernel backend imports (flash-attn 3 ships as flash_attn_interface).
_BACKEND_PACKAGES = {"flash": "flash_attn", "flash3": "flash_attn_interface", "sage": "sageattention"}
# Below this much GPU memory both A14B experts in bf16 do not fit beside the activations.
_FP8_STORAGE_BELOW_GIB = 70


class SpeedError(ModelError):
    """A speed setting this device or model cannot do; the message says which and why."""

    hint = "Change it in Preferences > Model > Speed (or the render/serve speed flags)."


def experts(pipe: Any) -> list[tuple[str, Any]]:
    """The pipeline's transformer components that are present (one for dense models, two for A14B)."""
    return [(name, getattr(pipe, name)) for name in EXPERTS if getattr(pipe, name, None) is not None]


def gpu_capability(device: str) -> tuple[int, int] | None:
    """The CUDA compute capability of device, or None off CUDA."""
    if not device.startswith("cuda"):
        return None
    import torch

    return torch.cuda.get_device_capability(device)


def _installed(module: str) -> bool:
    return importlib.util.find_spec(module) is not None


def resolve_attention(choice: str, device: str) -> str:
    """Our backend name for choice on device ('auto': the fastest installed); raises SpeedError."""
    if choice not in ATTENTION_CHOICES:
        raise SpeedError(f"Unknown attention backend {choice!r}. Use one of {', '.join(ATTENTION_CHOICES)}.")
    capability = gpu_capability(device)
    if choice == "auto":
        if capability is None:
            return "native"
        if capability[0] == 9 and _installed(_BACKEND_PACKAGES["flash3"]):
            return "flash3"  # FlashAttention-3 is written for Hopper
        if _installed(_BACKEND_PACKAGES["flash"]):
            return "flash"
        return "native"  # cuDNN attention is asked for by name: not every GPU and driver has it
    if choice != "native" and capability is None:
        raise SpeedError(
            f"The {choice!r} attention backend needs a CUDA GPU; the device is {device}. Use 'native'."
        )
    package = _BACKEND_PACKAGES.get(choice)
    if package and not _installed(package):
        raise SpeedError(
            f"The {choice!r} attention backend needs the {package!r} package, which is not installed here."
        )
    if choice == "flash3" and capability is not None and capability[0] != 9:
        raise SpeedError(f"FlashAttention-3 runs on Hopper GPUs (compute capability 9.x), not {capability}.")
    return choice


def resolve_fp8(choice: str, device: str, total_gib: float | None = None) -> str:
    """'off', 'compute' or 'storage' for choice on device ('auto': the fastest that fits); raises SpeedError."""
    if choice not in FP8_CHOICES:
        raise SpeedError(f"Unknown fp8 setting {choice!r}. Use one of {', '.join(FP8_CHOICES)}.")
    capability = gpu_capability(device)
    fp8_math = capability is not None and capability >= (8, 9)
    if choice == "auto":
        if fp8_math and _installed("torchao"):
            return "compute"
        if capability is not None and total_gib is not None and total_gib < _FP8_STORAGE_BELOW_GIB:
            return "storage"
        return "off"
    if choice == "compute":
        if not fp8_math:
            where = device if capability is None else f"a GPU of compute capability {capability}"
            raise SpeedError(
                f"FP8 compute needs an Ada or Hopper GPU (compute capability 8.9 or more); this is {where}. "
                "Choose fp8 'storage' to save memory instead."
            )
        if not _installed("torchao"):
            raise SpeedError("FP8 compute needs the 'torchao' package, which is not installed here.")
    return choice


def resolve_compile(choice: str, device: str) -> bool:
    """Whether to compile the repeated blocks ('auto': on CUDA only, where it pays off)."""
    if choice not in COMPILE_CHOICES:
        raise SpeedError(f"Unknown compile setting {choice!r}. Use one of {', '.join(COMPILE_CHOICES)}.")
    return choice == "on" or (choice == "auto" and device.startswith("cuda"))


def resolve_levers(spec: ModelSpec, device: str) -> dict[str, Any]:
    """The levers spec asks for, resolved for device, checked together; raises SpeedError."""
    total = None
    if device.startswith("cuda"):
        import torch

        total = torch.cuda.get_device_properties(device).total_memory / 2**30
    levers = {
        "attention_backend": resolve_attention(spec.attention_backend, device),
        "compile": resolve_compile(spec.compile, device),
        "fp8": resolve_fp8(spec.fp8, device, total),
    }
    if levers["compile"] and levers["fp8"] == "storage":
        if spec.compile == "auto":
            levers["compile"] = False  # auto picks the set that works
        else:
            # Layerwise casting moves weights between dtypes in a hook that fullgraph compile cannot trace.
            raise SpeedError("Compile cannot be combined with fp8 storage (layerwise casting). Turn one off.")
    return levers


def quantization_config(levers: dict[str, Any], component_names: list[str]) -> Any:
    """A PipelineQuantizationConfig for fp8 compute on the experts, or None."""
    if levers.get("fp8") != "compute":
        return None
    from diffusers import PipelineQuantizationConfig, TorchAoConfig
    from torchao.quantization import Float8DynamicActivationFloat8WeightConfig

    mapping: dict[str, Any] = {
        name: TorchAoConfig(Float8DynamicActivationFloat8WeightConfig()) for name in component_names
    }
    return PipelineQuantizationConfig(quant_mapping=mapping)


def apply_levers(pipe: Any, levers: dict[str, Any], dtype: str) -> dict[str, Any]:
    """Apply resolved levers to every expert of a placed pipeline; returns what was applied, per expert."""
    import torch

    applied: dict[str, Any] = {"attention_backend": levers["attention_backend"], "experts": []}
    for name, model in experts(pipe):
        if levers["attention_backend"] != "native":
            try:
                model.set_attention_backend(ATTENTION_BACKENDS[levers["attention_backend"]])
            except (RuntimeError, ValueError, ImportError) as exc:
                raise SpeedError(
                    f"The {levers['attention_backend']!r} attention backend failed: {exc}"
                ) from exc
        if levers["fp8"] == "storage":
            model.enable_layerwise_casting(
                storage_dtype=torch.float8_e4m3fn, compute_dtype=getattr(torch, dtype)
            )
        if levers["compile"]:
            # Regional: one compiled WanTransformerBlock reused 40 times, a fraction of a full compile's time.
            model.compile_repeated_blocks(fullgraph=True)
        applied["experts"].append(name)
    applied["compile"] = "regional" if levers["compile"] else "off"
    applied["fp8"] = levers["fp8"]
    return applied
