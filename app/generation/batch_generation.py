"""Generate takes for many shots through the job queue, from a script or the CLI (no window)."""

from __future__ import annotations

import queue
import time
from collections.abc import Callable
from typing import Any

from app.generation.shot_conditioning import generation_order, model_for
from app.generation.shot_references import unknown_mention_errors
from app.generation.shot_requests import shot_status
from app.generation.take_queue import TakeQueue
from app.project.project import Project
from app.project.reel_file import ProjectWriteError, save_project
from app.project.shot import Shot, ShotState
from app.settings.model_settings import project_model
from engine.backends.local import Backend
from engine.errors import StoryreelError
from engine.generation.request import ModelSpec
from engine.jobs.job_queue import Job, JobQueue
from engine.jobs.states import JobState
from engine.progress import Cancelled, CancelToken, Progress

# An event is a plain dict with an "event" key, ready for --json output.
EventCallback = Callable[[dict[str, Any]], None]

NEEDS_TAKE = (ShotState.NO_TAKE, ShotState.FAILED, ShotState.MISSING)
# Seconds between saves while takes arrive (and once at the end). A kill in between loses nothing: the
# takes are on disk with their sidecars, and the next open or render adopts them (take_recovery).
SAVE_INTERVAL = 5.0


class RenderFailed(StoryreelError):
    """Some shots could not be generated; the film was not stitched."""

    hint = "Fix the failed shots (their errors are listed) and render again: finished takes are kept."

    def __init__(self, failures: dict[str, str], message: str = "") -> None:
        super().__init__(message or f"{len(failures)} shot(s) failed to generate")
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
    blocked_words: tuple[str, ...] = (),
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
    if unknown := unknown_mention_errors(project, todo):  # refused before any generation, naming the shots
        raise RenderFailed(
            unknown, f"{len(unknown)} shot(s) name someone not in the cast; nothing was generated"
        )
    spec = model or project_model(project)
    todo = generation_order(project, todo, spec)
    for backend in backends:
        for needed in dict.fromkeys(model_for(project, shot, spec) for shot in todo):
            backend.preflight(needed)  # a missing model fails once, before any job, with its advice
    failures: dict[str, str] = {}
    # Progress objects are immutable: taking the current one keeps each report as it was sent.
    events: queue.Queue[tuple[str, Job, Progress | None]] = queue.Queue()
    jobs = JobQueue(backends, listener=lambda event, job: events.put((event, job, job.progress)))
    takes = TakeQueue(
        project, jobs, blocked_words
    )  # the window's queue: the same planning, chaining and recording
    numbers = {shot.id: number for number, shot in enumerate(todo, start=1)}

    def base(shot: Shot) -> dict[str, Any]:
        title = shot.display_title(project.shots.index(shot))
        return {"shot": shot.id, "title": title, "index": numbers[shot.id], "count": len(todo)}

    try:
        queued, refused = takes.enqueue([shot.id for shot in todo], spec, quality=quality)
        for shot in todo:
            if (message := refused.get(shot.id)) is not None:  # e.g. an empty prompt: the others go on
                failures[shot.id] = message
                project.set_error(shot.id, message)
                on_event({"event": "shot_failed", **base(shot), "error": message})
        bases = {job.id: base(takes.tracked[job.id].shot) for job in queued}
        # The queued jobs go on disk at once (later saves are timed): a kill leaves them listed for
        # the window's resume offer, as the window's own queue does.
        save_or_report(project, on_event)
        done = _collect(takes, events, bases, failures, on_event, cancel)
    finally:
        jobs.shutdown()
        unsaved = save_or_report(project, on_event)
    if failures:
        # The shots' own errors come first; a project file that could not be written is one more.
        raise RenderFailed(failures if unsaved is None else {**failures, "project file": unsaved.problem})
    if unsaved is not None:
        raise unsaved
    return done


def save_or_report(project: Project, on_event: EventCallback) -> ProjectWriteError | None:
    """Save the project; a failed write is reported as an event and returned, so the render goes on."""
    try:
        save_project(project)
    except ProjectWriteError as exc:
        on_event({"event": "warning", "message": str(exc)})
        return exc
    return None


def _collect(
    takes: TakeQueue,
    events: queue.Queue[tuple[str, Job, Progress | None]],
    bases: dict[str, dict[str, Any]],
    failures: dict[str, str],
    on_event: EventCallback,
    cancel: CancelToken | None,
) -> list[str]:
    """Turn worker reports into takes and events until every job has finished."""
    done: list[str] = []
    outstanding, cancelled = len(bases), False
    saved = time.monotonic()

    def save_now_and_then() -> None:
        nonlocal saved
        if time.monotonic() - saved >= SAVE_INTERVAL:
            save_or_report(takes.project, on_event)
            saved = time.monotonic()

    while outstanding:
        if cancel is not None and cancel.cancelled and not cancelled:
            cancelled = True
            takes.jobs.cancel_all()
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
            shot_id = base["shot"]
            take = takes.finish(job)
            if take is not None:
                save_now_and_then()
                done.append(shot_id)
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
                failures[shot_id] = job.error or "failed"
                save_now_and_then()
                on_event({"event": "shot_failed", **base, "error": job.error, "hint": job.hint})
            elif job.state == JobState.CANCELLED:
                cancelled = True
    if cancelled:
        raise Cancelled()
    return done
