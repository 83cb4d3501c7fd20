"""The learned interpolator for `--motion interpolate`: RIFE's IFNet from safetensors, run on padded frames.

The source is a .safetensors file, a folder holding one, or a Hub repo id (fetched like Wan). A
config.json beside the weights may give the blocks' "widths" and "scales" (default: RIFE 4.25's).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from engine.errors import StoryreelError

if TYPE_CHECKING:
    import numpy as np

# Frames wider or taller than this have their flows found at half size, as Practical-RIFE advises for
# 4K: the finest block's full-size activations (52 channels a pixel) would take gigabytes.
HALF_FLOW_SIDE = 2048


class InterpolatorError(StoryreelError):
    """A learned interpolator that cannot be loaded; the message says why."""

    hint = (
        "Give RIFE 4.22-4.26 IFNet weights in safetensors (a file, folder or Hub repo id), "
        "or leave the interpolator unset to use optical flow."
    )


def _numbers(config: dict[str, Any], key: str, default: tuple[float, ...]) -> tuple[float, ...]:
    value = config.get(key, default)
    if (
        not isinstance(value, list | tuple)
        or not value
        or not all(isinstance(v, int | float) and not isinstance(v, bool) and 0 < v <= 1024 for v in value)
    ):
        raise InterpolatorError(f"config.json: {key!r} must be a list of positive numbers, not {value!r}")
    return tuple(value)


def _config(weights: Path) -> dict[str, Any]:
    path = weights.parent / "config.json"
    if not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InterpolatorError(f"{path}: not readable JSON ({exc})") from None
    if not isinstance(data, dict):
        raise InterpolatorError(f"{path}: not a JSON object")
    return data


@dataclass
class LearnedInterpolator:
    """A loaded IFNet; call it like engine.video.motion's interpolators: (a, b, t) -> the frame at t."""

    model: Any  # engine.film.ifnet.IFNet, in eval mode on its device

    def __call__(self, a: np.ndarray, b: np.ndarray, t: float) -> np.ndarray:
        """The frame at time t between RGB uint8 frames a and b, padded to the model's multiple and cropped."""
        import torch
        from torch.nn import functional as F

        height, width = a.shape[:2]
        coarser = 2 if max(height, width) > HALF_FLOW_SIDE else 1
        multiple = self.model.pad_multiple(coarser)
        pad = (0, (-width) % multiple, 0, (-height) % multiple)
        parameter = next(self.model.parameters())

        def tensor(frame: np.ndarray) -> torch.Tensor:
            x = torch.from_numpy(frame).to(parameter.device, parameter.dtype).permute(2, 0, 1)[None] / 255.0
            # Edges repeated rather than black: a dark border would pull the flows near it.
            return F.pad(x, pad, mode="replicate")

        with torch.inference_mode():
            out = self.model(tensor(a), tensor(b), t, coarser)[0, :, :height, :width]
            frame: np.ndarray = out.clamp(0, 1).mul(255).round().byte().permute(1, 2, 0).cpu().numpy()
        return frame


def load_interpolator(
    source: str, revision: str | None = None, device: str | None = None
) -> LearnedInterpolator:
    """RIFE's IFNet with the weights at source, on the GPU when there is one; InterpolatorError if they
    are not safetensors or not an IFNet's."""
    import torch
    from safetensors import SafetensorError
    from safetensors.torch import load_file

    from engine.film.ifnet import SCALES, WIDTHS, IFNet
    from engine.model_hub import safetensors_file

    path = safetensors_file(source, revision, "The interpolation model")
    if path is None:
        raise InterpolatorError(
            f"{source}: no interpolation weights in safetensors (.pkl pickles are not loaded)"
        )
    config = _config(path)
    widths = _numbers(config, "widths", WIDTHS)
    try:
        model = IFNet([int(w) for w in widths], _numbers(config, "scales", SCALES))
        state = load_file(str(path))
    except (ValueError, OSError, SafetensorError) as exc:
        raise InterpolatorError(f"{path}: not an interpolation model ({exc})") from None
    # Practical-RIFE's training saved its weights under "module." (the DistributedDataParallel wrapper).
    state = {key.removeprefix("module."): value for key, value in state.items()}
    missing = sorted(set(model.state_dict()) - set(state))
    if missing:
        raise InterpolatorError(
            f"{path}: not RIFE IFNet weights of this layout ({len(missing)} tensors missing, e.g. {missing[0]})"
        )
    try:
        model.load_state_dict(state, strict=False)  # extra tensors (a training-only teacher) are left
    except RuntimeError as exc:
        raise InterpolatorError(f"{path}: tensor sizes do not match the config's widths ({exc})") from None
    device = device or ("cuda" if torch.cuda.is_available() else "cpu")
    return LearnedInterpolator(model.to(device).eval())
