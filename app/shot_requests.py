"""From a shot and the project's defaults to a fully resolved generation request, and shot status."""

from __future__ import annotations

import hashlib
import json
import secrets

from app.project import FAILED, MISSING, NO_TAKE, OUTDATED, READY, Project, Shot
from engine.request import GenerationRequest, ModelSpec

MAX_SEED = 2**32 - 1


def random_seed() -> int:
    """A fresh seed for a shot that has none."""
    return secrets.randbelow(MAX_SEED + 1)


def resolved_settings(project: Project, shot: Shot) -> dict:
    """The shot's effective settings: its own values, else the project's defaults (seed excluded)."""
    s, d = project.settings, project.settings.defaults
    negative = ", ".join(p for p in (shot.negative_prompt.strip(), d.negative_prompt.strip()) if p)
    return {
        "prompt": shot.prompt.strip(),
        "negative_prompt": negative,
        "num_frames": shot.frames if shot.frames is not None else d.frames,
        "width": shot.width if shot.width is not None else s.width,
        "height": shot.height if shot.height is not None else s.height,
        "fps": s.fps,
        "num_inference_steps": shot.steps if shot.steps is not None else d.steps,
        "guidance_scale": shot.guidance_scale if shot.guidance_scale is not None else d.guidance_scale,
        "guidance_scale_2": shot.guidance_scale_2 if shot.guidance_scale_2 is not None else d.guidance_scale_2,
    }


def request_key(project: Project, shot: Shot) -> str:
    """A fingerprint of everything that decides a shot's frames; a take made from another is outdated."""
    data = resolved_settings(project, shot)
    data["seed"] = shot.seed
    data["model"] = [project.settings.model, project.settings.model_revision]
    blob = json.dumps(data, sort_keys=True, ensure_ascii=False).encode("utf-8")
    return hashlib.sha256(blob).hexdigest()[:16]


def build_request(
    project: Project, shot: Shot, model: ModelSpec | None = None, seed: int | None = None
) -> GenerationRequest:
    """The request for a new take of a shot; a random seed is drawn when the shot has none."""
    if not shot.prompt.strip():
        raise ValueError(f"shot {shot.title or shot.id!r} has no prompt")
    chosen = seed if seed is not None else shot.seed if shot.seed is not None else random_seed()
    spec = model or ModelSpec(source=project.settings.model, revision=project.settings.model_revision)
    return GenerationRequest(seed=chosen, model=spec, **resolved_settings(project, shot))


def shot_status(project: Project, shot: Shot) -> str:
    """no take / ready / outdated / failed / missing, for cards, `info` and the render plan."""
    take = shot.active
    if take is None:
        return FAILED if shot.error else NO_TAKE
    path = project.take_path(take)
    if path is not None and not path.exists():
        return MISSING
    if take.request_key and take.request_key != request_key(project, shot):
        return OUTDATED
    return READY
