"""Models from the Hugging Face Hub or a folder: repo ids, cached snapshots, and the error that says what to do."""

from __future__ import annotations

import re
from pathlib import Path

from engine.errors import StoryreelError

_REPO_ID = re.compile(r"^[A-Za-z0-9][\w.-]*/[\w.-]+$")


class ModelError(StoryreelError):
    """A model cannot be used; the message says what is wrong and what to do."""

    # The CLI, the endpoint and the window all show it: it names no place that only one of them has.
    hint = "Check the model's folder or Hub repo id, or download the model first."


def is_repo_id(source: str) -> bool:
    """Whether source reads as a Hub repo id ("owner/name") rather than a folder path."""
    return bool(_REPO_ID.match(source)) and not Path(source).expanduser().exists()


def model_folder(source: str, revision: str | None = None, what: str = "The model") -> Path:
    """The local folder of a model given as a folder or a Hub repo id (fetched or found in the cache)."""
    source = source.strip()
    if not source:
        raise ModelError(f"{what} has no source. Give a local model folder or a Hugging Face repo id.")
    if is_repo_id(source):
        return fetch_snapshot(source, revision, local_files_only=False)
    folder = Path(source).expanduser()
    if not folder.is_dir():
        raise ModelError(
            f"{what}'s folder {folder} does not exist. Give a folder holding the model "
            "(with config.json) or a Hugging Face repo id like 'owner/name'."
        )
    return folder.resolve()


def fetch_snapshot(repo_id: str, revision: str | None, local_files_only: bool) -> Path:
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


def safetensors_file(source: str, revision: str | None = None, what: str = "The model") -> Path | None:
    """A model's weights: source itself if it is a file, else the first .safetensors file of its folder or
    Hub repo; None where there is none (pickled .pth or .pkl weights are never loaded)."""
    path = Path(source.strip()).expanduser()
    if path.is_file():
        return path if path.suffix == ".safetensors" else None
    found = sorted(model_folder(source, revision, what).glob("*.safetensors"))
    return found[0] if found else None
