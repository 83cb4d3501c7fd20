"""A model that fails to load stops the batch at its first shot and says why once."""

from __future__ import annotations

from ui_support import tiny_project, tiny_window, wait_finished

from engine.jobs.states import JobState


def test_a_batch_on_a_model_that_cannot_load_gives_one_message(qtbot, tiny_a14b, tmp_path):
    project = tiny_project(tmp_path, count=3)
    # Model offload on the CPU is refused by the pipeline loader: a real ModelError at load time.
    window = tiny_window(qtbot, tiny_a14b, project, memory_profile="model_offload")
    jobs = window.generation.generate_missing()
    assert len(jobs) == 3
    wait_finished(qtbot, window, jobs)
    failed = [j for j in jobs if j.state == JobState.FAILED]
    held = [j for j in jobs if j.state == JobState.CANCELLED and j.started is None]
    assert len(failed) == 1 and len(held) == 2
    dialogs = window.dialogs
    assert len(dialogs.errors) == 1, dialogs.errors
    assert dialogs.errors[0].startswith("The model could not be loaded")
    assert "memory profile" in dialogs.errors[0] and "were not started" in dialogs.errors[0]
    assert window.generation.dock.model.rowCount() == 3  # the queue still shows every job
    window.generation.shutdown()
