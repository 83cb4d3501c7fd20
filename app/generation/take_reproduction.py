"""A take's request rebuilt from its metadata alone: same prompt, seed, settings, model, images and LoRAs.

The take's sidecar (take-001.json beside take-001.mp4) is enough: request_from_sidecar needs no .reel.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from pathlib import Path
from typing import Any

from app.generation.conditioning_error import ConditioningError
from app.generation.direction_record import DIRECTION_RECORDS, direction_of, recorded_path
from app.generation.shot_references import REFERENCE_RECORD
from app.project.cast_images import cast_image_bytes
from app.project.json_limits import UnsafeJson, loads_strict
from app.project.media_paths import UnsafePath, contained
from app.project.project import Project
from app.project.shot import Take
from app.project.shot_images import shot_image_bytes
from app.project.shot_inputs import IMAGE_FITS, ShotImage
from engine.backends.take_record import sidecar_path
from engine.generation.request import (
    DEFAULT_OVERLAP,
    ControlConditioning,
    FrameSource,
    GenerationRequest,
    ImageConditioning,
    Keyframe,
    LoraSpec,
    ModelSpec,
    ReferenceConditioning,
)
from engine.values import is_json_int, is_json_number

MAX_SIDECAR_BYTES = 1 << 20  # a take's record is a few kilobytes


def _image(project: Project, entry: object, which: str) -> bytes | None:
    if entry is None:
        return None
    if not isinstance(entry, dict):
        raise ConditioningError(f"the take's {which} record is not an image entry")
    image = ShotImage(path=str(entry.get("path")), sha256=str(entry.get("sha256")))
    return shot_image_bytes(project, image)


def _continued(project: Project, record: dict[str, Any]) -> FrameSource:
    """The frame of the take a continued take started from (by its media path, which the sidecar keeps)."""
    relative = record.get("from_path")
    if not isinstance(relative, str):
        try:
            take = project.shot(str(record.get("from_shot"))).take(str(record.get("from_take")))
        except KeyError:
            take = None
        if take is None:
            raise ConditioningError(f"the take it continued ({record.get('from_take')}) is gone")
        relative = take.path
    frame = record.get("from_frame")
    media = project.media_dir
    if media is None:
        raise ConditioningError("save the project first: takes live beside the project file")
    try:
        clip = contained(media, relative)
    except UnsafePath as exc:
        raise ConditioningError(str(exc)) from None
    if not clip.is_file():
        raise ConditioningError(f"the take it continued ({relative}) is gone")
    return FrameSource(clip, frame if is_json_int(frame) else None)


def _entries(record: dict[str, Any], key: str) -> list[dict[str, Any]]:
    entries = record.get(key)
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise ConditioningError(f"the take's {key} record is not a list of image entries")
    return entries


def references_of(project: Project, take: Take) -> ReferenceConditioning | None:
    """The reference images and keyframes a reference take was made from, read back from the media
    folder by their recorded paths and checked by hash (None: not a reference take)."""
    record = take.conditioning or {}
    if not any(key in record for key in REFERENCE_RECORD):
        return None
    images = tuple(
        cast_image_bytes(project, ShotImage(path=str(e.get("path")), sha256=str(e.get("sha256"))))
        for e in _entries(record, "references")
    )
    keyframes: list[Keyframe] = []
    fits = []
    for entry in _entries(record, "keyframes"):
        frame = entry.get("frame")
        if not is_json_int(frame) or frame < 0:
            raise ConditioningError(f"the take's keyframe record {str(entry)[:120]} has no valid frame")
        data = _image(project, entry, f"keyframe at frame {frame}")
        keyframes.append(Keyframe(frame, data or b""))
        fits.append(entry.get("fit"))
    fit = fits[0] if fits and fits[0] in IMAGE_FITS else "fill"
    return ReferenceConditioning(images, tuple(sorted(keyframes, key=lambda k: k.frame)), fit)


def control_of(project: Project, take: Take) -> ControlConditioning | None:
    """The control frames a take followed: its record's folder in FILM.media/control/, checked to stay
    inside the media folder (None: no control)."""
    conditioning = take.conditioning or {}
    if conditioning.get("kind") == "continue" and "context" in conditioning:
        return ControlConditioning("known", _continued(project, conditioning).clip)
    record = conditioning.get("control")
    if not isinstance(record, dict):
        return None
    path, strength = record.get("path"), record.get("strength", 1.0)
    if not is_json_number(strength):
        raise ConditioningError(f"the take's control record {str(record)[:120]} gives no strength")
    folder = recorded_path(project, path, "control frames")
    if not folder.is_dir():
        raise ConditioningError(f"the take's control frames {path} are not in the media folder")
    return ControlConditioning("control", folder, float(strength))


def conditioning_of(project: Project, take: Take) -> ImageConditioning | None:
    """The stills a take was generated from, read back from the media folder (None: text only, or a
    reference take, whose start and end images are keyframes: references_of)."""
    record = take.conditioning or {}
    if not record or any(key in record for key in (*REFERENCE_RECORD, *DIRECTION_RECORDS)):
        return None
    fit = record.get("image", {}).get("fit") if isinstance(record.get("image"), dict) else None
    last = _image(project, record.get("last_image"), "end image")
    if record.get("kind") == "continue":  # a continued start is filled to the shot's size (shot_conditioning)
        return ImageConditioning(_continued(project, record), last, "fill")
    start = _image(project, record.get("image"), "start image")
    if start is None:
        raise ConditioningError("the take's record names no start image")
    return ImageConditioning(start, last, fit if fit in IMAGE_FITS else "fill")


def read_sidecar(clip: Path) -> dict[str, Any]:
    """A take's sidecar record (bounded, strict JSON); ConditioningError if it is missing or damaged."""
    path = sidecar_path(clip)
    try:
        with open(path, "rb") as handle:
            raw = handle.read(MAX_SIDECAR_BYTES + 1)
        if len(raw) > MAX_SIDECAR_BYTES:
            raise ConditioningError(f"{path}: too large to be a take's record")
        record = loads_strict(raw.decode("utf-8"))
    except (OSError, UnicodeDecodeError, UnsafeJson, json.JSONDecodeError) as exc:
        raise ConditioningError(f"{path}: the take's record cannot be read ({exc})") from None
    if not isinstance(record, dict):
        raise ConditioningError(f"{path}: not a take's record")
    return record


