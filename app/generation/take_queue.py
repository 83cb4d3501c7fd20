"""The window's generation studio, without Qt: shots into queued jobs, finished jobs into takes."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from app.generation.shot_conditioning import generation_order, previous_shot
from app.generation.shot_requests import random_seed
from app.generation.take_generation import TakePlan, plan_take, record_finished_job
from app.project.project import Project
from app.project.shot import Shot, Take
from engine.generation.request import ModelSpec
from engine.jobs.job_queue import Job, JobQueue
from engine.jobs.states import ACTIVE_STATES, FINISHED_STATES, JobState
from engine.review.prompt_check import PromptRefused, check_prompt

DIRECTED = frozenset(("repaint", "extend"))  # the records of take_direction's plans


@dataclass
class QueuedTake:
    """What the queue remembers about one job: its plan, and the shot object it belongs to."""

    plan: TakePlan
    shot: Shot  # kept even if the shot leaves the timeline, so an undo brings it back with the take
    title: str
    number: int


def take_number(relative: str) -> int:
    """3 for 'shotid/take-003.mp4'."""
    stem = relative.rsplit("/", 1)[-1].split(".")[0]
    digits = stem.rsplit("-", 1)[-1]
    return int(digits) if digits.isdigit() else 0


class TakeQueue:
    """Plans takes with reserved clip paths, tracks job → shot, and adds finished takes to the project.

    Call every method from one thread (the GUI thread); the JobQueue's workers only report back.
    """

    def __init__(self, project: Project, jobs: JobQueue, blocked_words: tuple[str, ...] = ()) -> None:
        self.project = project
        self.jobs = jobs
        # Preferences > Review's word list: a prompt (as it will be sent) naming one is refused unqueued.
        self.blocked_words = blocked_words
        # Called with each plan as its job is queued (ui/review: what the take will be scored with).
        self.on_queued: Callable[[TakePlan], None] | None = None
        self.tracked: dict[str, QueuedTake] = {}
        self.reserved: set[str] = set()

    # -- queueing -----------------------------------------------------------------------
    def enqueue(
        self,
        shot_ids: list[str],
        spec: ModelSpec,
        new_seed: bool = False,
        seeds: dict[str, int | None] | None = None,
        quality: str | None = None,
    ) -> tuple[list[Job], dict[str, str]]:
        """Queue a new take of each shot, a continuing shot after the take it continues; returns the
        jobs and {shot id: why it was not queued}. `quality` overrides the shots' own."""
        queued: list[Job] = []
        errors: dict[str, str] = {}
        by_id = {s.id: s for s in self.project.shots}
        asked = [by_id[shot_id] for shot_id in shot_ids if shot_id in by_id]
        for shot in generation_order(self.project, asked, spec):
            seed = random_seed() if new_seed else (seeds or {}).get(shot.id)
            after = (
                self._queued_take_of(previous_shot(self.project, shot)) if shot.continue_previous else None
            )
            pending = None if after is None else (after[1].plan.clip, after[1].plan.relative)
            try:
                plan = plan_take(
                    self.project, shot, spec, self.reserved, seed=seed, quality=quality, pending=pending
                )
            except ValueError as exc:  # no prompt, an unsaved project, nothing to continue from
                errors[shot.id] = str(exc)
                continue
            try:
                title = shot.display_title(self.project.shots.index(shot))
                check_prompt(plan.request.prompt, self.blocked_words, title)
            except PromptRefused as exc:
                errors[shot.id] = str(exc)
                continue
            job = self._submit(plan, shot, after=None if after is None else after[0])
            queued.append(job)
        self.sync_pending()
        return queued, errors

    def submit_plan(self, plan: TakePlan) -> Job:
        """Queue an already planned take (a repaint or an extension: app/generation/take_direction.py)."""
        job = self._submit(plan, self.project.shot(plan.shot_id))
        self.sync_pending()
        return job

    def _queued_take_of(self, shot: Shot | None) -> tuple[str, QueuedTake] | None:
        """The latest unfinished queued take of a shot, with its job id, if it has one."""
        if shot is None:
            return None
        found = None
        for job in self.jobs.jobs():
            entry = self.tracked.get(job.id)
            if entry is not None and entry.shot is shot and job.state not in FINISHED_STATES:
                found = (job.id, entry)
        return found

    def resume(self, records: list[dict[str, Any]], spec: ModelSpec) -> tuple[list[Job], dict[str, str]]:
        """Queue the pending jobs saved with the project again (same shots, seeds and models)."""
        jobs: list[Job] = []
        errors: dict[str, str] = {}
        for record in records:
            shot_id = str(record.get("shot"))
            model = dataclasses.replace(
                spec,
                source=record.get("model") or spec.source,
                revision=record.get("model_revision", spec.revision),
            )
            seed = record.get("seed")
            done, failed = self.enqueue(
                [shot_id], model, seeds={shot_id: seed if isinstance(seed, int) else None}
            )
            jobs += done
            errors.update(failed)
        return jobs, errors

    def retry(self, job_id: str) -> Job:
        """Queue a failed or cancelled job again, to the same clip path."""
        old = self.tracked.get(job_id)
        if old is not None and self.on_queued is not None:
            self.on_queued(old.plan)
        job = self.jobs.retry(job_id)
        if old is None:  # not a take (a keyframe sketch): whoever queued it follows its retry
            return job
        self.tracked[job.id] = old
        self.reserved.add(old.plan.relative)
        self.sync_pending()
        return job

    def _submit(self, plan: TakePlan, shot: Shot, after: str | None = None) -> Job:
        index = self.project.shots.index(shot) if shot in self.project.shots else 0
        number = take_number(plan.relative)
        title = shot.display_title(index)
        meta = {"shot": shot.id, "title": title, "take": number}
        self.reserved.add(plan.relative)
        if self.on_queued is not None:
            self.on_queued(plan)
        job = self.jobs.submit(
            plan.request, plan.clip, label=f"{title} · take {number}", meta=meta, after=after
        )
        self.tracked[job.id] = QueuedTake(plan, shot, title, number)
        return job

    # -- results ------------------------------------------------------------------------
    def finish(self, job: Job) -> Take | None:
        """Turn a finished job into a take on its shot (or record its failure); the take, if any."""
        entry = self.tracked.get(job.id)
        if entry is None:
            return None
        self.reserved.discard(entry.plan.relative)
        take = record_finished_job(self.project, entry.plan, job, entry.shot)
        self.sync_pending()
        return take

    def forget(self, job: Job) -> None:
        """A job left the list: free its clip path."""
        entry = self.tracked.pop(job.id, None)
        if entry is not None and job.state not in ACTIVE_STATES:
            if not any(e.plan.relative == entry.plan.relative for e in self.tracked.values()):
                self.reserved.discard(entry.plan.relative)
        self.sync_pending()

    # -- status -------------------------------------------------------------------------
    def entry(self, job_id: str) -> QueuedTake | None:
        """What the queue knows about a job."""
        return self.tracked.get(job_id)

    def shot_jobs(self) -> dict[str, Job]:
        """The most advanced unfinished job of each shot (running before queued)."""
        found: dict[str, Job] = {}
        for job in self.jobs.jobs():
            entry = self.tracked.get(job.id)
            if entry is None or job.state in FINISHED_STATES:
                continue
            current = found.get(entry.shot.id)
            if current is None or (current.state == JobState.QUEUED and job.state != JobState.QUEUED):
                found[entry.shot.id] = job
        return found

    def pending_records(self) -> list[dict[str, Any]]:
        """The unfinished jobs, in queue order, as the project file keeps them."""
        records = []
        for job in self.jobs.jobs():
            entry = self.tracked.get(job.id)
            if entry is None or job.state in (JobState.DONE, JobState.FAILED, JobState.CANCELLED):
                continue
            if DIRECTED.intersection(entry.plan.conditioning):
                continue  # a repaint or an extension is not a shot's plain take: never resumed as one
            request = entry.plan.request
            records.append(
                {
                    "shot": entry.shot.id,
                    "seed": request.seed,
                    "model": request.model.source,
                    "model_revision": request.model.revision,
                }
            )
        return records

    def sync_pending(self) -> bool:
        """Copy the pending jobs into the project; True if they changed."""
        records = self.pending_records()
        if records == self.project.pending_jobs:
            return False
        self.project.pending_jobs = records
        return True

    def detach(self) -> None:
        """Cancel everything and forget the project (another one is being shown)."""
        self.jobs.cancel_all()
        self.tracked.clear()
        self.reserved.clear()
