"""Repaint a region of a take, or extend it: a new take of the shot planned on the reference (VACE) model
from the active take's frames (app → engine ControlConditioning), queued or run like any other take."""

from __future__ import annotations

import dataclasses
import hashlib
from pathlib import Path
from typing import Any

from app.generation.conditioning_error import ConditioningError
from app.generation.shot_references import NO_REFERENCE_MODEL_HINT, reference_model
from app.generation.shot_requests import build_request_with_record, preset_hash, request_key
from app.generation.take_generation import TakePlan, next_take_path
from app.generation.take_given_frames import MASK_FOLDER, extend_control, repaint_control
from app.presets.embedded import lora_records, preset_name_for, shot_preset
from app.project.media_paths import UnsafePath, contained
from app.project.project import Project
from app.project.shot import Shot, Take
from app.settings.model_settings import project_model
from engine.conditioning.control_bounds import MAX_CONTROL_FRAMES, check_control_clip, read_mask
from engine.conditioning.control_cache import file_sha256
from engine.conditioning.control_settings import ControlError
from engine.generation.direction_inputs import MIN_CONTEXT
from engine.generation.request import ControlConditioning, ModelSpec
from engine.generation.run_length import one_run_frames
from engine.generation.still_image import png_bytes
from engine.storage.atomic_file import write_bytes_atomic
from engine.video.video_io import VideoError, probe, read_frames

MAX_EXTEND_FRAMES = 120  # new frames per extension; the model's one run is the real bound (checked first)
STILL_MASK_SUFFIXES = (".png", ".jpg", ".jpeg", ".webp")


def _active(project: Project, shot_id: str, what: str) -> tuple[Shot, Take, Path]:
    shot = project.shot(shot_id)
    take = shot.active
    if take is None:
        raise ConditioningError(f"{shot.named()} has no take to {what}.", "Generate it first.")
    try:
        clip = project.take_path(take)
    except UnsafePath as exc:
        raise ConditioningError(str(exc), exc.hint) from None
    if clip is None or not clip.is_file():
        raise ConditioningError(f"The take {take.path} of {shot.named()} is not on disk.")
    return shot, take, clip


def mask_clip_frames(mask: Path, width: int, height: int, count: int) -> Any:
    """A mask clip's frames as (count, height, width) uint8 brightness, checked before a frame is decoded:
    its length, size, streams and codec from its headers, its size and frame count against the take's."""
    import numpy as np
    from PIL import Image

    info = check_control_clip(mask)  # length, size, streams, codec: from its headers
    if (info.width, info.height) != (width, height):
        raise ControlError(
            f"The mask clip {mask} is {info.width}×{info.height} but the take is {width}×{height}; "
            "make the mask at the take's size."
        )
    if info.frame_count != count:
        raise ControlError(f"The mask clip {mask} has {info.frame_count} frames; the take has {count}.")
    frames = read_frames(mask, 0, count)
    return np.stack([np.asarray(Image.fromarray(f).convert("L")) for f in frames])


def _mask_pngs(mask: Path, width: int, height: int, count: int) -> tuple[tuple[bytes, ...], list[str]]:
    """A still mask (one PNG) or a mask clip (one per frame), checked before its pixels are decoded."""
    from PIL import Image

    if mask.suffix.lower() in STILL_MASK_SUFFIXES:
        grey, notice = read_mask(mask, width, height)
        return (png_bytes(Image.fromarray(grey, "L")),), [notice] if notice else []
    frames = mask_clip_frames(mask, width, height, count)
    return tuple(png_bytes(Image.fromarray(f, "L")) for f in frames), []


def take_mask_clip(project: Project, shot_id: str, mask: Path) -> Any:
    """The frames of a mask clip for the shot's active take (the window's Load Mask Clip…), checked as
    repaint_take checks it."""
    _, take, clip = _active(project, shot_id, "repaint")
    try:
        info = probe(clip)
    except VideoError as exc:
        raise ConditioningError(f"The take {take.path} cannot be read: {exc}") from None
    return mask_clip_frames(Path(mask), info.width, info.height, min(info.frame_count, MAX_CONTROL_FRAMES))


def _keep_masks(project: Project, masks: tuple[bytes, ...]) -> list[dict[str, str]]:
    """Keep each mask in FILM.media/masks/ under its hash (once); their records for the sidecar, one per
    mask in order, so a mask clip is made again frame for frame."""
    assert project.media_dir is not None
    kept = []
    for data in masks:
        digest = hashlib.sha256(data).hexdigest()
        relative = f"{MASK_FOLDER}/{digest}.png"
        dest = contained(project.media_dir, relative)
        if not dest.is_file():
            write_bytes_atomic(dest, data)
        kept.append({"path": relative, "sha256": digest})
    return kept


def _reference(project: Project, shot: Shot, model: ModelSpec | None) -> ModelSpec:
    spec = reference_model(project, model or project_model(project))
    if spec is None:
        raise ConditioningError(
            f"{shot.named()}: repainting and extending need a reference model, and the film has none.",
            NO_REFERENCE_MODEL_HINT,
        )
    return spec


