"""The generation queue: jobs with explicit states, one long-lived worker thread per backend.

A backend that talks over the network (a coroutine `run_async`: remote endpoints) has no threads:
its jobs run as asyncio tasks on one loop, `slots` of them at once (engine/jobs/async_dispatch.py).
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from engine.backends.local import Backend
from engine.backends.take_record import TakeRecord
from engine.generation.model_source import ModelError
from engine.generation.request import GenerationRequest, ModelSpec
from engine.jobs.async_dispatch import AsyncDispatch, NetworkBackend, is_async, slots
from engine.jobs.failure_messages import describe_failure
from engine.jobs.states import ACTIVE_STATES, FINISHED_STATES, STAGE_STATE, JobState
from engine.progress import GENERATING, Cancelled, CancelToken, Progress, ProgressCallback
from engine.thread_priority import lower_this_thread

log = logging.getLogger(__name__)


@dataclass
class Job:
    """One generation in the queue; `meta` carries the caller's own keys (shot id, take number)."""

    request: GenerationRequest
    clip_path: Path
    label: str = ""
    meta: dict[str, Any] = field(default_factory=dict)
    id: str = field(default_factory=lambda: uuid.uuid4().hex[:12])
    state: JobState = JobState.QUEUED
    progress: Progress | None = None
    backend: str | None = None
    error: str | None = None
    hint: str | None = None
    result: TakeRecord | None = None
    submitted: float = field(default_factory=time.monotonic)
    started: float | None = None
    finished: float | None = None
    cancel: CancelToken = field(default_factory=CancelToken, repr=False)
    after: str | None = None  # the id of a job that must be done first (the take this one continues)

    @property
    def elapsed(self) -> float:
        """Seconds since the job started (or until it finished)."""
        if self.started is None:
            return 0.0
        return (self.finished or time.monotonic()) - self.started

    @property
    def step_fraction(self) -> float:
        """0..1 progress through the denoising steps (1 once decoding)."""
        if self.state == JobState.DONE or self.state in (JobState.DECODING, JobState.ENCODING):
            return 1.0
        p = self.progress
        if p is None or p.stage != GENERATING or not p.total:
            return 0.0
        if p.segment and p.segments:  # a long shot: the segments before this one are done
            return (p.segment - 1 + p.step / p.total) / p.segments
        return p.step / p.total

    @property
    def eta(self) -> float | None:
        """Estimated seconds left of the denoising, from the pace of the steps so far."""
        p = self.progress
        if self.started is None or p is None or p.stage != GENERATING or not p.step or not p.total:
            return None
        done = self.step_fraction
        return self.elapsed / done * (1 - done)


# Called from worker threads with ("added" | "changed" | "progress" | "finished" | "removed" | "moved", job).
JobListener = Callable[[str, Job], None]


