"""The job queue: states, cancel, failure then success, pause, reorder, retry, parallel workers."""

from __future__ import annotations

import os
import sys
import threading
import time
from dataclasses import replace
from pathlib import Path

import pytest

from engine.backends.local import LocalBackend
from engine.backends.take_record import TakeRecord
from engine.generation.request import GenerationRequest, ModelSpec
from engine.jobs.job_queue import JobQueue
from engine.jobs.states import JobState
from engine.progress import GENERATING, Progress


def request_for(model: Path | str, **changes) -> GenerationRequest:
    fields = dict(
        prompt="a lighthouse",
        negative_prompt="",
        seed=3,
        num_frames=9,
        width=32,
        height=32,
        fps=16,
        num_inference_steps=4,
        guidance_scale=4.0,
        guidance_scale_2=3.0,
        model=ModelSpec(str(model), device="cpu", dtype="float32"),
    )
    fields.update(changes)
    return GenerationRequest(**fields)


class Recorder:
    """Collects (event, job id, state) from the queue's listener, thread-safely."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.events: list[tuple[str, str, str]] = []

    def __call__(self, event, job) -> None:
        with self.lock:
            self.events.append((event, job.id, job.state))

    def states(self, job_id: str) -> list[str]:
        with self.lock:
            seen = [s for _, j, s in self.events if j == job_id]
        return [s for i, s in enumerate(seen) if i == 0 or seen[i - 1] != s]


@pytest.fixture
def local_queue():
    recorder = Recorder()
    jobs = JobQueue([LocalBackend()], recorder)
    yield jobs, recorder
    jobs.shutdown()
    assert not [t for t in threading.enumerate() if t.name.startswith("storyreel-worker")]


def test_a_job_runs_through_every_state(tmp_path, tiny_a14b, local_queue):
    jobs, recorder = local_queue
    job = jobs.submit(request_for(tiny_a14b), tmp_path / "a.mp4", label="Shot 1")
    assert jobs.wait_idle(60)
    assert job.state == JobState.DONE and job.result is not None and (tmp_path / "a.mp4").exists()
    assert recorder.states(job.id) == [
        JobState.QUEUED,
        "loading model",
        "generating",
        "decoding",
        "encoding",
        JobState.DONE,
    ]
    assert job.backend == "local" and job.elapsed > 0 and job.step_fraction == 1.0


def test_a_failing_job_then_a_good_one(tmp_path, tiny_a14b, local_queue):
    jobs, _ = local_queue
    bad = jobs.submit(request_for(tmp_path / "no-such-model"), tmp_path / "bad.mp4")
    good = jobs.submit(request_for(tiny_a14b), tmp_path / "good.mp4")
    assert jobs.wait_idle(60)
    assert bad.state == JobState.FAILED and "no-such-model" in bad.error and "model" in bad.hint
    assert (
        good.state == JobState.DONE
        and (tmp_path / "good.mp4").exists()
        and not (tmp_path / "bad.mp4").exists()
    )
    retried = jobs.retry(bad.id)
    assert retried.id != bad.id and retried.request == bad.request
    assert jobs.wait_idle(60) and retried.state == JobState.FAILED


def test_cancel_mid_run_leaves_no_file_and_the_queue_goes_on(tmp_path, tiny_a14b):
    started = threading.Event()
    recorder = Recorder()

    def listener(event, job):
        recorder(event, job)
        p = job.progress
        if p is not None and p.stage == GENERATING and p.step == 2:
            started.set()

    jobs = JobQueue([LocalBackend()], listener)
    try:
        first = jobs.submit(request_for(tiny_a14b, num_inference_steps=40), tmp_path / "first.mp4")
        second = jobs.submit(request_for(tiny_a14b), tmp_path / "second.mp4")
        assert started.wait(60)
        jobs.cancel(first.id)
        assert jobs.wait_idle(60)
    finally:
        jobs.shutdown()
    assert first.state == JobState.CANCELLED and first.progress.step < 40
    assert second.state == JobState.DONE
    assert sorted(p.name for p in tmp_path.iterdir()) == ["second.json", "second.mp4"]


class GatedBackend:
    """A backend double for queue mechanics: each job waits for its gate, then writes a file."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.running = threading.Semaphore(0)
        self.gate = threading.Event()
        self.active = 0
        self.peak = 0
        self.lock = threading.Lock()

    def run(self, request, clip_path, on_progress, cancel) -> TakeRecord:
        with self.lock:
            self.active += 1
            self.peak = max(self.peak, self.active)
        self.running.release()
        try:
            while not self.gate.wait(0.01):
                cancel.check()
            on_progress(Progress(GENERATING, 1, 1))
            clip_path.write_bytes(b"clip")
            return TakeRecord(clip_path, {"seed": request.seed})
        finally:
            with self.lock:
                self.active -= 1

    def preflight(self, model) -> None:
        pass

    def close(self) -> None:
        self.gate.set()


