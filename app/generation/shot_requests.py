"""From a shot and the project's defaults to a fully resolved generation request, and shot status."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import secrets
from pathlib import Path
from typing import Any, TypedDict

from app.generation.planned_frames import first_set, planned_frames, preset_settings
from app.generation.shot_conditioning import (
    conditioning_key,
    continues_with_context,
    model_for,
    resolve_conditioning,
    uses_image,
)
from app.generation.shot_control import control_settings, resolve_control
from app.generation.shot_references import (
    check_mentions,
    references_key,
    require_reference_model,
    resolve_references,
    uses_references,
)
from app.presets.embedded import lora_specs, preset_name_for, shot_preset
from app.presets.preset import Preset
from app.project.cast_mentions import expand_mentions
from app.project.media_paths import UnsafePath
from app.project.project import Project
from app.project.shot import Shot, ShotState
from app.settings.model_settings import project_model
from engine.generation.direction_inputs import MIN_CONTEXT
from engine.generation.request import ControlConditioning, FrameSource, GenerationRequest, ModelSpec

MAX_SEED = 2**32 - 1


def random_seed() -> int:
    """A fresh seed for a shot that has none."""
    return secrets.randbelow(MAX_SEED + 1)


class ResolvedSettings(TypedDict):
    """A shot's effective generation settings: what its request is built from."""

    prompt: str  # through the preset's template
    negative_prompt: str  # the shot's, the preset's and the project's, joined
    width: int
    height: int
    num_frames: int
    fps: int
    num_inference_steps: int
    guidance_scale: float
    guidance_scale_2: float | None  # None: one scale for both experts


def resolved_settings(project: Project, shot: Shot, preset: Preset | None = None) -> ResolvedSettings:
    """The shot's effective settings (seed excluded): its own values, else its preset's, else the project's.

    The prompt goes through the preset's template; the negative prompt joins the shot's, the
    preset's and the project's. `preset` defaults to the shot's (a missing one is skipped here).
    """
    s, d = project.settings, project.settings.defaults
    preset = preset if preset is not None else shot_preset(project, shot, strict=False)
    p = preset_settings(preset)
    sent = expand_mentions(shot.prompt, project.cast).strip()  # @Name → the member's description
    prompt = preset.prompt_for(sent) if preset is not None else sent
    negatives = (shot.negative_prompt, preset.negative_prompt if preset else "", d.negative_prompt)
    return {
        "prompt": prompt,
        "negative_prompt": ", ".join(n.strip() for n in negatives if n.strip()),
        "num_frames": planned_frames(project, shot, p),
        "width": first_set(s.width, shot.width, p.width),
        "height": first_set(s.height, shot.height, p.height),
        "fps": first_set(s.fps, p.fps),
        "num_inference_steps": first_set(d.steps, shot.steps, p.steps),
        "guidance_scale": first_set(d.guidance_scale, shot.guidance_scale, p.guidance_scale),
        "guidance_scale_2": first_set(d.guidance_scale_2, shot.guidance_scale_2, p.guidance_scale_2),
    }


def preset_hash(project: Project, shot: Shot) -> str:
    """The generation hash of the shot's preset ("" for none; a marker for one the project lacks)."""
    name = preset_name_for(project, shot)
    if not name:
        return ""
    preset = shot_preset(project, shot, strict=False)
    return preset.generation_hash() if preset is not None else f"missing:{name}"


def request_key(project: Project, shot: Shot, pending: str | None = None) -> str:
    """A fingerprint of everything that decides a shot's frames; a take made from another is outdated.

    `pending`: the media path of the previous shot's queued take, for a shot that continues it.
    """
    data: dict[str, Any] = dict(resolved_settings(project, shot))
    data["seed"] = shot.seed
    s = project.settings
    data["model"] = [s.model, s.model_revision]
    if uses_references(project, shot):
        data["model"] = [s.vace_model, s.vace_model_revision]
        data["references"] = references_key(project, shot)  # members' descriptions and images, keyframes
    elif uses_image(shot) and (s.image_model or "").strip():
        data["model"] = [s.image_model, s.image_model_revision]
    if conditioning := conditioning_key(project, shot, pending):
        data["conditioning"] = conditioning  # only then: keys of text-only takes stay valid
    if preset_hash(project, shot):  # only then: keys of takes made without a preset stay valid
        data["preset"] = preset_hash(project, shot)
    if shot_quality(project, shot) == "draft":  # only then, as above: a shot set back to Final is outdated
        data["quality"] = "draft"
    blob = json.dumps(data, sort_keys=True, ensure_ascii=False).encode("utf-8")
    return hashlib.sha256(blob).hexdigest()[:16]


