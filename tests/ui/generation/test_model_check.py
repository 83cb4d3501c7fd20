"""Generate checks the model first: a bad one is one clear message and no job at all."""

from __future__ import annotations

from ui_support import tiny_project, tiny_window

from app.settings.model_settings import ModelSettings, store_model_settings
from ui.start.model_choice_dialog import ModelChoiceDialog


def one_message(window) -> str:
    """The single message shown: the model choices (folder, download, demo) with the reason."""
    dialogs = window.findChildren(ModelChoiceDialog)
    assert window.dialogs.errors == [] and len(dialogs) == 1 and dialogs[0].isVisible()
    return dialogs[0].informativeText()


def test_a_bad_model_folder_is_one_message_and_no_jobs(qtbot, tiny_a14b, tmp_path):
    project = tiny_project(tmp_path, count=3)
    window = tiny_window(qtbot, tiny_a14b, project)
    empty = tmp_path / "empty-model"
    empty.mkdir()
    store_model_settings(window.settings, ModelSettings(source=str(empty), device="cpu", dtype="float32"))
    window.timeline.select_ids([s.id for s in project.shots])
    window.generation.act_generate.trigger()
    assert window.generation.jobs is None or not window.generation.jobs.jobs()
    message = one_message(window)
    assert "model_index.json" in message and "RuntimeError" not in message


def test_an_uncached_repo_while_offline_is_one_message(qtbot, tiny_a14b, tmp_path):
    project = tiny_project(tmp_path, count=2)
    window = tiny_window(qtbot, tiny_a14b, project)
    store_model_settings(window.settings, ModelSettings(source="someone/not-cached-wan", device="cpu"))
    window.generation.act_generate_missing.trigger()
    assert window.generation.jobs is None or not window.generation.jobs.jobs()
    assert "not in the local Hugging Face cache" in one_message(window)
