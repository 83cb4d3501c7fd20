"""After a crash: adopt finished takes the project file never heard of, and clear stale temp files.

A take is written as its clip, then its sidecar, and only then recorded in the project. A kill
between the last two leaves a complete take on disk that the project does not list; generating it
again would waste a GPU generation, so it is adopted instead when it is what the shot would make.
"""

from __future__ import annotations

import logging
import os
import re
import stat
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from app.generation.shot_references import recorded_hashes, reference_hashes
from app.generation.shot_requests import preset_hash, request_key, resolved_settings
from app.presets.embedded import preset_name_for
from app.project.json_limits import UnsafeJson, loads_strict
from app.project.media_paths import UnsafePath, contained
from app.project.project import Project
from app.project.reel_file import validate_document
from app.project.shot import Shot, Take, new_id
from app.project.stale_files import remove_stale_temp_files

log = logging.getLogger(__name__)

_TAKE_CLIP = re.compile(r"^take-\d{3,}\.mp4$")
MAX_SIDECAR_BYTES = 1 << 20
_SHELL = {"format_version": 1, "settings": {"width": 1, "height": 1, "fps": 1}}
# What a sidecar must hold (take_record.take_metadata writes these) to count as a finished take.
_REQUIRED = {"prompt": str, "seed": int, "width": int, "height": int, "frames": int, "fps": int, "steps": int}


@dataclass
class CrashRecovery:
    """What tidying after a crash did: temp files removed, takes adopted (shot id, relative path)."""

    removed: list[Path] = field(default_factory=list)
    adopted: list[tuple[str, str]] = field(default_factory=list)


def read_sidecar(path: Path) -> dict[str, Any] | None:
    """A take's sidecar if it is complete and well-formed, else None (it is never trusted further)."""
    try:
        info = os.lstat(path)
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_SIDECAR_BYTES:
            return None
        doc = loads_strict(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError, UnsafeJson):
        return None
    if not isinstance(doc, dict):
        return None
    for name, kind in _REQUIRED.items():
        value = doc.get(name)
        if not isinstance(value, kind) or isinstance(value, bool):
            return None
    return doc


def matches_shot(project: Project, shot: Shot, meta: dict[str, Any]) -> bool:
    """Whether a take's record is what generating the shot now would give (up to snapping)."""
    want = resolved_settings(project, shot)
    same = (
        meta.get("prompt") == want["prompt"]
        and meta.get("negative_prompt", "") == want["negative_prompt"]
        and meta.get("steps") == want["num_inference_steps"]
        and meta.get("fps") == want["fps"]
        and meta.get("guidance_scale") == want["guidance_scale"]
        and meta.get("guidance_scale_2") == want["guidance_scale_2"]
        and (shot.seed is None or meta.get("seed") == shot.seed)
    )
    # A cast or keyframed shot's take was made from these very images (their hashes, in order).
    same = same and recorded_hashes(meta.get("made_from")) == reference_hashes(
        project, shot, want["num_frames"]
    )
    # Frames snap to 4k+1 and sizes to the model's multiple (at most 32): the applied values may differ.
    return (
        same
        and abs(meta["frames"] - want["num_frames"]) <= 2
        and abs(meta["width"] - want["width"]) < 32
        and abs(meta["height"] - want["height"]) < 32
    )


def _complete_clip(clip: Path, frames: int) -> bool:
    from engine.video.video_io import VideoError, probe

    try:
        return stat.S_ISREG(os.lstat(clip).st_mode) and probe(clip).frame_count == frames
    except (OSError, VideoError):
        return False


def orphan_takes(project: Project, shot: Shot) -> list[tuple[str, dict[str, Any]]]:
    """(relative path, sidecar) of every complete take in the shot's folder that the project does not list."""
    media = project.media_dir
    if media is None:
        return []
    try:
        folder = contained(media, shot.id)
        names = sorted(entry.name for entry in folder.iterdir() if _TAKE_CLIP.match(entry.name))
    except (UnsafePath, OSError):
        return []
    listed = {take.path for take in shot.takes}
    found = []
    for name in names:
        relative = f"{shot.id}/{name}"
        if relative in listed:
            continue
        clip = folder / name
        meta = read_sidecar(clip.with_suffix(".json"))
        if meta is not None and _complete_clip(clip, meta["frames"]):
            found.append((relative, meta))
    return found


def adopt_orphans(project: Project) -> list[tuple[str, str]]:
    """Add each shot's complete unlisted take that matches its settings (the newest becomes active)."""
    names = {f.name for f in fields(Take)} - {
        "id",
        "path",
        "request_key",
        "preset",
        "preset_hash",
        "imported",
    }
    adopted = []
    for shot in project.shots:
        for relative, meta in orphan_takes(project, shot):
            if not matches_shot(project, shot, meta):
                log.info("left %s alone: it was made with other settings than the shot's", relative)
                continue
            take = Take(
                id=new_id(),
                path=relative,
                request_key=request_key(project, shot),
                preset=preset_name_for(project, shot),
                preset_hash=preset_hash(project, shot),
                **{k: v for k, v in meta.items() if k in names},
            )
            made_from = meta.get("made_from")
            if isinstance(made_from, dict) and isinstance(made_from.get("conditioning"), dict):
                take.conditioning = dict(made_from["conditioning"])  # what it started from, as recorded
            try:  # the sidecar came from disk: what it adds must still make a valid project file
                validate_document(
                    {**_SHELL, "shots": [{"id": shot.id, "prompt": "", "takes": [asdict(take)]}]}
                )
            except ValueError as exc:
                log.info("left %s alone: its record does not fit a project (%s)", relative, exc)
                continue
            project.add_take(shot.id, take)
            adopted.append((shot.id, relative))
            log.info("adopted the finished take %s, which the project did not list", relative)
    return adopted


def recover_after_crash(project: Project, before: float | None = None) -> CrashRecovery:
    """Remove stale temp files and adopt orphaned finished takes (at open and before a render)."""
    if project.path is None:
        return CrashRecovery()
    return CrashRecovery(remove_stale_temp_files(project, before), adopt_orphans(project))
