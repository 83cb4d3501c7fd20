"""Generate takes for many shots through the job queue, from a script or the CLI (no window)."""

from __future__ import annotations

import queue
import time
from collections.abc import Callable
from pathlib import Path

from app.generation.shot_conditioning import generation_order, model_for, previous_shot
from app.generation.shot_requests import shot_status
from app.generation.take_generation import TakePlan, plan_take, record_finished_job
from app.project.model import Project, Shot, ShotState
from app.project.reel_file import save_project
from app.settings.model_settings import project_model
from engine.backends.local import Backend
from engine.errors import StoryreelError
from engine.generation.request import ModelSpec
from engine.jobs.job_queue import Job, JobQueue
from engine.jobs.states import JobState
from engine.progress import Cancelled, CancelToken, Progress

# An event is a plain dict with an "event" key, ready for --json output.
EventCallback = Callable[[dict], None]

NEEDS_TAKE = (ShotState.NO_TAKE, ShotState.FAILED, ShotState.MISSING)
# Seconds between saves while takes arrive (and once at the end). A kill in between loses nothing: the
# takes are on disk with their sidecars, and the next open or render adopts them (take_recovery).
SAVE_INTERVAL = 5.0


class RenderFailed(StoryreelError):
    """Some shots could not be generated; the film was not stitched."""

    hint = "Fix the failed shots (their errors are listed) and render again: finished takes are kept."

    def __init__(self, failures: dict[str, str]) -> None:
        super().__init__(f"{len(failures)} shot(s) failed to generate")
        self.failures = failures


def shots_to_generate(project: Project) -> list[Shot]:
    """Shots without a usable take, in timeline order."""
    return [s for s in project.shots if shot_status(project, s) in NEEDS_TAKE]


def outdated_shots(project: Project) -> list[Shot]:
    """Shots whose active take was made from settings, prompt or preset they no longer have."""
    return [s for s in project.shots if shot_status(project, s) == ShotState.OUTDATED]


def generate_missing(
    project: Project,
    backends: list[Backend],
    model: ModelSpec | None,
    on_event: EventCallback,
    cancel: CancelToken | None = None,
    quality: str | None = None,
) -> list[str]:
    """Generate a take for each shot that needs one, on every backend at once; returns the shot ids.

    Runs on the calling thread, which alone touches the project: workers only report back through
    a queue. The project is saved every SAVE_INTERVAL seconds while takes arrive and at the end; a take
    finished after the last save is adopted again at the next open or render, so a kill loses nothing.
    """
    todo = shots_to_generate(project)
    on_event({"event": "plan", "shots": len(project.shots), "to_generate": len(todo)})
    if not todo:
        return []
    spec = model or project_model(project)
    todo = generation_order(project, todo, spec)
    for backend in backends:
        for needed in dict.fromkeys(model_for(project, shot, spec) for shot in todo):
            backend.preflight(needed)  # a missing model fails once, before any job, with its advice
    failures: dict[str, str] = {}
    plans: dict[str, TakePlan] = {}
    queued: dict[str, tuple[str, tuple[Path, str]]] = {}  # shot id → its job and (clip, media path)
    bases: dict[str, dict] = {}
    # Progress objects are immutable: taking the current one keeps each report as it was sent.
    events: queue.Queue[tuple[str, Job, Progress | None]] = queue.Queue()
    jobs = JobQueue(backends, listener=lambda event, job: events.put((event, job, job.progress)))
    try:
        for number, shot in enumerate(todo, start=1):
            title = shot.display_title(project.shots.index(shot))
            base = {
                "shot": shot.id,
                "title": title,
                "index": number,
                "count": len(todo),
            }
            before = previous_shot(project, shot) if shot.continue_previous else None
            after = queued.get(before.id) if before is not None else None
            try:
                plan = plan_take(
                    project, shot, spec, quality=quality, pending=None if after is None else after[1]
                )
            except ValueError as exc:  # e.g. an empty prompt: this shot fails, the others go on
                failures[shot.id] = str(exc)
                project.set_error(shot.id, str(exc))
                on_event({"event": "shot_failed", **base, "error": str(exc)})
                continue
            job = jobs.submit(plan.request, plan.clip, label=title, after=None if after is None else after[0])
            plans[job.id], bases[job.id] = plan, base
            queued[shot.id] = (job.id, (plan.clip, plan.relative))
        done = _collect(project, jobs, events, plans, bases, failures, on_event, cancel)
    finally:
        jobs.shutdown()
        save_project(project)
    if failures:
        raise RenderFailed(failures)
    return done


def _collect(
    project: Project,
    jobs: JobQueue,
    events: queue.Queue,
    plans: dict[str, TakePlan],
    bases: dict[str, dict],
    failures: dict[str, str],
    on_event: EventCallback,
    cancel: CancelToken | None,
) -> list[str]:
    """Turn worker reports into takes and events until every job has finished."""
    done: list[str] = []
    outstanding, cancelled = len(plans), False
    saved = time.monotonic()

    def save_now_and_then() -> None:
        nonlocal saved
        if time.monotonic() - saved >= SAVE_INTERVAL:
            save_project(project)
            saved = time.monotonic()

    while outstanding:
        if cancel is not None and cancel.cancelled and not cancelled:
            cancelled = True
            jobs.cancel_all()
        try:
            event, job, progress = events.get(timeout=0.1)
        except queue.Empty:
            continue
        base = bases[job.id]
        if event == "changed":
            on_event({"event": "shot_started", **base, "backend": job.backend})
        elif event == "progress" and progress is not None:
            on_event({"event": "progress", **base, **progress.to_dict()})
        elif event == "finished":
            outstanding -= 1
            plan = plans[job.id]
            take = record_finished_job(project, plan, job)
            if take is not None:
                save_now_and_then()
                done.append(plan.shot_id)
                on_event(
                    {
                        "event": "take",
                        **base,
                        "take": take.id,
                        "path": take.path,
                        "seed": take.seed,
                        "seconds": take.seconds,
                        "backend": job.backend,
                    }
                )
            elif job.state == JobState.FAILED or (job.state == JobState.CANCELLED and job.error):
                # A job held back (the take it continues was not made) failed; it was not cancelled.
                failures[plan.shot_id] = job.error or "failed"
                save_now_and_then()
                on_event({"event": "shot_failed", **base, "error": job.error, "hint": job.hint})
            elif job.state == JobState.CANCELLED:
                cancelled = True
    if cancelled:
        raise Cancelled()
    return done
