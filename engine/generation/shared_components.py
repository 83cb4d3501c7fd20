"""What a model about to load can take from the loaded one: its text encoder, VAE and tokenizer, where
their files are the same (by content, not by folder name), so two Wan models never hold two copies."""

from __future__ import annotations

import hashlib
import json
import logging
import re
from pathlib import Path
from typing import Any

from engine.generation.loaded_pipeline import LoadedPipeline

log = logging.getLogger(__name__)

SHARABLE = ("text_encoder", "vae", "tokenizer")
# The group and sequential offload hooks (and sequential's meta weights) belong to one pipeline; model
# offload's hooks are taken off and put back by the new pipeline's enable_model_cpu_offload.
SHARING_PROFILES = ("none", "model_offload")
_SHA256 = re.compile(r"^[0-9a-f]{64}$")
_DIGESTS: dict[
    tuple[str, int, int], str
] = {}  # (resolved path, size, mtime) → sha256: an 11 GB encoder is read once


def file_digest(path: Path) -> str:
    """The file's SHA-256: a Hugging Face cache blob's name (that is its LFS hash), else read and hashed once."""
    real = path.resolve()
    if real.parent.name == "blobs" and _SHA256.match(real.name):
        return real.name
    stat = real.stat()
    key = (str(real), stat.st_size, stat.st_mtime_ns)
    if key not in _DIGESTS:
        digest = hashlib.sha256()
        with real.open("rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                digest.update(block)
        _DIGESTS[key] = digest.hexdigest()
    return _DIGESTS[key]


def _files(folder: Path) -> dict[str, Path]:
    return {p.relative_to(folder).as_posix(): p for p in sorted(folder.rglob("*")) if p.is_file()}


def same_component(a: Path, b: Path, component: str) -> bool:
    """Whether the component folders of two models hold the same files, byte for byte."""
    index_a, index_b = (_index_entry(folder, component) for folder in (a, b))
    if index_a is None or index_a != index_b:
        return False
    files_a, files_b = _files(a / component), _files(b / component)
    if not files_a or files_a.keys() != files_b.keys():
        return False
    # Sizes first: hashing is only for files that could be equal.
    if any(files_a[n].stat().st_size != files_b[n].stat().st_size for n in files_a):
        return False
    return all(
        files_a[n].resolve() == files_b[n].resolve() or file_digest(files_a[n]) == file_digest(files_b[n])
        for n in files_a
    )


def _index_entry(folder: Path, component: str) -> list[Any] | None:
    """The component's [library, class] in model_index.json (None when it has none)."""
    try:
        index = json.loads((folder / "model_index.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    entry = index.get(component) if isinstance(index, dict) else None
    return entry if isinstance(entry, list) and None not in entry else None


def shared_components(
    held: LoadedPipeline, folder: Path, device: str, dtype: str, profile: str
) -> dict[str, Any]:
    """The held pipeline's modules that a model in folder, placed on device in dtype, can use as they are."""
    if (held.device, held.dtype) != (device, dtype):
        return {}
    if held.spec.memory_profile not in SHARING_PROFILES or profile not in SHARING_PROFILES:
        return {}
    if held.model_dir.resolve() == folder.resolve():
        names = [n for n in SHARABLE if _index_entry(folder, n) is not None]
    else:
        names = [n for n in SHARABLE if same_component(held.model_dir, folder, n)]
    shared = {name: getattr(held.pipe, name) for name in names if getattr(held.pipe, name, None) is not None}
    if shared:
        log.info("%s shares %s with the loaded %s", folder.name, ", ".join(shared), held.model_dir.name)
    return shared
