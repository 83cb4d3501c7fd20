"""What a shot on the reference (VACE) model is given: its cast members' images and its keyframes.

A shot that names at least one cast member (@Name) or pins keyframes runs on the project's
reference model; a start or end image then becomes the keyframe at the first or last frame, as the
reference model has no separate image input. Everything else stays on the text or image model.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from app.generation.conditioning_error import ConditioningError
from app.project.cast_images import cast_image_bytes
from app.project.cast_member import CastMember
from app.project.cast_mentions import mentioned_members, unknown_mentions
from app.project.project import Project
from app.project.shot import Shot
from app.project.shot_images import shot_image_bytes
from app.project.shot_inputs import ShotImage
from engine.errors import StoryreelError
from engine.generation.demo_model import demo_reference_model
from engine.generation.frames import snap_frames
from engine.generation.request import Keyframe, ModelSpec, ReferenceConditioning

REFERENCE_RECORD = (
    "cast",
    "references",
    "keyframes",
    "control",
)  # a reference take's keys in Take.conditioning
NO_REFERENCE_MODEL_HINT = (
    "Set Project Settings > Reference model (a Wan 2.2 VACE model), or make the film with "
    "`new --vace-model SOURCE`."
)


class UnknownCastMember(ConditioningError):
    """A shot's prompt names @someone the film's cast does not have."""

    hint = "Add the member to the cast (Cast dock, or `cast add`), or correct the name in the prompt."


def shot_members(project: Project, shot: Shot) -> list[CastMember]:
    """The cast members the shot's prompt names, in the order first named."""
    return mentioned_members(shot.prompt, project.cast)


def uses_references(project: Project, shot: Shot) -> bool:
    """Whether the shot runs on the reference model: it names a cast member, pins keyframes or follows a
    control clip."""
    return bool(shot.keyframes) or shot.control is not None or bool(shot_members(project, shot))


def check_mentions(project: Project, shot: Shot) -> None:
    """UnknownCastMember naming the shot and the names, if its prompt mentions anyone not in the cast."""
    unknown = unknown_mentions(shot.prompt, project.cast)
    if unknown:
        names = ", ".join(f"@{name}" for name in unknown)
        raise UnknownCastMember(f"{shot.named()} names {names}, who is not in the film's cast.")


def unknown_mention_errors(project: Project, shots: list[Shot]) -> dict[str, str]:
    """{shot id: why} for each shot that names someone not in the cast (checked before any generation)."""
    errors: dict[str, str] = {}
    for shot in shots:
        try:
            check_mentions(project, shot)
        except UnknownCastMember as exc:
            errors[shot.id] = str(exc)
    return errors


def reference_model(project: Project, spec: ModelSpec) -> ModelSpec | None:
    """The reference model with spec's memory and speed settings (the project's, else the one the demo
    model carries), or None where there is none."""
    source = (project.settings.vace_model or "").strip()
    if not source:
        # The demo text model carries a tiny reference model, so a first film's cast works offline.
        carried = demo_reference_model(spec.source)
        return None if carried is None else dataclasses.replace(spec, source=str(carried), revision=None)
    return dataclasses.replace(spec, source=source, revision=project.settings.vace_model_revision)


def require_reference_model(project: Project, shot: Shot, spec: ModelSpec) -> ModelSpec:
    """reference_model, or one clear error saying what to set."""
    model = reference_model(project, spec)
    if model is None:
        what = (
            "names cast members"
            if shot_members(project, shot)
            else "pins keyframes"
            if shot.keyframes
            else "follows a control clip"
        )
        raise ConditioningError(
            f"{shot.named()} {what}, which needs a reference model, and the film has none.",
            NO_REFERENCE_MODEL_HINT,
        )
    return model


def _pinned(shot: Shot, num_frames: int) -> list[tuple[int, ShotImage]]:
    """The shot's keyframes, with its start and end images as the first and last frame's (where free),
    inside the frames the shot will really have (snapped to 4k+1 as Wan makes them)."""
    num_frames = snap_frames(num_frames)
    pinned = {key.frame: key.image for key in shot.keyframes}
    if shot.start_image is not None:
        pinned.setdefault(0, shot.start_image)
    if shot.end_image is not None:
        pinned.setdefault(num_frames - 1, shot.end_image)
    for frame in pinned:
        if not 0 <= frame < num_frames:
            raise ConditioningError(
                f"{shot.named()} pins a keyframe at frame {frame}, outside its {num_frames} frames "
                f"(0 to {num_frames - 1}).",
                "Move the keyframe, or make the shot longer.",
            )
    return sorted(pinned.items())


