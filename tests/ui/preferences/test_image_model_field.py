"""Project Settings names the film's image model (empty: the text model), one undo step."""

from __future__ import annotations

from ui_support import make_window, sample_project

from ui.preferences.image_model_field import I2V_MODEL
from ui.preferences.project_settings_dialog import ProjectSettingsDialog


def test_the_image_model_is_set_and_cleared_through_project_settings(qtbot, tmp_path):
    window = make_window(qtbot, sample_project(1))
    settings = window.project.settings
    dialog = ProjectSettingsDialog(settings, window)
    qtbot.addWidget(dialog)
    assert dialog.image_model.value() is None and dialog.changes() == {}
    assert "film's model" in dialog.image_model.lineEdit().placeholderText()
    dialog.image_model.setCurrentText(f"  {I2V_MODEL} ")
    assert dialog.changes() == {"image_model": I2V_MODEL}
    window.apply_project_settings(dialog.changes())
    assert settings.image_model == I2V_MODEL and window.undo_stack.count() == 1

    folder = str(tmp_path / "my i2v model")
    again = ProjectSettingsDialog(settings, window)
    qtbot.addWidget(again)
    assert again.image_model.currentText() == I2V_MODEL and again.changes() == {}
    again.image_model.setCurrentText(folder)  # a local folder works as well as a repo id
    window.apply_project_settings(again.changes())
    assert settings.image_model == folder
    cleared = ProjectSettingsDialog(settings, window)
    qtbot.addWidget(cleared)
    cleared.image_model.setCurrentText("")
    assert cleared.changes() == {"image_model": None}
    window.undo_stack.undo()
    window.undo_stack.undo()
    assert settings.image_model is None
