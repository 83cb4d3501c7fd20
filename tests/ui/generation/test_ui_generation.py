"""Generating from the window: the queue runs takes in the background and they land in the project."""

from __future__ import annotations

import threading

import psutil
import pytest
from ui_support import WAIT, tiny_project, tiny_window, wait_finished

from app.project import recovery
from app.project.reel_file import load_project
from app.project.shot import ShotState
from app.settings.model_settings import ModelSettings, store_model_settings
from engine.jobs.states import JobState
from ui.editing.undo_commands import EditShotCommand, RemoveTakeCommand
from ui.timeline.timeline_model import JobProgressRole, StatusRole


@pytest.fixture(autouse=True)
def no_threads_left():
    """No worker, frame reader or download thread outlives a test."""
    yield
    left = [t.name for t in threading.enumerate() if t.name.startswith("storyreel-") and t.is_alive()]
    assert not left, f"threads left running: {left}"


def test_jobs_complete_and_takes_appear(qtbot, tiny_a14b, tmp_path):
    project = tiny_project(tmp_path)
    window = tiny_window(qtbot, tiny_a14b, project)
    window.timeline.select_ids([s.id for s in project.shots])
    seen = set()
    window.model.dataChanged.connect(
        lambda a, b, roles=(): seen.update(str(window.model.index(r).data(StatusRole)) for r in range(2))
    )
    progress = []
    window.generation.bridge.jobEvent.connect(
        lambda event, job: progress.append(window.model.index(0).data(JobProgressRole))
    )
    window.generation.act_generate.trigger()
    jobs = window.generation.jobs.jobs()
    assert len(jobs) == 2
    wait_finished(qtbot, window, jobs)
    assert [j.state for j in jobs] == [JobState.DONE, JobState.DONE]
    qtbot.waitUntil(lambda: all(len(s.takes) == 1 for s in project.shots), timeout=WAIT)
    assert {"queued", "generating"} <= seen  # cards showed the queue
    assert any(p is not None and 0 < p < 1 for p in progress)
    for shot in project.shots:
        take = shot.active
        assert take is not None and project.take_path(take).is_file()
        assert take.path == f"{shot.id}/take-001.mp4" and take.frames == 9
        assert window.model.index(project.shots.index(shot)).data(StatusRole) == ShotState.READY
    model = window.generation.queue_model
    assert model.rowCount() == 2 and model.index(0, 3).data() == "done"
    assert model.overall()[:3] == (1.0, 2, 2)
    # Saved to the recovery file at once, and the window knows it is unsaved.
    assert window.session.is_dirty()
    window.files.wait()
    found = recovery.find_recoveries()
    assert found and all(len(s.takes) == 1 for s in recovery.open_recovery(found[0]).shots)
    # Thumbnails are made in the background and cached in the media folder.
    qtbot.waitUntil(
        lambda: all(window.thumbnails.get(project, s.active) is not None for s in project.shots), timeout=WAIT
    )
    assert len(list((project.media_dir / ".thumbs").glob("*.png"))) == 2
    # Both were made in one generation process, which keeps the model loaded for the next job.
    backend = window.generation.jobs._backends[0]
    assert backend.pid is not None and psutil.pid_exists(backend.pid)


def test_cancel_mid_run_leaves_no_take_and_no_file(qtbot, tiny_a14b, tmp_path):
    # Many steps: the cancel crosses to the GUI thread and back while the worker keeps going, and
    # on a loaded machine that can take a while; the test ends as soon as the cancel lands.
    project = tiny_project(tmp_path, count=1, steps=400)
    window = tiny_window(qtbot, tiny_a14b, project)
    controller = window.generation

    def on_event(event, job):
        p = job.progress
        if event == "progress" and p is not None and p.stage == "generating" and p.step >= 2:
            controller.cancel(job.id)

    controller.bridge.jobEvent.connect(on_event)
    [job] = controller.generate([project.shots[0].id])
    wait_finished(qtbot, window, [job])
    assert job.state == JobState.CANCELLED and job.progress.step < 400
    # The worker has finished; the GUI thread learns of it through a queued signal.
    qtbot.waitUntil(lambda: project.pending_jobs == [], timeout=WAIT)
    assert project.shots[0].takes == []
    assert not list(project.media_dir.rglob("*.mp4")) and not list(project.media_dir.rglob("*.json"))


def test_failing_job_then_a_good_one(qtbot, tiny_a14b, tmp_path):
    project = tiny_project(tmp_path)
    window = tiny_window(qtbot, tiny_a14b, project, memory_profile="model_offload")
    controller = window.generation
    [bad] = controller.generate([project.shots[0].id])  # offload on the CPU is refused
    store_model_settings(window.settings, ModelSettings(source=str(tiny_a14b), device="cpu", dtype="float32"))
    [good] = controller.generate([project.shots[1].id])
    wait_finished(qtbot, window, [bad, good])
    assert bad.state == JobState.FAILED and "memory profile" in bad.error and bad.hint
    assert good.state == JobState.DONE
    qtbot.waitUntil(lambda: len(project.shots[1].takes) == 1, timeout=WAIT)
    assert project.shots[0].takes == [] and project.shots[0].error == bad.error
    assert window.model.index(0).data(StatusRole) == ShotState.FAILED
    tip = controller.queue_model.index(0, 4).data(0x03)  # ToolTipRole
    assert "memory profile" in tip
    # Retry queues it again (still failing with this setting is fine: it ends, and the queue goes on).
    again = controller.retry(bad.id)
    wait_finished(qtbot, window, [again])
    assert controller.queue_model.rowCount() == 3


