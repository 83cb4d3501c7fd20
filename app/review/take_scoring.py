"""Scoring a film's takes: what each is compared with (prompt, cast, grade), on the worker or from `score`."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.film.shot_looks import look_for_preset
from app.presets.embedded import embedded_preset, project_preset_folder
from app.presets.preset import Preset, PresetError
from app.project.cast_images import cast_image_bytes
from app.project.cast_mentions import mentioned_members
from app.project.project import Project
from app.project.shot import Shot, Take
from app.settings.review_settings import ReviewSettings
from engine.backends.local import LocalBackend
from engine.backends.local_process import LocalProcessBackend
from engine.backends.provider import ProviderBackend
from engine.backends.remote import RemoteBackend
from engine.backends.review_hook import AfterTake, ReviewPlan, review_hook
from engine.backends.take_record import sidecar_path
from engine.errors import StoryreelError
from engine.generation.pipeline_cache import PipelineCache
from engine.generation.request import GenerationRequest
from engine.review.review_config import ReviewError
from engine.review.take_review import Grade, TakeInputs, review_take, write_review_to_sidecar

log = logging.getLogger(__name__)

# The backends that take a scoring hook (after_take): every take is scored, wherever it is made.
SCORING_BACKENDS = (LocalBackend, LocalProcessBackend, RemoteBackend, ProviderBackend)


def project_preset(project: Project, name: str | None) -> tuple[Preset, Path] | None:
    """A copy of one of the project's presets and the folder of its files, or None if it has none or it is unusable."""
    if not name:
        return None
    try:
        return embedded_preset(project, name), project_preset_folder(project, name)
    except PresetError:
        log.warning("The look score skips preset %r: it cannot be used", name, exc_info=True)
        return None


def grade_of(embedded: tuple[Preset, Path] | None) -> Grade | None:
    """A preset's grade (its logo left out), or None if it has none or it is unusable."""
    if embedded is None:
        return None
    preset, folder = embedded
    try:
        return look_for_preset(preset, folder, grade=True, logo=False)
    except PresetError:
        log.warning("The look score skips preset %r: it cannot be used", preset.name, exc_info=True)
        return None


def preset_grade(project: Project, name: str | None) -> Grade | None:
    """The grade of one of the project's presets (its logo left out), or None if it has none or it is unusable."""
    return grade_of(project_preset(project, name))


def cast_references(project: Project, names: list[str]) -> dict[str, list[Any]]:
    """The reference images (bytes) of the named members that have any, by name."""
    references: dict[str, list[Any]] = {}
    for name in names:
        member = project.cast_member(name)
        if member is not None and member.images:
            references[member.name] = [cast_image_bytes(project, image) for image in member.images]
    return references


def take_inputs(project: Project, shot: Shot, take: Take) -> TakeInputs:
    """What a recorded take is compared with: its prompt as sent, its cast (as recorded, else as named), its preset's grade."""
    recorded = take.conditioning.get("cast")
    names = [str(n) for n in recorded] if isinstance(recorded, list) else []
    if not names:
        names = [m.name for m in mentioned_members(shot.prompt, project.cast)]
    return TakeInputs(
        take.prompt or shot.prompt, cast_references(project, names), preset_grade(project, take.preset)
    )


def _made_from(request: GenerationRequest) -> tuple[list[str], str | None]:
    """The cast names and the preset a request's record says it was made with."""
    made_from = request.made_from or {}
    conditioning = made_from.get("conditioning")
    cast = conditioning.get("cast") if isinstance(conditioning, dict) else None
    preset = made_from.get("preset")
    return [str(n) for n in cast] if isinstance(cast, list) else [], preset if isinstance(
        preset, str
    ) else None


def request_inputs(project: Project) -> Callable[[GenerationRequest], TakeInputs]:
    """What a take being made is compared with, read from its request's record (for the worker's hook)."""

    def inputs_for(request: GenerationRequest) -> TakeInputs:
        names, preset = _made_from(request)
        return TakeInputs(request.prompt, cast_references(project, names), preset_grade(project, preset))

    return inputs_for


