"""From a shot to a queued job, and from a finished job back to a take in the project (the one path)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from app.generation.shot_conditioning import settle_record
from app.generation.shot_references import REFERENCE_RECORD
from app.generation.shot_requests import build_request_with_record, preset_hash, request_key
from app.presets.embedded import lora_records, preset_name_for, shot_preset
from app.project.media_paths import contained
from app.project.project import Project
from app.project.shot import Shot, Take, new_id
from engine.backends.local import run_take_job
from engine.backends.take_record import TakeRecord, take_files_exist
from engine.generation.pipeline_cache import PipelineCache
from engine.generation.request import GenerationRequest, ModelSpec
from engine.jobs.job_queue import Job
from engine.jobs.states import JobState
from engine.progress import CancelToken, ProgressCallback, ignore_progress

# The sidecar's keys that are the take's own fields (it also holds "made_from", read by take_reproduction).
_FROM_SIDECAR = {f.name for f in dataclasses.fields(Take)} - {"id", "path", "conditioning"}


@dataclass(frozen=True)
class TakePlan:
    """Everything decided before a take is generated: the request, where its clip goes, its key."""

    shot_id: str
    request: GenerationRequest
    clip: Path
    relative: str
    request_key: str
    preset: str | None = None  # the style preset in effect, recorded on the take
    preset_hash: str = ""
    # What the take starts from (Take.conditioning).
    conditioning: dict[str, Any] = field(default_factory=dict)


def next_take_path(project: Project, shot: Shot, reserved: set[str] | None = None) -> tuple[Path, str]:
    """A free clip path for the shot's next take (absolute, and relative to the media folder).

    `reserved` holds relative paths already promised to queued jobs, so two queued takes of one
    shot never share a file.
    """
    media = project.media_dir
    if media is None:
        raise ValueError("save the project before generating: takes live beside the project file")
    number = len(shot.takes) + 1
    while True:
        relative = f"{shot.id}/take-{number:03d}.mp4"
        clip = contained(media, relative)  # UnsafePath (a ValueError) for a shot id that would leave
        # The sidecar must be free too: a take never replaces a file it did not write.
        if not take_files_exist(clip) and relative not in (reserved or ()):
            return clip, relative
        number += 1


def plan_take(
    project: Project,
    shot: Shot,
    model: ModelSpec | None = None,
    reserved: set[str] | None = None,
    seed: int | None = None,
    quality: str | None = None,
    pending: tuple[Path, str] | None = None,
) -> TakePlan:
    """Resolve a shot into a request and a clip path (a random seed is drawn if the shot has none).

    `quality` overrides the shot's and the project's; `pending`: the previous shot's queued take
    (clip, media path), for a shot that continues it.
    """
    request, conditioning = build_request_with_record(
        project, shot, model=model, seed=seed, pending=pending, quality=quality
    )
    clip, relative = next_take_path(project, shot, reserved)
    preset, digest = preset_name_for(project, shot), preset_hash(project, shot)
    # The sidecar keeps what the take was made from, so it can be made again without the project.
    made_from: dict[str, object] = {
        "conditioning": conditioning,
        "preset": preset,
        "preset_hash": digest,
        "loras": lora_records(shot_preset(project, shot)),
        # A reference take's cast, reference images and keyframes (media paths and hashes), in order.
        **{k: conditioning[k] for k in REFERENCE_RECORD if k in conditioning},
    }
    request = dataclasses.replace(request, made_from=made_from)
    key = request_key(project, shot, pending[1] if pending else None)
    return TakePlan(shot.id, request, clip, relative, key, preset, digest, conditioning)


def take_from_record(plan: TakePlan, record: TakeRecord, project: Project | None = None) -> Take:
    """The project's record of a finished take (a continued take names the take it came from)."""
    conditioning = plan.conditioning if project is None else settle_record(project, plan.conditioning)
    return Take(
        id=new_id(),
        path=plan.relative,
        request_key=plan.request_key,
        preset=plan.preset,
        preset_hash=plan.preset_hash,
        conditioning=conditioning,
        # The sidecar's keys that are the Take's fields (TakeMetadata mirrors them, plus "made_from").
        **{k: v for k, v in cast("dict[str, Any]", record.metadata).items() if k in _FROM_SIDECAR},
    )


def record_finished_job(project: Project, plan: TakePlan, job: Job, shot: Shot | None = None) -> Take | None:
    """A finished job's outcome on its shot: the new active take if it was done, else its error.

    `shot` is the shot object the job was planned for (default: the project's shot of that id); if
    it has left the timeline meanwhile, the take goes onto it anyway, so an undo of the removal
    brings the shot back with its take.
    """
    shot = shot if shot is not None else project.shot(plan.shot_id)
    on_timeline = shot in project.shots
    if job.state == JobState.DONE and job.result is not None:
        take = take_from_record(plan, job.result, project)
        if on_timeline:
            project.add_take(shot.id, take)
        else:
            shot.takes.append(take)
            shot.active_take, shot.trim_in, shot.trim_out = take.id, 0, None
        return take
    if job.state == JobState.FAILED and on_timeline:
        project.set_error(shot.id, job.error)
    return None


def generate_take(
    project: Project,
    shot: Shot,
    cache: PipelineCache,
    model: ModelSpec | None = None,
    on_progress: ProgressCallback = ignore_progress,
    cancel: CancelToken | None = None,
) -> Take:
    """Generate one take of a shot right here (no queue), write it, and make it active."""
    return run_plan(project, plan_take(project, shot, model), cache, on_progress, cancel)


def run_plan(
    project: Project,
    plan: TakePlan,
    cache: PipelineCache,
    on_progress: ProgressCallback = ignore_progress,
    cancel: CancelToken | None = None,
) -> Take:
    """Generate a planned take right here (no queue), write it, and make it active on its shot."""
    record = run_take_job(cache, plan.request, plan.clip, on_progress=on_progress, cancel=cancel)
    take = take_from_record(plan, record, project)
    project.add_take(plan.shot_id, take)
    return take
