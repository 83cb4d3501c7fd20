"""Downloading a model from the Hugging Face Hub with progress, cancellation and a disk space check."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from engine.generation.model_source import ModelError, check_model_folder, is_repo_id
from engine.progress import Cancelled, CancelToken

if TYPE_CHECKING:
    from tqdm.auto import tqdm

# Room kept free beyond the download itself (the OS, temporary files, the project's takes).
DISK_MARGIN = 2 * 1024**3


@dataclass(frozen=True)
class DownloadProgress:
    """Bytes fetched so far of the known total (both grow as files start), and files finished."""

    done_bytes: int
    total_bytes: int
    done_files: int
    total_files: int


DownloadCallback = Callable[[DownloadProgress], None]


def hub_cache_dir() -> Path:
    """Where huggingface_hub keeps downloaded models."""
    from huggingface_hub import constants

    return Path(constants.HF_HUB_CACHE)


def repo_size(repo_id: str, revision: str | None = None) -> int | None:
    """Total bytes of a Hub repo's files (None when offline or unknown)."""
    from huggingface_hub import HfApi

    try:
        info = HfApi().model_info(repo_id, revision=revision, files_metadata=True)
    except Exception:  # offline, gated, not found: the download itself will say what is wrong
        return None
    sizes = [s.size for s in (info.siblings or []) if s.size]
    return sum(sizes) if sizes else None


def free_space(folder: Path) -> int:
    """Free bytes on the disk holding folder (its nearest existing parent)."""
    folder = Path(folder)
    while not folder.exists() and folder.parent != folder:
        folder = folder.parent
    return shutil.disk_usage(folder).free


def check_disk_space(needed: int | None, folder: Path) -> None:
    """Raise ModelError if the disk holding folder cannot take needed bytes plus a margin."""
    if needed is None:
        return
    free = free_space(folder)
    if free < needed + DISK_MARGIN:
        raise ModelError(
            f"The model needs {needed / 1024**3:.1f} GB but only {free / 1024**3:.1f} GB is free "
            f"on the disk holding {folder}. Free some space, or set HF_HOME to a larger disk."
        )


def progress_tqdm(on_progress: DownloadCallback, cancel: CancelToken) -> type[tqdm]:
    """A tqdm class for snapshot_download that reports bytes and files, and stops when cancelled."""
    from tqdm.auto import tqdm

    state = {"bytes": 0, "total": 0, "files": 0, "file_total": 0}

    class _Tqdm(tqdm):  # type: ignore[misc]  # tqdm ships no types; it is Any to mypy
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            self._kind = (
                "bytes"
                if kwargs.get("unit") == "B" and "Reconstruct" in str(kwargs.get("desc"))
                else "files"
                if kwargs.get("unit") != "B"
                else "other"
            )
            kwargs["disable"] = True
            super().__init__(*args, **kwargs)
            if self._kind == "files":
                state["file_total"] = int(kwargs.get("total") or 0)

        def update(self, n: float | None = 1) -> bool | None:
            cancel.check()
            if self._kind == "bytes":
                state["bytes"] += int(n or 0)
                state["total"] = max(state["total"], int(self.total or 0))
            elif self._kind == "files":
                state["files"] += int(n or 0)
            on_progress(DownloadProgress(state["bytes"], state["total"], state["files"], state["file_total"]))
            return None

        def __iter__(self) -> Iterator[Any]:
            for item in super().__iter__():
                cancel.check()
                yield item
                self.update(1)

    return _Tqdm


def download_model(
    repo_id: str,
    revision: str | None = None,
    on_progress: DownloadCallback = lambda p: None,
    cancel: CancelToken | None = None,
    check_space: bool = True,
) -> Path:
    """Fetch a Hub model into the Hugging Face cache; returns its snapshot folder (ModelError on failure)."""
    from huggingface_hub import snapshot_download

    if not is_repo_id(repo_id):
        raise ModelError(
            f"{repo_id!r} is not a Hugging Face repo id (like 'Wan-AI/Wan2.2-T2V-A14B-Diffusers')."
        )
    cancel = cancel or CancelToken()
    if check_space:
        check_disk_space(repo_size(repo_id, revision), hub_cache_dir())
    try:
        folder = Path(
            snapshot_download(repo_id, revision=revision, tqdm_class=progress_tqdm(on_progress, cancel))
        )
    except Cancelled:
        raise
    except Exception as exc:
        if cancel.cancelled:
            raise Cancelled() from exc
        raise ModelError(
            f"{repo_id} could not be downloaded ({type(exc).__name__}: {exc}). Check the name, "
            "your connection and your Hugging Face login (`hf auth login` for gated models)."
        ) from exc
    check_model_folder(folder)
    return folder