def shot_quality(project: Project, shot: Shot) -> str:
    """The shot's quality, else the project's: "draft" or "final"."""
    return shot.quality or project.settings.quality or "final"


def build_request(
    project: Project,
    shot: Shot,
    model: ModelSpec | None = None,
    seed: int | None = None,
    quality: str | None = None,
    pending: tuple[Path, str] | None = None,
) -> GenerationRequest:
    """The request for a new take of a shot; a random seed is drawn when the shot has none.

    `quality` overrides the shot's and the project's (render --quality, this run only). A shot with
    a start image goes to the project's image model (when it names one); `pending` is the previous
    shot's queued take (clip, media path) for a shot that continues it.
    """
    return build_request_with_record(project, shot, model, seed, pending, quality)[0]


def build_request_with_record(
    project: Project,
    shot: Shot,
    model: ModelSpec | None = None,
    seed: int | None = None,
    pending: tuple[Path, str] | None = None,
    quality: str | None = None,
) -> tuple[GenerationRequest, dict[str, Any]]:
    """build_request, and the conditioning record the take will keep."""
    if not shot.prompt.strip():
        raise ValueError(f"{shot.named()} has no prompt")
    check_mentions(project, shot)  # an unknown @Name: refused before anything is read or queued
    chosen = seed if seed is not None else shot.seed if shot.seed is not None else random_seed()
    base = model or project_model(project)
    context = continues_with_context(project, shot)
    references = uses_references(project, shot) or context
    spec = require_reference_model(project, shot, base) if references else model_for(project, shot, base)
    preset = shot_preset(project, shot)  # strict: a preset the project lacks is an error here
    settings = resolved_settings(project, shot, preset)
    request = GenerationRequest(
        seed=chosen,
        model=spec,
        loras=lora_specs(project, preset),
        quality=quality or shot_quality(project, shot),
        step_cache=spec.step_cache,
        cache_threshold=spec.cache_threshold,
        **settings,
    )
    if references:
        # Start and end images are the first and last keyframes there; the record is the sidecar's.
        conditioning, record = resolve_references(project, shot, settings["num_frames"])
        request = dataclasses.replace(request, references=conditioning)
        if context:
            # The previous take's last frames as known frames, read when the job runs (it may be queued).
            images, continued = resolve_conditioning(project, shot, pending)
            source = None if images is None else images.image
            if not isinstance(source, FrameSource):  # resolve_conditioning gives a continued shot one
                raise TypeError("a continued shot starts from a frame of the previous take")
            known = ControlConditioning("known", source.clip)
            request, record = dataclasses.replace(request, control=known), {**continued, **record}
            record["context"] = MIN_CONTEXT
        if shot.control is not None:
            size = (settings["num_frames"], settings["width"], settings["height"], settings["fps"])
            control, control_record = resolve_control(project, shot, control_settings(shot, *size))
            request, record = dataclasses.replace(request, control=control), {**record, **control_record}
        return request, record
    images, record = resolve_conditioning(project, shot, pending)
    return dataclasses.replace(request, images=images), record


def shot_status(project: Project, shot: Shot) -> ShotState:
    """no take / ready / outdated / failed / missing, for cards, `info` and the render plan."""
    take = shot.active
    if take is None:
        return ShotState.FAILED if shot.error else ShotState.NO_TAKE
    try:
        path = project.take_path(take)
    except UnsafePath:  # a link planted in the media folder: the take is not there for us
        return ShotState.MISSING
    if path is not None and not path.exists():
        return ShotState.MISSING
    if take.request_key and take.request_key != request_key(project, shot):
        return ShotState.OUTDATED
    if take.request_key and take.preset_hash != preset_hash(project, shot):
        return ShotState.OUTDATED  # made with another preset's template, negative, LoRAs or settings
    return ShotState.READY
