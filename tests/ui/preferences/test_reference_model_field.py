"""Project Settings names the film's reference (VACE) model and its revision, one undo step."""

from __future__ import annotations

from ui_support import make_window, sample_project

from ui.preferences.image_model_field import VACE_MODEL
from ui.preferences.project_settings_dialog import ProjectSettingsDialog


def test_the_reference_model_and_revision_are_set_and_cleared_through_project_settings(qtbot, tmp_path):
    window = make_window(qtbot, sample_project(1))
    settings = window.project.settings
    dialog = ProjectSettingsDialog(settings, window)
    qtbot.addWidget(dialog)
    field = dialog.reference_model
    assert field.source.value() is None and dialog.changes() == {}
    assert VACE_MODEL in [field.source.itemText(i) for i in range(field.source.count())]
    field.source.setCurrentText(f" {VACE_MODEL} ")
    field.revision.setText(" 0123abc ")
    assert dialog.changes() == {"vace_model": VACE_MODEL, "vace_model_revision": "0123abc"}
    window.apply_project_settings(dialog.changes())
    assert (settings.vace_model, settings.vace_model_revision) == (VACE_MODEL, "0123abc")
    assert window.undo_stack.count() == 1

    again = ProjectSettingsDialog(settings, window)
    qtbot.addWidget(again)
    assert again.reference_model.source.currentText() == VACE_MODEL and again.changes() == {}
    folder = str(tmp_path / "tiny vace")
    again.reference_model.source.setCurrentText(folder)  # a local folder as well as a repo id
    again.reference_model.revision.clear()
    window.apply_project_settings(again.changes())
    assert (settings.vace_model, settings.vace_model_revision) == (folder, None)
    cleared = ProjectSettingsDialog(settings, window)
    qtbot.addWidget(cleared)
    cleared.reference_model.source.setCurrentText("")
    cleared.reference_model.revision.setText("kept?")  # no revision without a model
    assert cleared.changes() == {"vace_model": None}
    window.undo_stack.undo()
    window.undo_stack.undo()
    assert (settings.vace_model, settings.vace_model_revision) == (None, None)