def references_key(project: Project, shot: Shot) -> dict[str, Any]:
    """What decides a reference shot's frames beyond its settings (empty when it has none): for request_key."""
    key: dict[str, Any] = {}
    members = shot_members(project, shot)
    if members:
        # Not the name: a renamed member makes the same frames (the prompt sent carries what it says).
        key["cast"] = [[m.description, [i.sha256 for i in m.images]] for m in members]
    if shot.keyframes:
        key["keyframes"] = [[k.frame, k.image.sha256, k.image.fit] for k in shot.keyframes]
    control = shot.control
    if control is not None:
        key["control"] = [control.sha256, control.kind, control.strength, control.length, control.fit]
    return key


def _checked(shot: Shot, what: str, read: Callable[[ShotImage], bytes], image: ShotImage) -> bytes:
    """The image's bytes, checked by read; a failure says which shot and which image."""
    try:
        return read(image)
    except StoryreelError as exc:
        raise ConditioningError(f"{shot.named()}'s {what}: {exc}", exc.hint) from None


def resolve_references(
    project: Project, shot: Shot, num_frames: int
) -> tuple[ReferenceConditioning, dict[str, Any]]:
    """The reference images (each named member's, in the order named) and keyframes a shot is given, read
    and checked by hash, and the record its take's sidecar keeps: cast, references, keyframes."""
    check_mentions(project, shot)
    if shot.continue_previous and not (project.settings.vace_model or "").strip():
        raise ConditioningError(
            f"{shot.named()} continues the previous shot and names cast members or pins keyframes; "
            "the reference model continues a take only when the film names it (Project Settings).",
            "Set Project Settings > Reference model, or give the shot a start image instead.",
        )
    if shot.continue_previous and shot.control is not None:
        raise ConditioningError(
            f"{shot.named()} both continues the previous shot and follows a control clip; "
            "the reference model takes one of them.",
            "Turn off 'continue from the previous shot', or remove the control clip.",
        )
    members = shot_members(project, shot)
    images: list[bytes] = []
    references: list[dict[str, Any]] = []
    for member in members:
        if not member.images:
            raise ConditioningError(
                f"{shot.named()} names @{member.name}, who has no reference image.",
                "Add 1 to 4 images to the cast member.",
            )
        for image in member.images:
            images.append(
                _checked(shot, f"image of @{member.name}", lambda i: cast_image_bytes(project, i), image)
            )
            references.append({"path": image.path, "sha256": image.sha256})
    keyframes: list[Keyframe] = []
    entries: list[dict[str, Any]] = []
    pinned = _pinned(shot, num_frames)
    for frame, image in pinned:
        data = _checked(shot, f"keyframe at frame {frame}", lambda i: shot_image_bytes(project, i), image)
        keyframes.append(Keyframe(frame, data))
        entries.append({"frame": frame, "path": image.path, "sha256": image.sha256, "fit": image.fit})
    fit = pinned[0][1].fit if pinned else "fill"
    record = {"cast": [m.name for m in members], "references": references, "keyframes": entries}
    return ReferenceConditioning(tuple(images), tuple(keyframes), fit), record


def reference_hashes(project: Project, shot: Shot, num_frames: int) -> list[Any]:
    """The content hashes of the references and (frame, hash) of the keyframes generating the shot now
    would use, in order, read from the project alone (no file is opened): to match a take's record."""
    if not uses_references(project, shot):
        return [[], []]
    references = [image.sha256 for member in shot_members(project, shot) for image in member.images]
    try:
        pinned = _pinned(shot, num_frames)
    except ConditioningError:
        return [references, None]  # no take can match a shot that cannot be made
    return [references, [[frame, image.sha256] for frame, image in pinned]]


def recorded_hashes(made_from: object) -> list[Any]:
    """reference_hashes as a take's sidecar record (its `made_from`) gives them."""
    record = made_from if isinstance(made_from, dict) else {}

    def entries(key: str) -> list[dict[str, Any]]:
        found = record.get(key)
        return [e for e in found if isinstance(e, dict)] if isinstance(found, list) else []

    return [
        [e.get("sha256") for e in entries("references")],
        [[e.get("frame"), e.get("sha256")] for e in entries("keyframes")],
    ]
