"""The export dialog shows the size it will write and can leave out the grade and logo or override transitions."""

from __future__ import annotations

from export_support import BLUE, RED, project_with_takes
from preset_support import make_preset
from ui_support import make_window

from app.film.film_export import export_spans
from app.presets.embedded import embed_from_library
from ui.export.export_dialog import ExportDialog


def _dialog(qtbot, tmp_path):
    project = project_with_takes(tmp_path, [RED, BLUE], frames=4)
    window = make_window(qtbot, project)
    dialog = ExportDialog(project, [], window)
    qtbot.addWidget(dialog)
    return project, dialog


def test_the_size_fields_show_the_chosen_size(qtbot, tmp_path):
    _, dialog = _dialog(qtbot, tmp_path)
    shown = {}
    for key in ("project", "720p", "1080p", "vertical"):
        dialog.size_box.setCurrentIndex(dialog.size_box.findData(key))
        shown[key] = (dialog.custom_w.value(), dialog.custom_h.value(), dialog.custom_w.isEnabled())
    assert shown == {
        "project": (64, 48, False),
        "720p": (1280, 720, False),
        "1080p": (1920, 1080, False),
        "vertical": (1080, 1920, False),
    }
    dialog.size_box.setCurrentIndex(dialog.size_box.findData("custom"))  # starts from the last size
    assert (dialog.custom_w.value(), dialog.custom_h.value(), dialog.custom_w.isEnabled()) == (
        1080,
        1920,
        True,
    )


def test_the_grade_and_logo_can_be_left_out_and_transitions_overridden(qtbot, tmp_path):
    project, dialog = _dialog(qtbot, tmp_path)
    make_preset(tmp_path)
    project.set_preset_document("Brand", embed_from_library(project, "Brand"))
    project.update_settings(preset="Brand")
    settings = dialog.settings()
    assert (settings.grade, settings.logo, settings.transition) == (True, True, None)
    assert all(span.look is not None for span in export_spans(project, project.shots))
    dialog.overrides.grade.setChecked(False)
    dialog.overrides.logo.setChecked(False)
    dialog.overrides.transition.setCurrentIndex(dialog.overrides.transition.findData("crossfade"))
    dialog.overrides.seconds.setValue(0.25)
    settings = dialog.settings()
    assert (settings.grade, settings.logo, settings.transition) == (False, False, ("crossfade", 0.25))
    spans = export_spans(project, project.shots, settings.grade, settings.logo)
    assert [span.look for span in spans] == [None, None]
    only_logo = export_spans(project, project.shots, grade=False, logo=True)
    assert all(span.look is not None for span in only_logo)