def sidecar_loras(project: Project, record: dict[str, Any]) -> tuple[LoraSpec, ...]:
    """The LoRAs a sidecar says its take was made with, found in the media folder and checked by hash."""
    media = project.media_dir
    made_from = record.get("made_from")
    loras = made_from.get("loras") if isinstance(made_from, dict) else None
    if not loras or media is None:
        return ()
    specs = []
    for lora in loras:
        try:
            path = contained(media, str(lora["file"]))
            data = path.read_bytes()
        except (KeyError, TypeError, UnsafePath, OSError) as exc:
            raise ConditioningError(f"the take's LoRA {lora!r} cannot be used ({exc})") from None
        if lora.get("sha256") and hashlib.sha256(data).hexdigest() != lora["sha256"]:
            raise ConditioningError(f"the take's LoRA {lora['file']} changed since the take was made")
        specs.append(LoraSpec(str(path), float(lora.get("weight", 1.0)), str(lora.get("expert", "both"))))
    return tuple(specs)


def request_from_sidecar(film: Path, clip: Path, model: ModelSpec | None = None) -> GenerationRequest:
    """The request that makes a take again from its sidecar alone (film: the .reel it belongs to, which
    may be gone: only its media folder is used)."""
    project = Project()
    project.path = Path(film).resolve()
    record = read_sidecar(clip)
    names = {f.name for f in dataclasses.fields(Take)} - {"id", "path", "conditioning"}
    found = record.get("made_from")
    made_from: dict[str, Any] = found if isinstance(found, dict) else {}
    conditioning = dict(made_from.get("conditioning") or {})
    conditioning.update({k: made_from[k] for k in DIRECTION_RECORDS if k in made_from})
    take = Take(
        id="sidecar",
        path=str(clip),
        conditioning=conditioning,
        **{k: v for k, v in record.items() if k in names},
    )
    return request_from_take(project, take, model, sidecar_loras(project, record))


def request_from_take(
    project: Project, take: Take, model: ModelSpec | None = None, loras: tuple[LoraSpec, ...] | None = None
) -> GenerationRequest:
    """The request that makes this take again (on `model`, default the take's own model and placement).

    loras: default, those the take's sidecar records.
    """
    if loras is None:
        clip = project.take_path(take)
        loras = (
            sidecar_loras(project, read_sidecar(clip))
            if clip is not None and sidecar_path(clip).is_file()
            else ()
        )
    spec = model or ModelSpec(
        take.model, take.model_revision, device=take.device or None, dtype=take.dtype or None
    )
    segments = take.segments or {}
    # A repaint or an extension is remade from the take it started from; its run is the context + new frames.
    direction = direction_of(project, take.conditioning or {}, take.frames)
    control, num_frames = direction or (control_of(project, take), take.frames)
    return GenerationRequest(
        prompt=take.prompt,
        negative_prompt=take.negative_prompt,
        seed=int(take.seed or 0),
        num_frames=num_frames,
        width=take.width,
        height=take.height,
        fps=take.fps,
        num_inference_steps=take.steps,
        guidance_scale=take.guidance_scale,
        guidance_scale_2=take.guidance_scale_2,
        model=spec,
        loras=loras,
        images=conditioning_of(project, take),
        references=references_of(project, take),
        control=control,
        segment_frames=segments.get("length") or None,
        segment_overlap=int(segments.get("overlap", DEFAULT_OVERLAP)),
        colour_match="colour_match" in segments,
    )
