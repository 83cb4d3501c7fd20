"""Keyframe sketches as jobs of the generation queue: one model in memory (the queue's local backend
holds it), the queue's progress and cancel, and a failed sketch does not stop the others."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from app.generation.shot_requests import random_seed
from app.project.project import Project
from app.storyboard.keyframes import SketchPlan, plan_sketch
from engine.generation.request import ModelSpec
from engine.jobs.job_queue import Job, JobQueue
from engine.jobs.states import JobState
from ui.generation.generation_actions import GenerationController
from ui.widgets.labels import shot_title


class SketchQueue(QObject):
    """Plans sketches with reserved file names, queues them, and reports each one's end."""

    made = Signal(object, object)  # the film, its Sketch
    failed = Signal(object, str, str)  # the film, the shot's title, why

    def __init__(self, generation: GenerationController, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.jobs: dict[str, tuple[Project, SketchPlan, str]] = {}  # job id -> film, plan, shot title
        self.reserved: set[str] = set()  # the files of queued sketches (media-relative)
        self.ended: dict[str, tuple[Project, SketchPlan, str]] = {}  # failed or cancelled, by file: retryable
        generation.bridge.jobEvent.connect(self._on_job_event)

    def submit(
        self, project: Project, shot_ids: list[str], jobs: JobQueue, spec: ModelSpec, new_seed: bool
    ) -> list[str]:
        """Queue a sketch of each shot with a prompt; the lines saying which could not be queued and why."""
        errors: list[str] = []
        for shot_id in shot_ids:
            shot = project.shot(shot_id)
            if not shot.prompt.strip():
                continue
            title = shot_title(shot, project.index_of(shot_id))
            seed = random_seed() if new_seed else None
            try:
                plan = plan_sketch(project, shot_id, spec, seed, None, self.reserved)
            except ValueError as exc:  # an unsaved film, 999 sketches already
                errors.append(f"{title}: {exc}")
                continue
            self.reserved.add(plan.relative)
            label = self.tr("{0} · sketch").format(title)
            job = jobs.submit(plan.request, plan.path, label, meta={"title": title, "sketch": shot_id})
            self.jobs[job.id] = (project, plan, title)
        return errors

    def forget_film(self) -> None:
        """Another film is shown: its file names are no longer the ones to avoid."""
        self.reserved.clear()
        self.ended.clear()

    def _on_job_event(self, event: str, job: Job) -> None:
        if event == "added" and "sketch" in job.meta and job.id not in self.jobs:
            entry = self.ended.pop(str(job.clip_path), None)  # Retry in the Queue: the same sketch again
            if entry is not None:
                self.jobs[job.id] = entry
                self.reserved.add(entry[1].relative)
        if event != "finished" or job.id not in self.jobs:
            return
        project, plan, title = entry = self.jobs.pop(job.id)
        self.reserved.discard(plan.relative)
        if job.state == JobState.DONE and job.result is not None:
            self.made.emit(project, plan.sketch(job.result))
            return
        self.ended[str(job.clip_path)] = entry
        if job.state == JobState.FAILED:
            self.failed.emit(project, title, job.error or "")
