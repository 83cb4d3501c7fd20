"""The queue as a new user meets it: every button in sight, a footer for this batch, Cancel All at once."""

from __future__ import annotations

from ui_support import make_window, sample_project, tiny_project, tiny_window, wait_finished

from app.settings.model_settings import ModelSettings, store_model_settings
from engine.jobs.states import JobState
from ui.generation.queue_model import PROGRESS


def test_every_queue_button_shows_at_the_default_width_in_english(qtbot):
    window = make_window(qtbot, sample_project(2))
    dock = window.generation.dock
    qtbot.waitUntil(lambda: dock.isVisible())
    hidden = [key for key, button in dock.buttons.items() if not button.isVisible()]
    assert hidden == [], f"behind the toolbar's overflow: {hidden}"


def test_the_footer_counts_this_batch_and_a_closed_films_rows_leave(qtbot, tiny_a14b, tmp_path):
    project = tiny_project(tmp_path)
    window = tiny_window(qtbot, tiny_a14b, project)
    controller, dock = window.generation, window.generation.dock
    # Model offload on the CPU is refused: a real failure of the whole first batch.
    store_model_settings(
        window.settings,
        ModelSettings(source=str(tiny_a14b), device="cpu", dtype="float32", memory_profile="model_offload"),
    )
    failed = controller.generate([s.id for s in project.shots])
    wait_finished(qtbot, window, failed)
    # One failed; the model refused, the queue left the other unstarted (cancelled, not counted).
    assert dock.overall_label.text() == "0 of 1 done · 1 failed"
    store_model_settings(window.settings, ModelSettings(source=str(tiny_a14b), device="cpu", dtype="float32"))
    retried = controller.generate([s.id for s in project.shots])
    wait_finished(qtbot, window, retried)
    assert [j.state for j in retried] == [JobState.DONE] * 2
    assert dock.overall_label.text() == "2 of 2 done", dock.overall_label.text()
    window.act_close.trigger()  # the film goes, and its rows with it
    assert controller.queue_model.rowCount() == 0


def test_cancel_all_says_cancelling_at_once(qtbot, tiny_a14b, tmp_path):
    project = tiny_project(tmp_path, count=2, steps=40)
    window = tiny_window(qtbot, tiny_a14b, project)
    controller, dock = window.generation, window.generation.dock
    started = []
    controller.bridge.jobEvent.connect(lambda e, j: started.append(j) if e == "progress" else None)
    jobs = controller.generate([s.id for s in project.shots])
    qtbot.waitUntil(lambda: bool(started), timeout=30_000)
    controller.act_cancel_all.trigger()
    model = controller.queue_model
    running = model.row_of(started[0].id)
    # Before the worker's step ends: the row and the footer say so straight away.
    shown = model.index(running, PROGRESS).data()
    assert shown in ("cancelling…", "cancelled"), shown
    assert shown == "cancelled" or "cancelling…" in dock.overall_label.text()
    wait_finished(qtbot, window, jobs)
    assert [j.state for j in jobs] == [JobState.CANCELLED, JobState.CANCELLED]