@pytest.mark.slow
def test_pending_jobs_are_saved_and_offered_on_reopen(qtbot, tiny_a14b, tmp_path):
    project = tiny_project(tmp_path)
    window = tiny_window(qtbot, tiny_a14b, project)
    controller = window.generation
    controller.ensure_queue()
    controller.toggle_pause()
    jobs = controller.generate([s.id for s in project.shots], new_seed=True)
    seeds = [j.request.seed for j in jobs]
    controller.move(jobs[1].id, -1)
    assert [r["shot"] for r in project.pending_jobs] == [project.shots[1].id, project.shots[0].id]
    assert window.files.save()
    doc = load_project(project.path)
    assert sorted(r["seed"] for r in doc.pending_jobs) == sorted(seeds)

    window.dialogs.answers["save_changes"] = "discard"
    assert window.files.open_path(project.path)
    reopened = window.project
    assert reopened is not project
    qtbot.waitUntil(lambda: ("resume_queue", 2) in window.dialogs.asked, timeout=WAIT)
    controller.toggle_pause()  # resume the (still paused) queue
    resumed = [j for j in controller.jobs.jobs() if j.state != JobState.CANCELLED]
    assert sorted(j.request.seed for j in resumed) == sorted(seeds)
    wait_finished(qtbot, window, resumed)
    qtbot.waitUntil(lambda: all(len(s.takes) == 1 for s in reopened.shots), timeout=WAIT)
    assert sorted(s.active.seed for s in reopened.shots) == sorted(seeds)
    assert reopened.pending_jobs == []


@pytest.mark.slow
def test_a_take_arriving_between_edits_keeps_undo_consistent(qtbot, tiny_a14b, tmp_path):
    project = tiny_project(tmp_path, count=1)
    window = tiny_window(qtbot, tiny_a14b, project)
    controller = window.generation
    shot = project.shots[0]
    [first] = controller.generate([shot.id])
    wait_finished(qtbot, window, [first])
    qtbot.waitUntil(lambda: len(shot.takes) == 1, timeout=WAIT)
    old = shot.takes[0]
    window.undo_stack.push(RemoveTakeCommand(project, shot.id, old.id))
    assert shot.takes == []
    [second] = controller.generate([shot.id])
    wait_finished(qtbot, window, [second])
    qtbot.waitUntil(lambda: len(shot.takes) == 1, timeout=WAIT)
    new = shot.takes[0]
    assert new.id != old.id and new.path == f"{shot.id}/take-002.mp4"  # never the removed take's file
    window.undo_stack.undo()  # the removed take comes back; the generated one stays
    assert [t.id for t in shot.takes] == [old.id, new.id] and shot.active_take == old.id
    window.undo_stack.redo()
    assert [t.id for t in shot.takes] == [new.id] and shot.active_take == new.id
    # A trim made on one take is not carried onto a take generated after it, by undo or redo.
    window.undo_stack.push(EditShotCommand(project, shot.id, {"trim_in": 3}))
    [third] = controller.generate([shot.id])
    wait_finished(qtbot, window, [third])
    qtbot.waitUntil(lambda: len(shot.takes) == 2, timeout=WAIT)
    assert shot.active_take == shot.takes[-1].id and shot.trim_in == 0
    window.undo_stack.undo()
    window.undo_stack.redo()
    assert shot.active_take == shot.takes[-1].id and shot.trim_in == 0


def test_the_queue_follows_the_backend_chosen_in_preferences(qtbot, tiny_a14b, tmp_path):
    project = tiny_project(tmp_path, count=1)
    window = tiny_window(qtbot, tiny_a14b, project, backend="remote")
    controller = window.generation
    # Remote with no endpoint: a clear error, nothing queued, no worker started.
    window.timeline.select_ids([project.shots[0].id])
    assert controller.generate_selected() == []
    assert any("endpoint" in e.lower() for e in window.dialogs.errors) and controller.jobs is None
    # Two endpoints: one worker per endpoint, named after it.
    window.settings.endpoints = ["http://127.0.0.1:9/a", "http://127.0.0.1:9/b"]
    assert controller.ensure_queue() is not None
    names = [b.name for b in controller.jobs._backends]
    assert len(names) == 2 and all(type(b).__name__ == "RemoteBackend" for b in controller.jobs._backends)
    # Back to local: the idle queue is rebuilt with the local backend.
    store_model_settings(window.settings, ModelSettings(source=str(tiny_a14b), device="cpu", dtype="float32"))
    controller.ensure_queue()
    assert [b.name for b in controller.jobs._backends] == ["local"]