class JobQueue:
    """Runs jobs in order on the backends' workers; cancel, retry, reorder, pause and resume."""

    def __init__(
        self,
        backends: list[Backend],
        listener: JobListener | None = None,
        loop: asyncio.AbstractEventLoop | None = None,
        worker_nice: int = 0,
    ) -> None:
        """loop runs the network backends' tasks (the window's); without one they get a thread's own.
        worker_nice lowers the worker threads' CPU priority by that many steps (a window's queue)."""
        if not backends:
            raise ValueError("a job queue needs at least one backend")
        self._listener = listener or (lambda event, job: None)
        self._worker_nice = worker_nice
        self._jobs: list[Job] = []
        self._cond = threading.Condition()
        self._paused = False
        self._closing = False
        self._backends = list(backends)
        # Models that failed to load in this batch, with the job that found out: more jobs for
        # them are cancelled unstarted until forget_model_failures() or a retry.
        self._failed_models: dict[ModelSpec, Job] = {}
        # A backend with `slots` (a local GPU per worker thread, an endpoint's replicas) runs that
        # many jobs at once: on as many threads, or as tasks on one loop for the network backends.
        self._workers = [
            threading.Thread(
                target=self._work, args=(b,), name=f"storyreel-worker-{b.name}-{slot + 1}", daemon=True
            )
            for b in self._backends
            if not is_async(b)
            for slot in range(slots(b))
        ]
        network = [b for b in self._backends if is_async(b)]
        self._dispatch: AsyncDispatch[Backend, Job] | None = None
        if network:
            self._dispatch = AsyncDispatch(network, self._claim, self._run_async, self._abandon, loop)
        for worker in self._workers:
            worker.start()

    # -- queries ----------------------------------------------------------------------------
    def jobs(self) -> list[Job]:
        """The jobs in queue order (a copy of the list; the jobs themselves are live)."""
        with self._cond:
            return list(self._jobs)

    def job(self, job_id: str) -> Job:
        """A job by id (KeyError if gone)."""
        with self._cond:
            return self._find(job_id)

    @property
    def paused(self) -> bool:
        """Whether workers hold off starting new jobs."""
        return self._paused

    def pending(self) -> list[Job]:
        """Jobs not yet started."""
        with self._cond:
            return [j for j in self._jobs if j.state == JobState.QUEUED]

    def busy(self) -> bool:
        """Whether any job is queued or running."""
        with self._cond:
            return any(j.state not in FINISHED_STATES for j in self._jobs)

    # -- changes ----------------------------------------------------------------------------
    def submit(
        self,
        request: GenerationRequest,
        clip_path: Path,
        label: str = "",
        meta: dict[str, Any] | None = None,
        after: str | None = None,
    ) -> Job:
        """Add a job at the end of the queue; with `after`, it starts only once that job is done."""
        job = Job(request, Path(clip_path), label, dict(meta or {}), after=after)
        with self._cond:
            if self._closing:
                raise RuntimeError("the queue is shut down")
            failed = self._failed_models.get(request.model)
            if failed is not None:
                self._hold_back(job, failed)
            self._jobs.append(job)
            self._notify()
        self._listener("added", job)
        if failed is not None:
            self._listener("finished", job)
        return job

    def forget_model_failures(self) -> None:
        """A new batch: models that failed to load before are tried again."""
        with self._cond:
            self._failed_models.clear()

    def cancel(self, job_id: str) -> None:
        """Cancel a queued job at once, or a running one at its next step."""
        with self._cond:
            job = self._find(job_id)
            if job.state in FINISHED_STATES:
                return
            job.cancel.cancel()
            queued = job.state == JobState.QUEUED
            if queued:
                job.state, job.finished = JobState.CANCELLED, time.monotonic()
        if queued:
            self._listener("finished", job)
        elif self._dispatch is not None:
            self._dispatch.cancel(job.id)  # a request in flight: its task is cancelled, its connection closed

    def cancel_all(self) -> None:
        """Cancel every queued and running job."""
        for job in self.jobs():
            self.cancel(job.id)

    def retry(self, job_id: str) -> Job:
        """Queue a failed or cancelled job again (a new job at the end, same request and path)."""
        with self._cond:
            old = self._find(job_id)
            if old.state not in (JobState.FAILED, JobState.CANCELLED):
                raise ValueError("only failed or cancelled jobs can be retried")
            self._failed_models.pop(old.request.model, None)  # asked for again: try loading it
        return self.submit(old.request, old.clip_path, old.label, old.meta)

    def remove(self, job_id: str) -> None:
        """Drop a finished or queued job from the list (a running job must be cancelled first)."""
        with self._cond:
            job = self._find(job_id)
            if job.state in ACTIVE_STATES:
                raise ValueError("cancel a running job before removing it")
            job.cancel.cancel()
            self._jobs.remove(job)
        self._listener("removed", job)

    def move(self, job_id: str, delta: int) -> None:
        """Move a job up (negative) or down in the queue."""
        with self._cond:
            job = self._find(job_id)
            index = self._jobs.index(job)
            target = max(0, min(len(self._jobs) - 1, index + delta))
            if target == index:
                return
            self._jobs.insert(target, self._jobs.pop(index))
        self._listener("moved", job)

    def pause(self) -> None:
        """Finish running jobs but start no new ones."""
        with self._cond:
            self._paused = True

    def resume(self) -> None:
        """Start queued jobs again."""
        with self._cond:
            self._paused = False
            self._notify()

    def wait_idle(self, timeout: float | None = None) -> bool:
        """Block until nothing is queued or running (False on timeout)."""
        deadline = None if timeout is None else time.monotonic() + timeout
        with self._cond:
            while any(j.state not in FINISHED_STATES for j in self._jobs):
                left = None if deadline is None else deadline - time.monotonic()
                if left is not None and left <= 0:
                    return False
                self._cond.wait(left)
        return True

    def shutdown(self, cancel_running: bool = True, timeout: float | None = 30.0) -> None:
        """Stop the workers (cancelling what runs), join them and close the backends."""
        with self._cond:
            self._closing = True
            for job in self._jobs:
                if job.state == JobState.QUEUED or (cancel_running and job.state in ACTIVE_STATES):
                    job.cancel.cancel()
            self._cond.notify_all()
        if self._dispatch is not None:
            self._dispatch.close(cancel_running, timeout)
        for worker in self._workers:
            worker.join(timeout)
        for backend in self._backends:
            backend.close()

    # -- the workers ------------------------------------------------------------------------
    def _find(self, job_id: str) -> Job:
        for job in self._jobs:
            if job.id == job_id:
                return job
        raise KeyError(job_id)

    def _notify(self) -> None:
        """Wake the workers and the task dispatcher (call with the lock held)."""
        self._cond.notify_all()
        if self._dispatch is not None:
            self._dispatch.wake()

    def _claim_locked(self, backend: Backend) -> Job | None:
        if self._closing or self._paused:
            return None
        for job in self._jobs:
            if job.state == JobState.QUEUED and not job.cancel.cancelled and self._ready(job):
                job.state, job.backend, job.started = JobState.LOADING_MODEL, backend.name, time.monotonic()
                return job
        return None

    def _claim(self, backend: Backend) -> tuple[str, Job] | None:
        """The next job for a task of backend, now (None if there is none, or the queue is paused)."""
        with self._cond:
            job = self._claim_locked(backend)
        return None if job is None else (job.id, job)

    def _next_job(self, backend: Backend) -> Job | None:
        with self._cond:
            while not self._closing:
                job = self._claim_locked(backend)
                if job is not None:
                    return job
                self._cond.wait()
            return None

    def _ready(self, job: Job) -> bool:
        """Whether the job it waits for (if any, and still listed) has finished.

        One that failed holds its dependents back (_hold_dependents); one cancelled while queued lets
        them run, and they fail at once saying the take they continue is not there.
        """
        if job.after is None:
            return True
        before = next((j for j in self._jobs if j.id == job.after), None)
        return before is None or before.state in FINISHED_STATES

    def _work(self, backend: Backend) -> None:
        lower_this_thread(self._worker_nice)
        while (job := self._next_job(backend)) is not None:
            self._listener("changed", job)
            try:
                job.result = backend.run(job.request, job.clip_path, self._progress(job), job.cancel)
            except Exception as exc:  # one failed job must not stop the queue
                self._settle(backend, job, exc)
            else:
                self._settle(backend, job, None)

    def _hold_dependents(self, failed: Job) -> list[Job]:
        """Cancel the queued jobs that continue a job that did not finish (and theirs, down the chain)."""
        held: list[Job] = []
        with self._cond:
            stopped = {failed.id}
            for job in self._jobs:  # queue order: a chain's later links come later
                if job.state == JobState.QUEUED and job.after in stopped:
                    job.cancel.cancel()
                    job.state, job.finished = JobState.CANCELLED, time.monotonic()
                    job.error = (
                        f"Not started: the take it continues ({failed.label or failed.id}) was not made."
                    )
                    job.hint = "Generate the previous shot, then retry this one."
                    stopped.add(job.id)
                    held.append(job)
        return held

    async def _run_async(self, backend: Backend, job: Job) -> None:
        """One job of a network backend, as a task: cancelling the task cancels the job."""
        self._listener("changed", job)
        network = cast(NetworkBackend, backend)
        try:
            job.result = await network.run_async(job.request, job.clip_path, self._progress(job), job.cancel)
        except asyncio.CancelledError:
            self._settle(backend, job, Cancelled())
        except Exception as exc:  # one failed job must not stop the queue
            self._settle(backend, job, exc)
        else:
            self._settle(backend, job, None)

    def _abandon(self, backend: Backend, job: Job) -> None:
        self._settle(backend, job, Cancelled())

    def _progress(self, job: Job) -> ProgressCallback:
        def on_progress(p: Progress) -> None:
            job.progress = p
            state = STAGE_STATE.get(p.stage)
            if state is not None:
                job.state = state
            self._listener("progress", job)

        return on_progress

    def _settle(self, backend: Backend, job: Job, error: Exception | None) -> None:
        """Record how a started job ended (done, cancelled or failed) and tell the listener."""
        if error is None:
            job.state = JobState.DONE
        elif isinstance(error, Cancelled):
            job.state = JobState.CANCELLED
        else:
            job.error, job.hint = describe_failure(error)
            # The person sees the short message; the traceback is for the log.
            log.error(
                "job %s (%s) failed on %s: %s",
                job.id,
                job.label or "?",
                backend.name,
                job.error,
                exc_info=error,
            )
            at_load = job.state == JobState.LOADING_MODEL
            job.state = JobState.FAILED
            if at_load and isinstance(error, ModelError):
                self._stop_model(job)
        job.finished = time.monotonic()
        held = self._hold_dependents(job) if job.state != JobState.DONE else []
        with self._cond:
            self._notify()
        self._listener("finished", job)
        for dependent in held:
            self._listener("finished", dependent)

    def _stop_model(self, failed: Job) -> None:
        """The model failed to load: every queued job for it would fail the same way, so cancel them."""
        failed.meta["model_failed"] = True
        with self._cond:
            self._failed_models[failed.request.model] = failed
            held = [
                j
                for j in self._jobs
                if j.state == JobState.QUEUED and j.request.model == failed.request.model
            ]
            for job in held:
                self._hold_back(job, failed)
        for job in held:
            self._listener("finished", job)
        self._listener("model_failed", failed)  # one report for the whole batch

    @staticmethod
    def _hold_back(job: Job, failed: Job) -> None:
        job.cancel.cancel()
        job.state, job.finished = JobState.CANCELLED, time.monotonic()
        job.error, job.hint = f"Not started: {failed.error}", failed.hint
