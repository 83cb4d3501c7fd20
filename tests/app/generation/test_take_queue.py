"""TakeQueue (no Qt): reserved clip paths, pending-job records, takes for deleted shots."""

from __future__ import annotations

import threading

from clip_backend_support import ClipBackend

from app.generation.take_queue import TakeQueue, take_number
from app.project.project import Project
from app.project.project_settings import ProjectSettings
from app.project.reel_file import load_project, save_project
from app.project.shot import Shot
from engine.generation.request import ModelSpec
from engine.jobs.job_queue import JobQueue
from engine.jobs.states import JobState


def setup(tmp_path, count=2):
    project = Project(ProjectSettings(), [Shot(prompt=f"p{i}") for i in range(count)])
    save_project(project, tmp_path / "f.reel")
    return project


def test_reserved_paths_pending_records_and_takes(tmp_path):
    project = setup(tmp_path)
    jobs = JobQueue([ClipBackend()])
    jobs.pause()
    try:
        tq = TakeQueue(project, jobs)
        a, b = project.shots
        queued, errors = tq.enqueue([a.id, a.id, b.id], ModelSpec("m"), seeds={a.id: 7})
        assert not errors and [take_number(tq.entry(j.id).plan.relative) for j in queued] == [1, 2, 1]
        assert [r["shot"] for r in project.pending_jobs] == [a.id, a.id, b.id]
        assert project.pending_jobs[0] == {"shot": a.id, "seed": 7, "model": "m", "model_revision": None}
        save_project(project)
        assert load_project(project.path).pending_jobs == project.pending_jobs
        jobs.resume()
        assert jobs.wait_idle(10)
        takes = [tq.finish(j) for j in queued]
        assert all(j.state == JobState.DONE for j in queued) and all(t is not None for t in takes)
        assert [t.path for t in a.takes] == [f"{a.id}/take-001.mp4", f"{a.id}/take-002.mp4"]
        assert a.active_take == a.takes[-1].id and project.pending_jobs == [] and not tq.reserved
    finally:
        jobs.shutdown()


def test_errors_and_a_deleted_shot_keeps_its_take(tmp_path):
    project = setup(tmp_path)
    project.shots[1].prompt = ""
    jobs = JobQueue([ClipBackend()])
    try:
        tq = TakeQueue(project, jobs)
        queued, errors = tq.enqueue([s.id for s in project.shots], ModelSpec("m"))
        assert len(queued) == 1 and "no prompt" in errors[project.shots[1].id]
        _, removed = project.remove_shot(project.shots[0].id)  # e.g. deleted (undoably) while generating
        assert jobs.wait_idle(10)
        take = tq.finish(queued[0])
        assert removed.takes == [take] and removed.active_take == take.id
        project.insert_shot(0, removed)  # the undo brings the shot back with its new take
        assert project.shots[0].active is take
    finally:
        jobs.shutdown()


def test_unsaved_project_is_an_error(tmp_path):
    project = Project(ProjectSettings(), [Shot(prompt="p")])
    jobs = JobQueue([ClipBackend()])
    try:
        queued, errors = TakeQueue(project, jobs).enqueue([project.shots[0].id], ModelSpec("m"))
        assert not queued and "save the project" in errors[project.shots[0].id]
    finally:
        jobs.shutdown()


def test_the_cli_batch_runs_through_the_windows_queue(tmp_path):
    # One driver: generate_missing queues through TakeQueue, so the project lists the jobs still to
    # come while it runs (the window's resume offer after a kill), and numbers takes the same way.
    import pytest

    from app.generation.batch_generation import RenderFailed, generate_missing

    project = setup(tmp_path, count=3)
    project.shots[1].prompt = ""  # refused when queued: reported, and the others still run
    first, _, last = project.shots
    seen: list[dict] = []
    first_reported = threading.Event()

    class HeldBackend(ClipBackend):
        """Makes the last shot only once the first's take is reported: a fast worker would otherwise
        have finished it (and emptied the pending jobs) before a loaded main thread reads them."""

        def run(self, request, clip_path, on_progress, cancel):
            if request.prompt == last.prompt:
                assert first_reported.wait(30)
            return super().run(request, clip_path, on_progress, cancel)

    def on_event(event):
        seen.append(event)
        if event["event"] == "take" and event["shot"] == first.id:
            assert [r["shot"] for r in project.pending_jobs] == [last.id]
            # On disk since they were queued (saves are then timed, SAVE_INTERVAL): the last is listed.
            assert last.id in [r["shot"] for r in load_project(project.path).pending_jobs]
            first_reported.set()

    with pytest.raises(RenderFailed) as failed:
        generate_missing(project, [HeldBackend()], ModelSpec("m"), on_event)
    assert list(failed.value.failures) == [project.shots[1].id] and "no prompt" in project.shots[1].error
    takes = [e for e in seen if e["event"] == "take"]
    assert [(e["shot"], e["index"], e["count"]) for e in takes] == [(first.id, 1, 3), (last.id, 3, 3)]
    assert [e["index"] for e in seen if e["event"] == "shot_failed"] == [2]
    assert first.takes[0].path == f"{first.id}/take-001.mp4" and project.pending_jobs == []
    assert load_project(project.path).pending_jobs == []


def test_a_prompt_with_a_blocked_word_is_refused_unqueued_naming_the_shot(tmp_path):
    project = setup(tmp_path)
    project.shots[1].prompt = "a GORY duel"
    jobs = JobQueue([ClipBackend()])
    jobs.pause()
    try:
        queued, errors = TakeQueue(project, jobs, ("gory",)).enqueue(
            [s.id for s in project.shots], ModelSpec("m")
        )
        assert len(queued) == 1 and list(errors) == [project.shots[1].id]
        assert errors[project.shots[1].id].startswith("Shot 2: the prompt contains blocked words (gory)")
        assert [r["shot"] for r in project.pending_jobs] == [project.shots[0].id]
    finally:
        jobs.shutdown()
