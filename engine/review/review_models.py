"""The review's transformers models, from a Hub repo or a folder (fetched as Wan is), loaded once each."""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any

from engine.generation.model_download import hub_offline
from engine.model_hub import ModelError, fetch_snapshot, is_repo_id
from engine.review.review_config import ModelRef, ReviewError

_COMMIT = re.compile(r"^[0-9a-f]{40}$")


def resolve_review_model(ref: ModelRef) -> tuple[Path, str | None]:
    """The local folder of a review model and its revision (the Hub commit, or None for a folder)."""
    source = ref.source.strip()
    if not source:
        raise ReviewError("No review model was chosen for this scorer.")
    try:
        folder = _snapshot(source, ref.revision) if is_repo_id(source) else Path(source).expanduser()
    except ModelError as exc:
        raise ReviewError(str(exc)) from exc
    if not (folder / "config.json").is_file():
        raise ReviewError(f"{folder} holds no transformers model (no config.json).")
    folder = folder.resolve()
    in_cache = folder.parent.name == "snapshots" and _COMMIT.match(folder.name)
    return folder, folder.name if in_cache else None


def review_device() -> str:
    """Where the review's models run: the GPU the takes are made on when there is one (milliseconds there)."""
    import torch

    return "cuda" if torch.cuda.is_available() else "cpu"


def _snapshot(repo_id: str, revision: str | None) -> Path:
    """The cached snapshot with no network; else a download, unless the Hub is surely out of reach.

    Every take is scored: huggingface_hub retrying an unreachable Hub (about 25 s) must not be paid per take.
    """
    try:
        return fetch_snapshot(repo_id, revision, local_files_only=True)
    except ModelError:
        if hub_offline():
            raise
    return fetch_snapshot(repo_id, revision, local_files_only=False)


@functools.lru_cache(maxsize=4)
def _load(kind: str, folder: str, mtime_ns: int) -> tuple[Any, Any]:
    """Model and processor of one kind; safetensors only, since pickled weights can run code."""
    import transformers

    classes: dict[str, tuple[Any, Any]] = {
        "clip": (transformers.CLIPModel, transformers.CLIPProcessor),
        "dino": (transformers.Dinov2Model, transformers.AutoImageProcessor),
        "safety": (transformers.AutoModelForImageClassification, transformers.AutoImageProcessor),
        "aesthetics": (transformers.CLIPVisionModelWithProjection, transformers.AutoImageProcessor),
    }
    model_class, processor_class = classes[kind]
    try:
        model = model_class.from_pretrained(folder, use_safetensors=True).eval().to(review_device())
        processor = processor_class.from_pretrained(folder)
    except (OSError, ValueError, KeyError) as exc:
        raise ReviewError(f"The review model in {folder} cannot be loaded: {exc}") from exc
    return model, processor


def load_review_model(kind: str, ref: ModelRef) -> tuple[Any, Any, str, str | None]:
    """(model, processor, source, revision) for "clip", "dino", "safety" or "aesthetics"; ReviewError if unusable."""
    folder, revision = resolve_review_model(ref)
    model, processor = _load(kind, str(folder), (folder / "config.json").stat().st_mtime_ns)
    return model, processor, ref.source, revision or ref.revision
