"""Generate checks the model first: a bad one is one clear message and no job at all."""

from __future__ import annotations

from ui_support import tiny_project, tiny_window

from app.settings.model_settings import ModelSettings, store_model_settings


def test_a_bad_model_folder_is_one_message_and_no_jobs(qtbot, tiny_a14b, tmp_path):
    project = tiny_project(tmp_path, count=3)
    window = tiny_window(qtbot, tiny_a14b, project)
    empty = tmp_path / "empty-model"
    empty.mkdir()
    store_model_settings(window.settings, ModelSettings(source=str(empty), device="cpu", dtype="float32"))
    window.timeline.select_ids([s.id for s in project.shots])
    window.generation.act_generate.trigger()
    assert window.generation.jobs is None or not window.generation.jobs.jobs()
    errors = window.prompts.errors
    assert len(errors) == 1 and "model_index.json" in errors[0] and "RuntimeError" not in errors[0]


def test_an_uncached_repo_while_offline_is_one_message(qtbot, tiny_a14b, tmp_path):
    project = tiny_project(tmp_path, count=2)
    window = tiny_window(qtbot, tiny_a14b, project)
    store_model_settings(window.settings, ModelSettings(source="someone/not-cached-wan", device="cpu"))
    window.generation.act_generate_missing.trigger()
    assert window.generation.jobs is None or not window.generation.jobs.jobs()
    assert (
        len(window.prompts.errors) == 1 and "not in the local Hugging Face cache" in window.prompts.errors[0]
    )
