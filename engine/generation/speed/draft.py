"""Draft quality: the Wan 2.2 Lightning 4-step LoRA pair, fused into both experts and taken out exactly."""

from __future__ import annotations

import dataclasses
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from engine.generation.lora_adapters import HIGH, LOW
from engine.generation.lora_adapters import _load as load_adapter
from engine.generation.request import DraftLoras, GenerationRequest
from engine.generation.speed.levers import SpeedError

if TYPE_CHECKING:
    from engine.generation.loaded_pipeline import LoadedPipeline, ModelInfo

log = logging.getLogger(__name__)

QUALITIES = ("draft", "final")
ADAPTERS = {HIGH: "draft_high_noise", LOW: "draft_low_noise"}


@dataclass
class DraftState:
    """What entering Draft changed on a loaded pipeline, so leaving it can put everything back."""

    source: DraftLoras
    files: dict[str, Path]  # component -> LoRA file
    fused: dict[str, list[str]]  # component -> names of the modules whose weight (and bias) were fused
    final_scheduler: Any


def draft_request(request: GenerationRequest, info: ModelInfo) -> tuple[GenerationRequest, list[str]]:
    """The request as Draft runs it (its steps, guidance 1 on both experts, no step cache), with notices."""
    if request.quality not in QUALITIES:
        raise SpeedError(f"Unknown quality {request.quality!r}. Use 'draft' or 'final'.")
    if request.quality == "final":
        return request, []
    if not info.two_experts:
        raise SpeedError(
            "Draft needs a two-expert Wan 2.2 A14B model: the Lightning 4-step pair has one LoRA per expert "
            "and none for this model. Use Final."
        )
    steps = request.model.draft.steps
    notices = [f"Draft: {steps} steps with the Lightning LoRA pair, guidance 1 on both experts."]
    if request.step_cache != "none":
        notices.append("Draft runs without the step cache (it needs many steps to skip any).")
    applied = dataclasses.replace(
        request, num_inference_steps=steps, guidance_scale=1.0, guidance_scale_2=1.0, step_cache="none"
    )
    return applied, notices


def fetch_draft_loras(source: DraftLoras) -> dict[str, Path]:
    """The pair's local files: from a folder, or downloaded through huggingface_hub (cached); raises SpeedError."""
    folder = Path(source.repo).expanduser()
    if folder.is_dir():
        files = {HIGH: folder / source.high_noise, LOW: folder / source.low_noise}
        missing = [str(p) for p in files.values() if not p.is_file()]
        if missing:
            raise SpeedError(f"The Draft LoRA file {missing[0]} does not exist.")
        return files
    from huggingface_hub import hf_hub_download
    from huggingface_hub.errors import HfHubHTTPError, LocalEntryNotFoundError

    try:
        return {
            component: Path(hf_hub_download(source.repo, name, revision=source.revision))
            for component, name in ((HIGH, source.high_noise), (LOW, source.low_noise))
        }
    except LocalEntryNotFoundError as exc:
        raise SpeedError(
            f"The Draft LoRA pair from {source.repo} is not downloaded and the Hub cannot be reached "
            f"({exc}). Connect once, or set a local folder in Preferences > Model > Speed."
        ) from exc
    except (HfHubHTTPError, OSError, ValueError) as exc:
        raise SpeedError(f"The Draft LoRA pair could not be fetched from {source.repo}: {exc}") from exc


def load_draft_adapters(pipe: Any, files: dict[str, Path]) -> dict[str, list[str]]:
    """Load the high-noise file into `transformer` and the low-noise one into `transformer_2`.

    Returns, per expert, the names of the layers the adapter wraps (what fusing will change).
    """
    from peft.tuners.tuners_utils import BaseTunerLayer

    layers: dict[str, list[str]] = {}
    for component, path in files.items():
        load_adapter(pipe, path, ADAPTERS[component], component)
        model = getattr(pipe, component)
        layers[component] = [
            name
            for name, module in model.named_modules()
            if isinstance(module, BaseTunerLayer) and ADAPTERS[component] in getattr(module, "lora_A", {})
        ]
    return layers


def enter_draft(loaded: LoadedPipeline, source: DraftLoras) -> DraftState:
    """Fuse the pair into both experts and set the authors' scheduler shift; a no-op when already in."""
    state: DraftState | None = loaded.draft
    if state is not None and state.source == source:
        return state
    leave_draft(loaded)
    if loaded.levers.get("fp8") not in (None, "off"):
        raise SpeedError(
            "Draft fuses its LoRA into the weights, which fp8 keeps in another form. Turn fp8 off."
        )
    if loaded.spec.memory_profile in ("group_offload", "sequential_offload"):
        raise SpeedError(
            f"Draft fuses its LoRA into the weights, which the {loaded.spec.memory_profile!r} memory profile "
            "keeps off the model. Use 'none' or 'model_offload' for Draft."
        )
    files = fetch_draft_loras(source)
    pipe = loaded.pipe
    if any(getattr(getattr(pipe, c), "peft_config", None) for c in (HIGH, LOW)):
        pipe.unload_lora_weights()  # a preset's adapters go back on after fusing (apply_loras)
    fused = load_draft_adapters(pipe, files)
    for component in (HIGH, LOW):
        pipe.fuse_lora(components=[component], adapter_names=[ADAPTERS[component]], lora_scale=1.0)
    # Fused weights stay; the adapter layers go, so the experts run as plain (faster) modules.
    pipe.unload_lora_weights()
    final_scheduler = pipe.scheduler
    pipe.scheduler = _shifted(final_scheduler, source.flow_shift)
    state = DraftState(source, files, fused, final_scheduler)
    loaded.draft = state
    log.info("Draft: fused %s into both experts (shift %s)", source.repo, source.flow_shift)
    return state


def leave_draft(loaded: LoadedPipeline) -> None:
    """Put back the exact Final weights (read again from the model's files) and the Final scheduler."""
    state: DraftState | None = loaded.draft
    if state is None:
        return
    pipe = loaded.pipe
    if any(getattr(getattr(pipe, c), "peft_config", None) for c in (HIGH, LOW)):
        pipe.unload_lora_weights()
    for component, names in state.fused.items():
        # Unfusing subtracts the delta again, which is off by rounding: the files hold the exact weights.
        _restore(getattr(pipe, component), loaded.model_dir / component, names)
    pipe.scheduler = state.final_scheduler
    loaded.draft = None


def _shifted(scheduler: Any, shift: float) -> Any:
    """The same scheduler class with the flow shift set (UniPC calls it flow_shift, FlowMatch shift)."""
    key = "flow_shift" if "flow_shift" in scheduler.config else "shift"
    return type(scheduler).from_config(scheduler.config, **{key: shift})


def _restore(model: Any, folder: Path, names: list[str]) -> None:
    """Copy the weight and bias of the named modules back from the component's safetensors files."""
    import torch
    from safetensors import safe_open

    wanted = {f"{name}.{part}": (name, part) for name in names for part in ("weight", "bias")}
    with torch.no_grad():
        for path in sorted(folder.glob("*.safetensors")):
            with safe_open(str(path), framework="pt") as f:
                for key in wanted.keys() & set(f.keys()):
                    name, part = wanted[key]
                    param = getattr(model.get_submodule(name), part)
                    param.copy_(f.get_tensor(key).to(device=param.device, dtype=param.dtype))
