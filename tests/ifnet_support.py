"""A tiny random RIFE IFNet saved as safetensors with its config.json, as a Hub repo or folder holds one."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import torch
from safetensors.torch import save_file

from engine.film.ifnet import IFNet

TINY = {"widths": [8, 8], "scales": [2, 1]}  # pads to multiples of 8


def tiny_ifnet_folder(folder: Path, prefix: str = "", seed: int = 0) -> tuple[Path, IFNet]:
    """The folder and the module whose random weights it holds."""
    torch.manual_seed(seed)
    model = IFNet(**TINY).eval()
    folder.mkdir(parents=True, exist_ok=True)
    tensors = {prefix + k: v.contiguous() for k, v in model.state_dict().items()}
    save_file(tensors, folder / "flownet.safetensors")
    (folder / "config.json").write_text(json.dumps(TINY))
    return folder, model


def direct(
    model: IFNet, a: np.ndarray, b: np.ndarray, t: float, padded: tuple[int, int], coarser: int = 1
) -> np.ndarray:
    """The module called on RGB frames padded by edge repetition to padded (H, W), cropped back."""
    height, width = a.shape[:2]

    def tensor(frame: np.ndarray) -> torch.Tensor:
        big = np.pad(frame, ((0, padded[0] - height), (0, padded[1] - width), (0, 0)), mode="edge")
        return torch.from_numpy(big).permute(2, 0, 1)[None].float() / 255.0

    with torch.inference_mode():
        out = model(tensor(a), tensor(b), t, coarser)[0, :, :height, :width]
    frame: np.ndarray = out.clamp(0, 1).mul(255).round().byte().permute(1, 2, 0).numpy()
    return frame
