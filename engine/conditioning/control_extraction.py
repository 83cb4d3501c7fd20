"""extract_control: a control clip → conditioning frames for a shot, computed once and kept in the cache."""

from __future__ import annotations

import io
import json
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from engine.conditioning.clip_conform import conformed_frames, shot_sources
from engine.conditioning.control_bounds import check_control_clip
from engine.conditioning.control_cache import (
    RECORD_NAME,
    building,
    cache_key,
    cached_entry,
    file_sha256,
    frame_name,
    write_file,
)
from engine.conditioning.control_settings import ControlSettings
from engine.conditioning.extractor_models import Extractor, extractor_folders, folder_identity, load_extractor
from engine.model_hub import ModelError
from engine.progress import LOADING, CancelToken, Progress, ProgressCallback, ignore_progress
from engine.video.video_io import ClipInfo

if TYPE_CHECKING:
    import numpy as np

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ControlFrames:
    """A shot's control frames in the cache, and the record its take's sidecar keeps of them."""

    folder: Path
    count: int
    record: dict[str, Any]

    def paths(self) -> list[Path]:
        """The PNG frames, in order."""
        return [self.folder / frame_name(index) for index in range(self.count)]

    def load(self) -> np.ndarray:
        """The frames as one (count, height, width, 3) uint8 RGB array."""
        import numpy as np
        from PIL import Image

        frames = []
        for path in self.paths():
            with Image.open(path) as image:
                frames.append(np.asarray(image.convert("RGB")))
        return np.stack(frames)


def extract_control(
    clip: Path,
    settings: ControlSettings,
    cache_dir: Path,
    cancel: CancelToken | None = None,
    on_progress: ProgressCallback = ignore_progress,
) -> ControlFrames:
    """The shot's control frames from clip, from the cache or computed into it (ControlError, ModelError, Cancelled).

    Every check (settings, the clip's length, size, streams and codec) comes before any frame is decoded.
    """
    settings.check()
    clip = Path(clip)
    info = check_control_clip(clip)
    clip_sha256 = file_sha256(clip, cancel)
    folders = extractor_folders(settings)
    models = {what: folder_identity(folder) for what, folder in folders.items()}
    key = cache_key(clip_sha256, settings.frame_fields(), models)
    record = {
        "path": str(cache_dir / key),
        "key": key,
        "clip": {"path": str(clip), "sha256": clip_sha256},
        "kind": settings.kind,
        "strength": settings.strength,
        "settings": settings.frame_fields(),
        "models": models,
        "frames": settings.frames,
    }
    if cached_entry(cache_dir, key, settings.frames) is not None:
        return ControlFrames(cache_dir / key, settings.frames, record)
    on_progress(Progress(LOADING, message=f"Loading the {settings.kind} control"))
    extractor = _load(settings, folders)
    sources = shot_sources(settings, info.frame_count, info.fps)
    with building(cache_dir, key) as tmp:
        _extract(tmp, clip, info, settings, sources, extractor, cancel, on_progress)
        stored = {name: value for name, value in record.items() if name not in ("path", "strength")}
        write_file(tmp / RECORD_NAME, json.dumps(stored, indent=1, sort_keys=True).encode())
    return ControlFrames(cache_dir / key, settings.frames, record)


def _load(settings: ControlSettings, folders: dict[str, Path]) -> Extractor:
    try:
        return load_extractor(settings, folders)
    except ModelError:
        raise
    except Exception as exc:  # transformers raises many types for a folder it cannot load
        log.exception("loading the %s control model failed", settings.kind)
        where = ", ".join(str(folder) for folder in folders.values())
        raise ModelError(
            f"The {settings.kind} model in {where} could not be loaded ({type(exc).__name__}: {exc})."
        ) from exc


def _extract(
    folder: Path,
    clip: Path,
    info: ClipInfo,
    settings: ControlSettings,
    sources: list[int],
    extractor: Extractor,
    cancel: CancelToken | None,
    on_progress: ProgressCallback,
) -> None:
    """Write the shot's control frames into folder, each clip frame extracted once and held by no one after."""
    from PIL import Image

    shown_at: dict[int, list[int]] = {}  # clip frame → the shot's frames that show it
    for index, source in enumerate(sources):
        shown_at.setdefault(source, []).append(index)
    done, png = 0, b""
    for source, frame in conformed_frames(clip, info, settings, sources, cancel):
        out = io.BytesIO()
        Image.fromarray(extractor(frame)).save(out, format="PNG")
        png = out.getvalue()
        for index in shown_at.pop(source):
            write_file(folder / frame_name(index), png)
        done += 1
        on_progress(
            Progress(LOADING, done, len(shown_at) + done, message=f"Extracting {settings.kind} frames")
        )
    # A clip that decodes short of its header's count holds its last decoded frame.
    for indices in shown_at.values():
        for index in indices:
            write_file(folder / frame_name(index), png)
