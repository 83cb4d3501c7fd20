"""The model is set per film in Project Settings and per machine in Preferences; both say which wins."""

from __future__ import annotations

from ui_support import make_window, sample_project

from app.settings.model_settings import ModelSettings, store_model_settings
from ui.preferences.preferences_dialog import PreferencesDialog
from ui.preferences.project_settings_dialog import ProjectSettingsDialog

FILM = "Wan-AI/Wan2.2-TI2V-5B-Diffusers"


def test_both_dialogs_show_which_model_this_machine_uses(qtbot, tmp_path):
    project = sample_project(1)
    project.settings.model = FILM
    window = make_window(qtbot, project)
    opened: list[str] = []

    def open_preferences() -> None:  # what the button does: here the machine's model is set
        opened.append("preferences")
        store_model_settings(window.settings, ModelSettings(source=str(tmp_path)))

    dialog = ProjectSettingsDialog(project.settings, window, window.settings, open_preferences)
    qtbot.addWidget(dialog)
    assert dialog.precedence.text() == (
        f"This machine generates with the film's model, {FILM} (Preferences > Model leaves it)."
    )
    dialog.preferences_button.click()
    assert opened == ["preferences"]
    assert dialog.precedence.text().startswith(
        f"This machine generates with {tmp_path} (Preferences > Model)"
    )
    assert f"not the film's model {FILM}" in dialog.precedence.text()
    dialog.model.setCurrentText("Wan-AI/Wan2.2-T2V-A14B-Diffusers")  # the note follows the edit
    assert "not the film's model Wan-AI/Wan2.2-T2V-A14B-Diffusers" in dialog.precedence.text()

    prefs = PreferencesDialog(window.settings, window, film_model=FILM)
    qtbot.addWidget(prefs)
    note = prefs.model_page.precedence
    assert note.text().startswith(f"This machine generates with {tmp_path}")
    prefs.model_page.source.setText("")  # emptied: the film's model comes back
    assert (
        note.text()
        == f"This machine generates with the film's model, {FILM} (Preferences > Model leaves it)."
    )
    prefs.model_page.backend.setCurrentIndex(prefs.model_page.backend.findData("remote"))
    assert "remote endpoint" in note.text()


def test_the_window_opens_both_dialogs_with_the_film_and_the_machine(qtbot, monkeypatch):
    window = make_window(qtbot, sample_project(1))
    seen: dict[str, object] = {}
    monkeypatch.setattr(ProjectSettingsDialog, "exec", lambda self: seen.setdefault("project", self) and 0)
    monkeypatch.setattr(PreferencesDialog, "exec", lambda self: seen.setdefault("prefs", self) and 0)
    window.edit_project_settings()
    project_dialog = seen["project"]
    assert isinstance(project_dialog, ProjectSettingsDialog) and project_dialog.preferences_button.isEnabled()
    project_dialog.preferences_button.click()  # goes to Preferences, showing the film's model
    prefs = seen["prefs"]
    assert isinstance(prefs, PreferencesDialog)
    assert "the film's model, Wan-AI/Wan2.2-T2V-A14B-Diffusers" in prefs.model_page.precedence.text()
