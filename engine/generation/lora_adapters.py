"""LoRA adapters on a loaded Wan pipeline: load into the named experts, weight, swap between jobs."""

from __future__ import annotations

import hashlib
import warnings
from pathlib import Path
from typing import TYPE_CHECKING, Any

from engine.errors import StoryreelError
from engine.generation.request import LoraSpec

if TYPE_CHECKING:
    from engine.generation.loaded_pipeline import LoadedPipeline

EXPERTS = ("high-noise", "low-noise", "both")
HIGH, LOW = "transformer", "transformer_2"  # the pipeline components of the two experts


class LoraError(StoryreelError, ValueError):
    """A LoRA file could not be loaded into the model; the message names the file."""

    hint = "Check the LoRA files of the shot's style preset: they must be Wan 2.2 LoRAs in .safetensors."


def adapter_name(path: Path) -> str:
    """A stable adapter name for a file's current contents (path, size and modification time)."""
    stat = path.stat()
    key = f"{path.resolve()}|{stat.st_size}|{stat.st_mtime_ns}".encode()
    return "sr_" + hashlib.sha256(key).hexdigest()[:16]


def wanted_adapters(
    loras: tuple[LoraSpec, ...] | list[LoraSpec], two_experts: bool
) -> dict[str, dict[str, tuple[Path, float]]]:
    """Per component, adapter name -> (file, total weight) that the request asks for; raises LoraError."""
    wanted: dict[str, dict[str, tuple[Path, float]]] = {HIGH: {}, LOW: {}}
    for spec in loras:
        path = Path(spec.path)
        if spec.expert not in EXPERTS:
            raise LoraError(f"{path}: unknown expert {spec.expert!r} (use {', '.join(EXPERTS)})")
        if not path.is_file():
            raise LoraError(f"{path}: LoRA file not found")
        if path.suffix.lower() != ".safetensors":
            raise LoraError(f"{path}: LoRA files must be .safetensors")
        if not two_experts and spec.expert != "both":
            raise LoraError(
                f"{path}: this LoRA is for the {spec.expert} expert, but the model has a "
                "single expert; set its expert to 'both'"
            )
        targets = (
            [HIGH, LOW]
            if spec.expert == "both" and two_experts
            else [LOW]
            if spec.expert == "low-noise"
            else [HIGH]
        )
        name = adapter_name(path)
        for component in targets:
            # The same file listed twice adds up, as two adapters with the same weights would.
            _, weight = wanted[component].get(name, (path, 0.0))
            wanted[component][name] = (path, weight + float(spec.weight))
    return wanted


def loaded_adapters(loaded: LoadedPipeline) -> dict[str, set[str]]:
    """Adapter names currently loaded into each expert."""
    found: dict[str, set[str]] = {}
    for component in (HIGH, LOW):
        model = getattr(loaded.pipe, component, None)
        found[component] = set(getattr(model, "peft_config", {}) or {}) if model is not None else set()
    return found


def apply_loras(loaded: LoadedPipeline, loras: tuple[LoraSpec, ...] | list[LoraSpec]) -> None:
    """Make exactly these adapters active at their weights; others are removed, the base stays loaded."""
    pipe = loaded.pipe
    wanted = wanted_adapters(loras, loaded.info.two_experts)
    present = loaded_adapters(loaded)
    if not any(wanted.values()):
        if any(present.values()):
            pipe.unload_lora_weights()  # removes the adapter layers: the base model exactly
        return
    for component, names in present.items():
        stale = sorted(names - set(wanted[component]))
        if stale:
            getattr(pipe, component).delete_adapters(stale)
    for component, adapters in wanted.items():
        for name, (path, _) in adapters.items():
            if name not in present[component]:
                _load(pipe, path, name, component)
    for component, adapters in wanted.items():
        model = getattr(pipe, component, None)
        if model is None or not hasattr(model, "peft_config"):
            continue
        adapter_names = list(adapters)
        model.set_adapters(adapter_names, [adapters[n][1] for n in adapter_names])


def _load(pipe: Any, path: Path, name: str, component: str) -> None:
    """Load one file into one expert, turning diffusers' and peft's errors into a LoraError."""
    expert = "low-noise" if component == LOW else "high-noise"
    try:
        with warnings.catch_warnings():
            # peft warns whenever a model gets a second adapter: that is what swapping is for.
            warnings.filterwarnings("ignore", message="Already found a `peft_config`")
            pipe.load_lora_weights(str(path), adapter_name=name, load_into_transformer_2=component == LOW)
    except ImportError as exc:
        raise LoraError(f"{path}: LoRA support needs the 'peft' package ({exc})") from None
    except Exception as exc:  # safetensors, peft and torch each raise their own types
        text = str(exc).strip().splitlines()
        detail = next((line.strip() for line in text[1:] if "mismatch" in line), text[0] if text else "")
        if "size mismatch" in str(exc) or "not found in the base model" in str(exc):
            problem = "does not fit this model (made for another model or size)"
        elif "Invalid LoRA checkpoint" in str(exc):
            problem = "is not a LoRA (no LoRA weights in it)"
        else:
            problem = "could not be read as a LoRA .safetensors file"
        raise LoraError(
            f"{path}: {problem}; loading into the {expert} expert failed: {type(exc).__name__}: {detail}"
        ) from None
    model = getattr(pipe, component)
    if name not in (getattr(model, "peft_config", {}) or {}):
        raise LoraError(f"{path}: no layer of the {expert} expert matched this LoRA")