def scoring_hook(project: Project, settings: ReviewSettings) -> AfterTake | None:
    """The worker's hook for this film's takes, or None when scoring after generation is turned off."""
    if not settings.score_after_generation:
        return None
    return review_hook(settings.config(), request_inputs(project))


def sent_references(
    project: Project, request: GenerationRequest, names: list[str]
) -> tuple[tuple[str, tuple[bytes, ...]], ...]:
    """The cast's images as the request sends them (checked bytes, in the prompt's order), by member."""
    sent = request.references.reference_images if request.references is not None else ()
    members = [m for m in (project.cast_member(n) for n in names) if m is not None and m.images]
    if sum(len(m.images) for m in members) != len(sent):  # the cast changed since it was planned
        try:
            return tuple((name, tuple(images)) for name, images in cast_references(project, names).items())
        except StoryreelError:  # queueing goes on; the take is scored without likeness
            log.warning("The likeness score skips the cast of %s", names, exc_info=True)
            return ()
    grouped, start = [], 0
    for member in members:
        grouped.append((member.name, sent[start : start + len(member.images)]))
        start += len(member.images)
    return tuple(grouped)


def review_plan(project: Project, request: GenerationRequest, settings: ReviewSettings) -> ReviewPlan | None:
    """What a take being queued will be scored with, captured now (None: scoring after generation is off).

    The window edits its film while the take is made and scored on a worker: the prompt as sent, the cast's
    images (their bytes), a copy of the preset and the review settings are taken here, on the GUI thread.
    """
    if not settings.score_after_generation:
        return None
    names, preset = _made_from(request)
    references, prompt = sent_references(project, request, names), request.prompt
    embedded = project_preset(project, preset)

    def inputs() -> TakeInputs:  # on the worker: the grade's LUT is read there
        return TakeInputs(prompt, {name: list(images) for name, images in references}, grade_of(embedded))

    return ReviewPlan(settings.config(), inputs)


def scoring_backend(
    project: Project, settings: ReviewSettings, cache: PipelineCache | None = None
) -> LocalBackend:
    """The local backend that scores each take it writes, as the window and `render` use it."""
    return LocalBackend(cache, after_take=scoring_hook(project, settings))


@dataclass(frozen=True)
class ScoreFailure:
    """A take that could not be scored (left as it was) and why."""

    shot_id: str
    take_id: str
    reason: str


def score_takes(
    project: Project, settings: ReviewSettings, shot_ids: list[str] | None = None, only: str | None = None
) -> list[ScoreFailure]:
    """Score every take of the shots (all by default; `only`: one take) and record the results.

    A take whose clip cannot be read stays as it was, and is answered as a ScoreFailure.
    """
    config = settings.config()
    failures: list[ScoreFailure] = []
    shots = project.shots if shot_ids is None else [project.shot(i) for i in shot_ids]
    for shot in shots:
        for take in [t for t in shot.takes if only is None or t.id == only]:
            path = project.take_path(take)
            try:
                if path is None:
                    raise ReviewError("The film is not saved, so its takes have no files yet.")
                review = review_take(path, config, take_inputs(project, shot, take))
            except ReviewError as exc:
                log.warning("Take %s of shot %s was not scored: %s", take.id, shot.id, exc)
                failures.append(ScoreFailure(shot.id, take.id, str(exc)))
                continue
            project.set_take_review(shot.id, take.id, review.scores, review.safety)
            if sidecar_path(
                path
            ).is_file():  # the sidecar keeps the scores too, for a take recovered without the film
                try:
                    write_review_to_sidecar(sidecar_path(path), review)
                except (OSError, ValueError):
                    log.exception("The scores of %s could not be written to its sidecar", path)
    return failures
