"""The models that extract control frames: found (Hub or folder), checked, named for the cache, and loaded."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from engine.conditioning.control_settings import ControlSettings
from engine.conditioning.edge_frames import edge_frame
from engine.model_hub import ModelError, model_folder

if TYPE_CHECKING:
    import numpy as np

Extractor = Callable[["np.ndarray"], "np.ndarray"]
_COMMIT = re.compile(r"^[0-9a-f]{40}$")


def extractor_folders(settings: ControlSettings) -> dict[str, Path]:
    """The local folders of the models the kind needs ("model", and "detector" for pose), fetched if need be."""
    folders = {}
    if settings.kind in ("depth", "pose"):
        folders["model"] = model_folder(settings.model, settings.model_revision, f"The {settings.kind} model")
    if settings.kind == "pose":
        folders["detector"] = model_folder(
            settings.detector, settings.detector_revision, "The person detector"
        )
    for what, folder in folders.items():
        check_extractor_folder(folder, what)
    return folders


def check_extractor_folder(folder: Path, what: str) -> None:
    """ModelError unless the folder holds a transformers model with safetensors weights."""
    if not (folder / "config.json").is_file():
        raise ModelError(
            f"{folder} has no config.json, so it is not a transformers model folder ({what}). "
            "Choose the folder that holds config.json, or a Hub repo id."
        )
    if not any(folder.glob("*.safetensors")):
        raise ModelError(
            f"{folder} has no .safetensors weights ({what}). Storyreel loads safetensors only: "
            "use a model published with them, or download it again if the download was cut short."
        )


def folder_identity(folder: Path) -> str:
    """What names a model's version for the cache: the Hub commit of a cached snapshot, else its files' stamps."""
    if folder.parent.name == "snapshots" and _COMMIT.match(folder.name):
        return folder.name
    stamps = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        stat = path.stat()  # a changed weight file changes its size or time without reading gigabytes
        stamps.update(f"{path.relative_to(folder)}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return stamps.hexdigest()


def inference_device() -> str:
    """Where the extraction models run: the first CUDA GPU when there is one."""
    import torch

    return "cuda" if torch.cuda.is_available() else "cpu"


def load_extractor(settings: ControlSettings, folders: dict[str, Path]) -> Extractor:
    """A function from an RGB frame to its control frame (same size) for the settings' kind."""
    if settings.kind == "edges":
        return lambda frame: edge_frame(frame, settings.low_threshold, settings.high_threshold)
    if settings.kind == "depth":
        from engine.conditioning.depth_frames import DepthFrames

        return DepthFrames(folders["model"], inference_device())
    if settings.kind == "pose":
        from engine.conditioning.pose_frames import PoseFrames

        return PoseFrames(
            folders["model"],
            folders["detector"],
            settings.person_threshold,
            settings.keypoint_threshold,
            inference_device(),
        )
    return lambda frame: frame  # "video": the clip's own frames
