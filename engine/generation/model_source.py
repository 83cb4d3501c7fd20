"""Where a model comes from: a local diffusers folder or a Hub repo in the Hugging Face cache."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from engine.errors import StoryreelError
from engine.generation.request import ModelSpec

# Pipeline classes whose folders this app can load (model_index.json's _class_name).
WAN_PIPELINES = ("WanPipeline", "WanImageToVideoPipeline", "WanVACEPipeline")
_REPO_ID = re.compile(r"^[A-Za-z0-9][\w.-]*/[\w.-]+$")
_COMMIT = re.compile(r"^[0-9a-f]{40}$")
PICKLE_SUFFIXES = (".bin", ".pt", ".pth", ".ckpt", ".pkl", ".pickle")


class ModelError(StoryreelError):
    """A model cannot be used; the message says what is wrong and what to do."""

    # The CLI, the endpoint and the window all show it: it names no place that only one of them has.
    hint = "Check the model's folder or Hub repo id, or download the model first."


def is_repo_id(source: str) -> bool:
    """Whether source reads as a Hub repo id ("owner/name") rather than a folder path."""
    return bool(_REPO_ID.match(source)) and not Path(source).expanduser().exists()


def resolve_model(spec: ModelSpec, local_files_only: bool = False) -> tuple[Path, str | None]:
    """Return the local folder holding spec's model and its revision (a commit hash, or None)."""
    # The revision is the Hub commit hash for Hub repos and for folders inside the Hugging Face
    # cache (snapshots/<commit>/), and None for any other local folder: a plain folder has no
    # version of its own, and a hash of model_index.json alone would not notice changed weights.
    source = spec.source.strip()
    if not source:
        raise ModelError("No model was chosen. Pick a local model folder or a Hugging Face repo id.")
    if is_repo_id(source):
        folder = download_snapshot(source, spec.revision, local_files_only)
        check_model_folder(folder)
        return folder, folder.name if _COMMIT.match(folder.name) else None
    folder = Path(source).expanduser()
    if not folder.is_dir():
        raise ModelError(
            f"The model folder {folder} does not exist. Choose a folder that holds a diffusers "
            "Wan model (with model_index.json), or give a Hugging Face repo id like "
            "'Wan-AI/Wan2.2-T2V-A14B-Diffusers'."
        )
    folder = folder.resolve()
    check_model_folder(folder)
    in_cache = folder.parent.name == "snapshots" and _COMMIT.match(folder.name)
    return folder, folder.name if in_cache else None


def check_model_source(spec: ModelSpec) -> None:
    """Raise ModelError if spec's model surely cannot be used now; never downloads anything.

    A folder must hold a Wan pipeline with its weights; a repo id must be in the cache, or else
    downloadable (the Hub is not switched off with HF_HUB_OFFLINE).
    """
    from huggingface_hub import constants

    if is_repo_id(spec.source.strip()):
        try:
            resolve_model(spec, local_files_only=True)
        except ModelError:
            if constants.HF_HUB_OFFLINE:
                raise
        return
    resolve_model(spec)


def check_model_folder(folder: Path) -> dict[str, Any]:
    """Return the folder's model_index.json, or raise ModelError if it is not a Wan pipeline."""
    index = folder / "model_index.json"
    if not index.is_file():
        raise ModelError(
            f"{folder} has no model_index.json, so it is not a diffusers model folder. "
            "Choose the folder that contains model_index.json (a Wan 2.2 '-Diffusers' model)."
        )
    try:
        config: dict[str, Any] = json.loads(index.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ModelError(
            f"{index} cannot be read ({exc}). The download may be incomplete: download the model again."
        ) from exc
    name = config.get("_class_name") if isinstance(config, dict) else None
    if name not in WAN_PIPELINES:
        raise ModelError(
            f"{folder} holds a {name or 'unknown'} model, not a Wan video model "
            f"({', '.join(WAN_PIPELINES)}). Choose a Wan 2.2 T2V, I2V, TI2V or VACE '-Diffusers' model."
        )
    check_safetensors_only(folder, config)
    # Components keep their weights one level down (transformer/diffusion_pytorch_model*.safetensors).
    if not any(folder.glob("*/*.safetensors")):
        raise ModelError(
            f"{folder} has a model_index.json but no .safetensors weights in its component folders. "
            "The download may be incomplete: download the model again."
        )
    return config


def check_safetensors_only(folder: Path, config: dict[str, Any]) -> None:
    """Refuse a model any of whose components has pickle weights only (.bin, .pt): loading runs code.

    Looked at by file name alone, before any weight is read; from_pretrained is then told
    use_safetensors=True, so a folder holding both kinds loads its safetensors.
    """
    for component, spec in config.items():
        if component.startswith("_") or not isinstance(spec, list) or None in spec:
            continue
        part = folder / component
        if not part.is_dir():
            continue
        names = [p.name for p in part.iterdir()]
        pickles = sorted(n for n in names if n.endswith(PICKLE_SUFFIXES))
        if pickles and not any(n.endswith(".safetensors") for n in names):
            raise ModelError(
                f"{part} holds its weights only as {pickles[0]} (pickle), which can run code when "
                "loaded. Storyreel loads safetensors only: use a model published with .safetensors "
                "weights (every Wan 2.2 '-Diffusers' repo is), or convert this one."
            )


def download_snapshot(repo_id: str, revision: str | None, local_files_only: bool = False) -> Path:
    """Fetch (or find in the cache) a Hub snapshot; any failure becomes a ModelError."""
    from huggingface_hub import snapshot_download
    from huggingface_hub.errors import (
        GatedRepoError,
        LocalEntryNotFoundError,
        RepositoryNotFoundError,
        RevisionNotFoundError,
    )

    where = f"{repo_id}" + (f" (revision {revision})" if revision else "")
    try:
        return Path(snapshot_download(repo_id, revision=revision, local_files_only=local_files_only))
    except GatedRepoError as exc:
        raise ModelError(
            f"{where} is gated on Hugging Face. Accept its licence on the model page, log in with "
            "`hf auth login`, and try again, or choose a local model folder."
        ) from exc
    except RevisionNotFoundError as exc:
        raise ModelError(
            f"{where}: that revision does not exist on Hugging Face. Check the revision."
        ) from exc
    except RepositoryNotFoundError as exc:
        raise ModelError(
            f"{repo_id} was not found on Hugging Face (or it is private). Check the name, log in "
            "with `hf auth login` if it is private, or choose a local model folder."
        ) from exc
    except LocalEntryNotFoundError as exc:
        raise ModelError(
            f"{where} is not in the local Hugging Face cache and cannot be downloaded now "
            "(offline, HF_HUB_OFFLINE=1, or no network). Download it once with "
            f"`hf download {repo_id}` while online, or choose a local model folder."
        ) from exc
    except Exception as exc:  # network stacks raise many types; the user needs the same advice
        raise ModelError(
            f"{where} could not be fetched from Hugging Face ({type(exc).__name__}: {exc}). "
            f"Check your connection and try again, download it with `hf download {repo_id}`, "
            "or choose a local model folder."
        ) from exc
