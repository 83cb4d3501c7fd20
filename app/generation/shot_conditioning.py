"""What a shot starts from: its start/end image or the previous shot's last frame, and which model."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from app.generation.conditioning_error import ConditioningError as ConditioningError  # also importable here
from app.generation.shot_references import reference_model, uses_references
from app.project.media_paths import UnsafePath
from app.project.project import Project
from app.project.shot import Shot
from app.project.shot_images import shot_image_bytes
from app.project.shot_inputs import ShotImage
from engine.errors import StoryreelError
from engine.generation.demo_model import demo_image_model
from engine.generation.request import FrameSource, ImageConditioning, ModelSpec


def uses_image(shot: Shot) -> bool:
    """Whether the shot starts from an image (its own, or the previous shot's last frame)."""
    return shot.start_image is not None or shot.continue_previous


def previous_shot(project: Project, shot: Shot) -> Shot | None:
    """The shot before this one on the timeline (None for the first)."""
    index = project.shots.index(shot) if shot in project.shots else -1
    return project.shots[index - 1] if index > 0 else None


def continues_with_context(project: Project, shot: Shot) -> bool:
    """Whether a continuing shot goes on from the previous take's last frames as known frames: when the
    film names a reference model (VACE), which takes them; else from its last frame on the image model."""
    return shot.continue_previous and bool((project.settings.vace_model or "").strip())


def model_for(project: Project, shot: Shot, spec: ModelSpec) -> ModelSpec:
    """The reference model for a shot that names cast members or pins keyframes; the image model for a
    shot that starts from an image (the project's, else the one the demo model carries); else spec."""
    if uses_references(project, shot) or continues_with_context(project, shot):
        # With no reference model set, the request says what to set (shot_references); grouping goes on.
        return reference_model(project, spec) or spec
    source = (project.settings.image_model or "").strip()
    if not uses_image(shot):
        return spec
    if not source:
        # The demo text model carries a tiny image model, so a first film's start image works offline.
        carried = demo_image_model(spec.source)
        return spec if carried is None else dataclasses.replace(spec, source=str(carried), revision=None)
    return dataclasses.replace(spec, source=source, revision=project.settings.image_model_revision)


def generation_order(project: Project, shots: list[Shot], spec: ModelSpec) -> list[Shot]:
    """Shots (a shot asked twice stays twice) in the order to generate them: grouped by model, so
    models swap rarely (the text model's group first), in timeline order within a group.

    A continuing shot always comes after the shot it continues: it joins its own model's group or a
    later one, since the shot before it may sit in a later group (a cast shot continuing an image shot).
    """
    position = {id(s): i for i, s in enumerate(project.shots)}
    asked = [s for s in shots if id(s) in position]
    asked_ids = {id(s) for s in asked}
    models: list[ModelSpec] = [spec]
    for shot in sorted(asked, key=lambda s: position[id(s)]):
        if (model := model_for(project, shot, spec)) not in models:
            models.append(model)
    group: dict[int, int] = {}
    for shot in sorted(asked, key=lambda s: position[id(s)]):  # timeline order: the shot before comes first
        own = models.index(model_for(project, shot, spec))
        before = previous_shot(project, shot) if shot.continue_previous else None
        after = group.get(id(before), 0) if before is not None and id(before) in asked_ids else 0
        group[id(shot)] = max(own, after)
    return sorted(asked, key=lambda s: (group[id(s)], position[id(s)]))


def _entry(image: ShotImage) -> dict[str, Any]:
    return {"path": image.path, "sha256": image.sha256, "fit": image.fit}


def continued_path(project: Project, shot: Shot, pending: str | None = None) -> str | None:
    """The media path of the take a continuing shot starts from: a queued take's, else the active one's."""
    before = previous_shot(project, shot)
    if before is None:
        return None
    if pending is not None:
        return pending
    return before.active.path if before.active is not None else None


def conditioning_key(project: Project, shot: Shot, pending: str | None = None) -> dict[str, Any]:
    """What decides a shot's frames beyond its settings (empty for text only): for request_key."""
    key: dict[str, Any] = {}
    if shot.start_image is not None:
        key["image"] = [shot.start_image.sha256, shot.start_image.fit]
    if shot.end_image is not None:
        key["last_image"] = [shot.end_image.sha256, shot.end_image.fit]
    if shot.continue_previous:
        before = previous_shot(project, shot)
        # The previous shot's take by its clip path: a new take of it, or another one picked, is another path.
        key["continue"] = [before.id if before else None, continued_path(project, shot, pending)]
    return key


def resolve_conditioning(
    project: Project, shot: Shot, pending: tuple[Path, str] | None = None
) -> tuple[ImageConditioning | None, dict[str, Any]]:
    """The images a shot's request carries, and the record its take keeps.

    `pending` is the (clip, media path) of the previous shot's queued take when it is not made yet;
    a continued frame is read when the job runs, so it is the take the previous job writes.
    """
    last = None if shot.end_image is None else _image_bytes(project, shot, shot.end_image, "end")
    record: dict[str, Any] = {"last_image": None if shot.end_image is None else _entry(shot.end_image)}
    if shot.start_image is not None:
        image = shot.start_image
        record.update(kind=image.source, image=_entry(image))
        if image.source == "take-frame":
            record.update(from_take=image.source_take, from_frame=image.source_frame)
        data = _image_bytes(project, shot, image, "start")
        return ImageConditioning(data, last, image.fit), record
    if not shot.continue_previous:
        if last is not None:
            raise ConditioningError(
                f"{shot.named()} has an end image but no start: give it a start image too.",
                "Add a start image, or continue from the previous shot.",
            )
        return None, {}
    before = previous_shot(project, shot)
    if before is None:
        raise ConditioningError(
            f"{shot.named()} is the first shot, so there is no previous shot to continue from.",
            "Turn off 'continue from the previous shot', or move the shot after another.",
        )
    if pending is not None:
        clip, relative = pending
    elif before.active is not None:
        relative = before.active.path
        try:
            clip = project.take_path(before.active) or Path(relative)
        except UnsafePath as exc:
            raise ConditioningError(str(exc)) from None
    else:
        raise ConditioningError(f"{shot.named()} continues {before.named()}, which has no take yet.")
    record.update(kind="continue", image=None, from_shot=before.id, from_path=relative)
    if pending is None and before.active is not None:
        record.update(from_take=before.active.id, from_frame=max(0, before.active.frames - 1))
    return ImageConditioning(FrameSource(clip), last, "fill"), record


def settle_record(project: Project, record: dict[str, Any]) -> dict[str, Any]:
    """A continued take's record with the previous take's id and last frame filled in once it exists."""
    if record.get("kind") != "continue" or record.get("from_take"):
        return dict(record)
    try:
        before = project.shot(str(record.get("from_shot")))
    except KeyError:
        return dict(record)
    take = next((t for t in before.takes if t.path == record.get("from_path")), None)
    if take is None:
        return dict(record)
    return {**record, "from_take": take.id, "from_frame": max(0, take.frames - 1)}


def _image_bytes(project: Project, shot: Shot, image: ShotImage, which: str) -> bytes:
    try:
        return shot_image_bytes(project, image)
    except StoryreelError as exc:
        raise ConditioningError(f"{shot.named()}'s {which} image: {exc}", exc.hint) from None