def test_pause_resume_move_remove_and_cancel_queued(tmp_path):
    backend = GatedBackend("test")
    jobs = JobQueue([backend])
    try:
        base = request_for("m")
        running = jobs.submit(base, tmp_path / "0")
        assert backend.running.acquire(timeout=5)
        a, b, c = (jobs.submit(replace(base, seed=i), tmp_path / str(i)) for i in (1, 2, 3))
        jobs.move(c.id, -2)
        assert [j.id for j in jobs.jobs()] == [running.id, c.id, a.id, b.id]
        jobs.cancel(a.id)
        assert a.state == JobState.CANCELLED
        jobs.remove(a.id)
        assert a.id not in [j.id for j in jobs.jobs()]
        with pytest.raises(ValueError):
            jobs.remove(running.id)
        jobs.pause()
        backend.gate.set()
        time.sleep(0.3)
        assert running.state == JobState.DONE and c.state == JobState.QUEUED and b.state == JobState.QUEUED
        jobs.resume()
        assert jobs.wait_idle(5)
        assert (c.state, b.state) == (JobState.DONE, JobState.DONE)
        assert c.finished <= b.started  # the moved job ran first
    finally:
        jobs.shutdown()


def test_each_backend_runs_one_job_at_a_time_in_parallel(tmp_path):
    one, two = GatedBackend("one"), GatedBackend("two")
    jobs = JobQueue([one, two])
    try:
        submitted = [jobs.submit(request_for("m", seed=i), tmp_path / f"{i}") for i in range(4)]
        assert one.running.acquire(timeout=5) and two.running.acquire(timeout=5)
        assert sum(j.state == JobState.QUEUED for j in submitted) == 2
        one.gate.set()
        two.gate.set()
        assert jobs.wait_idle(5)
    finally:
        jobs.shutdown()
    assert all(j.state == JobState.DONE for j in submitted)
    assert {j.backend for j in submitted} == {"one", "two"}
    assert one.peak == 1 and two.peak == 1


def test_shutdown_cancels_the_running_job(tmp_path):
    backend = GatedBackend("test")
    jobs = JobQueue([backend])
    job = jobs.submit(request_for("m"), tmp_path / "x")
    assert backend.running.acquire(timeout=5)
    backend.close = lambda: None  # keep the gate shut: only the cancel can end the job
    jobs.shutdown(timeout=5)
    assert job.state == JobState.CANCELLED
    assert job.error is None
    with pytest.raises(RuntimeError):
        jobs.submit(request_for("m"), tmp_path / "y")


def test_a_model_that_fails_to_load_stops_its_batch_at_the_first_shot(tmp_path, tiny_a14b):
    """Three shots on a model folder that cannot load: one failure, the rest cancelled with the reason."""
    broken = tmp_path / "not-a-model"
    broken.mkdir()
    (broken / "model_index.json").write_text("{not json", encoding="utf-8")
    recorder = Recorder()
    jobs = JobQueue([LocalBackend()], recorder)
    try:
        first, second, third = (
            jobs.submit(request_for(broken, seed=i), tmp_path / f"{i}.mp4") for i in range(3)
        )
        other = jobs.submit(request_for(tiny_a14b), tmp_path / "other.mp4")
        assert jobs.wait_idle(120)
        late = jobs.submit(request_for(broken, seed=7), tmp_path / "late.mp4")  # same batch: held too
        assert late.state == JobState.CANCELLED and late.error.startswith("Not started")
        jobs.forget_model_failures()  # a new batch loads it again
        again = jobs.submit(request_for(broken, seed=8), tmp_path / "again.mp4")
        assert jobs.wait_idle(60) and again.state == JobState.FAILED and again.started is not None
    finally:
        jobs.shutdown()
    assert first.state == JobState.FAILED and first.meta.get("model_failed") is True
    assert "model_index.json" in first.error
    for held in (second, third):
        assert held.state == JobState.CANCELLED and held.started is None
        assert held.error == f"Not started: {first.error}"
    assert [j for e, j, _ in recorder.events if e == "model_failed"] == [first.id, again.id]
    assert other.state == JobState.DONE  # another model's jobs go on
    assert not any((tmp_path / f"{i}.mp4").exists() for i in range(3))


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="a thread's own nice value is Linux's")
def test_a_window_queue_runs_its_workers_at_a_lower_cpu_priority(tmp_path):
    # Generation is background work: a GUI thread that wakes must not wait behind the worker's threads.
    seen: dict[str, int] = {}

    class Backend(GatedBackend):
        def run(self, request, clip_path, on_progress, cancel) -> TakeRecord:
            seen[self.name] = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())
            return super().run(request, clip_path, on_progress, cancel)

    here = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())
    for nice in (0, 5):
        backend = Backend(f"nice{nice}")
        backend.gate.set()
        jobs = JobQueue([backend], worker_nice=nice)
        job = jobs.submit(request_for("m"), tmp_path / f"{nice}.mp4")
        assert jobs.wait_idle(10) and job.state == JobState.DONE
        jobs.shutdown()
    assert seen == {"nice0": here, "nice5": min(here + 5, 19)}
    assert os.getpriority(os.PRIO_PROCESS, threading.get_native_id()) == here  # the caller's own is kept