def _plan(
    project: Project,
    shot: Shot,
    take: Take,
    control: ControlConditioning,
    made: dict[str, Any],
    num_frames: int,
    model: ModelSpec | None,
    seed: int | None,
    prompt: str | None,
    reserved: set[str] | None,
) -> TakePlan:
    """The new take's plan: the shot's settings at the take's size, on the reference model, given control."""
    base = model or project_model(project)
    spec = _reference(project, shot, base)
    # The shot as it was made, minus what would pin its frames twice (the take's frames are given instead).
    bare = dataclasses.replace(
        shot,
        prompt=prompt if prompt is not None else shot.prompt,
        keyframes=[],
        control=None,
        start_image=None,
        end_image=None,
        continue_previous=False,
        frames=num_frames,
        width=take.width or shot.width,
        height=take.height or shot.height,
    )
    request, record = build_request_with_record(project, bare, model=base, seed=seed)
    request = dataclasses.replace(request, model=spec, control=control)
    clip, relative = next_take_path(project, shot, reserved)
    made_from: dict[str, object] = {
        "conditioning": record,
        "preset": preset_name_for(project, shot),
        "preset_hash": preset_hash(project, shot),
        "loras": lora_records(shot_preset(project, shot)),
        **{k: v for k, v in record.items() if k in ("cast", "references")},
        **made,
    }
    request = dataclasses.replace(request, made_from=made_from)
    key = request_key(project, shot)
    preset, digest = preset_name_for(project, shot), preset_hash(project, shot)
    return TakePlan(shot.id, request, clip, relative, key, preset, digest, {**record, **made})


def repaint_take(
    project: Project,
    shot_id: str,
    mask: Path,
    prompt: str | None = None,
    seed: int | None = None,
    model: ModelSpec | None = None,
    reserved: set[str] | None = None,
) -> tuple[TakePlan, list[str]]:
    """Plan a new take of the shot: its active take repainted where the mask is white (a still or a mask
    clip at the take's size), the rest of its pixels kept. Returns the plan and notices (a converted mask)."""
    shot, take, clip = _active(project, shot_id, "repaint")
    try:
        info = probe(clip)
    except VideoError as exc:
        raise ConditioningError(f"The take {take.path} cannot be read: {exc}") from None
    count = min(info.frame_count, MAX_CONTROL_FRAMES)
    if count % 4 != 1:
        raise ConditioningError(
            f"The take {take.path} has {count} frames; the reference model repaints takes of 4k+1 frames.",
            "Repaint a take Storyreel generated, or trim the clip to 4k+1 frames.",
        )
    limit = one_run_frames(_reference(project, shot, model))
    if count > limit:
        raise ConditioningError(
            f"The take {take.path} has {count} frames, and the reference model repaints at most {limit} in one run.",
            "Repaint a shorter take.",
        )
    masks, notices = _mask_pngs(Path(mask), info.width, info.height, count)
    control = repaint_control(clip, count, masks)
    source = {"from_take": take.id, "from_path": take.path, "sha256": file_sha256(clip)}
    made = {"repaint": {**source, "masks": _keep_masks(project, masks)}}
    return _plan(project, shot, take, control, made, count, model, seed, prompt, reserved), notices


def context_frames(new_frames: int) -> int:
    """How many known frames an extension by new_frames gives: at least MIN_CONTEXT, so that the run's
    frame count (context + new) is 4k+1 as Wan makes them and exactly new_frames are added."""
    return MIN_CONTEXT + (1 - MIN_CONTEXT - new_frames) % 4


def extend_take(
    project: Project,
    shot_id: str,
    frames: int,
    before: bool = False,
    seed: int | None = None,
    model: ModelSpec | None = None,
    reserved: set[str] | None = None,
) -> TakePlan:
    """Plan a new take of the shot: its active take with `frames` new frames after it (or before), made
    from its last (or first) frames as known frames, so the motion goes on with its direction and speed."""
    shot, take, clip = _active(project, shot_id, "extend")
    if not 1 <= frames <= MAX_EXTEND_FRAMES:
        raise ConditioningError(
            f"An extension adds 1 to {MAX_EXTEND_FRAMES} frames, not {frames}.", "Extend again for more."
        )
    try:
        info = probe(clip)
    except VideoError as exc:
        raise ConditioningError(f"The take {take.path} cannot be read: {exc}") from None
    context = context_frames(frames)
    if info.frame_count < context:
        raise ConditioningError(
            f"The take {take.path} has {info.frame_count} frames; extending by {frames} continues from {context}."
        )
    if info.frame_count + frames > MAX_CONTROL_FRAMES:
        raise ConditioningError(f"An extended take holds at most {MAX_CONTROL_FRAMES} frames.")
    total = context + frames
    # Refused here, from the take's header and the model's configs, before a frame is decoded.
    limit = one_run_frames(_reference(project, shot, model))
    if total > limit:
        raise ConditioningError(
            f"Extending {take.path} by {frames} frames needs a run of {total} frames ({context} of the take's "
            f"and {frames} new ones), and the reference model makes at most {limit} in one run.",
            f"Extend by at most {limit - MIN_CONTEXT} frames (extend again for more).",
        )
    control = extend_control(clip, info.frame_count, context, frames, before)
    made = {
        "extend": {
            "from_take": take.id,
            "from_path": take.path,
            "sha256": file_sha256(clip),
            "frames": frames,
            "before": before,
            "context": context,
        }
    }
    return _plan(project, shot, take, control, made, total, model, seed, None, reserved)
