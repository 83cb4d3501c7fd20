"""What a clip handed to an editor carries in its metadata: the take's generation record."""

from __future__ import annotations

from typing import Any

from app.project.project import Project
from app.project.shot import Shot, Take

# The key under each OTIO object's metadata where Storyreel keeps its own, as OTIO asks of tools.
METADATA_KEY = "storyreel"


def take_loras(project: Project, take: Take) -> list[Any]:
    """The LoRAs the take's sidecar says it was made with ([] for an imported take or no sidecar)."""
    from app.generation.conditioning_error import ConditioningError
    from app.generation.take_reproduction import read_sidecar

    path = project.take_path(take)
    if path is None or take.imported:
        return []
    try:
        made_from = read_sidecar(path).get("made_from")
    except ConditioningError:
        return []
    loras = made_from.get("loras") if isinstance(made_from, dict) else None
    return loras if isinstance(loras, list) else []


def generation_record(project: Project, shot: Shot, take: Take) -> dict[str, Any]:
    """The shot's and take's ids and the take's prompt, seed, model, LoRAs, cast and scores."""
    return {
        "shot_id": shot.id,
        "take_id": take.id,
        "shot_title": shot.title,
        "prompt": take.prompt,
        "negative_prompt": take.negative_prompt,
        "seed": take.seed,
        "model": take.model,
        "model_revision": take.model_revision,
        "steps": take.steps,
        "guidance_scale": take.guidance_scale,
        "quality": take.quality,
        "preset": take.preset,
        "loras": take_loras(project, take),
        "cast": list(take.conditioning.get("cast", [])),
        "scores": take.scores,
        "imported": take.imported,
        "created": take.created,
    }
