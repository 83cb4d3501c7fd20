"""One settings form: the same labels in the inspector, a preset, the project and Preferences; values round-trip."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLabel, QWidget
from ui_support import make_window, sample_project

from app.presets.preset import Preset, PresetSettings
from app.project.project_settings import GenerationDefaults, ProjectSettings
from app.settings.model_settings import ModelSettings
from ui.preferences.model_settings_page import ModelSettingsPage
from ui.preferences.project_settings_dialog import ProjectSettingsDialog
from ui.presets.preset_dialog import PresetDialog
from ui.widgets.settings_form import FIELDS, SettingsForm


def _row_labels(root: QWidget) -> dict[int, str]:
    """id(field widget) -> its row label, for every form row under root (a row's layout counts its widgets)."""
    labels: dict[int, str] = {}
    for form in root.findChildren(QFormLayout):
        for row in range(form.rowCount()):
            label = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            field = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
            if label is None or field is None or not isinstance(label.widget(), QLabel):
                continue
            text = label.widget().text()
            if field.widget() is not None:
                labels[id(field.widget())] = text
            elif (layout := field.layout()) is not None:
                for i in range(layout.count()):
                    if (widget := layout.itemAt(i).widget()) is not None:
                        labels[id(widget)] = text
    return labels


def test_every_setting_has_the_same_label_everywhere(qtbot):
    window = make_window(qtbot, sample_project(1))
    window.timeline.select_ids([window.project.shots[0].id])
    inspector = window.inspector
    preset = PresetDialog(Preset(name="Look"))
    project = ProjectSettingsDialog(ProjectSettings())
    model_page = ModelSettingsPage(ModelSettings())
    for widget in (preset, project, model_page):
        qtbot.addWidget(widget)
    places = {
        "inspector": (inspector, vars(inspector)),
        "preset": (
            preset,
            {**vars(preset), **{f"settings.{n}": s for n, s in preset.settings_form.spins.items()}},
        ),
        "project": (project, vars(project)),
        "preferences": (model_page, vars(model_page)),
    }
    # The attribute each place keeps its box under; the shared form names them the same in each.
    names = {
        "width": ("width_spin",),
        "height": ("height_spin",),
        "fps": ("fps",),
        "frames": ("frames",),
        "steps": ("steps",),
        "guidance_scale": ("guidance",),
        "guidance_scale_2": ("guidance_2",),
        "negative_prompt": ("negative",),
        "model": ("model", "source"),
    }
    seen: dict[str, dict[str, str]] = {}
    for place, (root, attributes) in places.items():
        labels = _row_labels(root)
        for setting, attrs in names.items():
            keys = [*attrs, f"settings.{setting}"]
            box = next((attributes[k] for k in keys if k in attributes and id(attributes[k]) in labels), None)
            if box is not None:
                seen.setdefault(setting, {})[place] = labels[id(box)]
    assert set(seen["frames"]) == {"inspector", "preset", "project"}
    assert set(seen["guidance_scale_2"]) == {"inspector", "preset", "project"}
    assert set(seen["model"]) == {"project", "preferences"}
    assert set(seen["negative_prompt"]) == {"inspector", "preset", "project"}
    disagreements = {s: by_place for s, by_place in seen.items() if len(set(by_place.values())) > 1}
    assert disagreements == {}
    assert seen["frames"]["inspector"] == "Frames" and seen["guidance_scale_2"]["preset"] == "Guidance (low)"


def test_optional_values_round_trip_and_unset_reads_none(qtbot):
    form = SettingsForm()
    qtbot.addWidget(form)
    values = {
        "width": 832,
        "height": 480,
        "fps": 24,
        "frames": 49,
        "steps": 30,
        "guidance_scale": 0.0,  # a real zero, no longer taken for "unset"
        "guidance_scale_2": None,
    }
    form.set_values(values)
    assert form.values() == values
    form.set_values(dict.fromkeys(FIELDS))
    assert form.values() == dict.fromkeys(FIELDS)
    form.set_inherited({"frames": 81, "guidance_scale": 4.0, "guidance_scale_2": None})
    texts = {name: spin.specialValueText() for name, spin in form.spins.items()}
    assert texts["frames"] == "Default (81)" and texts["guidance_scale"] == "Default (4)"
    assert texts["guidance_scale_2"] == "Default (same as high)" and texts["width"] == "Default"


def test_values_are_snapped_and_edits_are_signalled_with_them(qtbot):
    form = SettingsForm(("frames", "width", "steps"))
    qtbot.addWidget(form)
    edits: list[tuple[str, object]] = []
    form.edited.connect(lambda name, value: edits.append((name, value)))
    form.set_values({"frames": 81, "width": 1280})
    assert edits == []  # showing values is not an edit
    form.spins["frames"].setValue(50)
    form.spins["width"].setValue(830)
    form.spins["steps"].setValue(0)
    assert edits == [("frames", 49), ("width", 832)]  # steps was already unset: no change, no edit
    form.spins["frames"].stepBy(1)
    assert form.spins["frames"].value() == 53 and edits[-1] == ("frames", 53)


def test_required_form_has_no_unset_but_the_low_expert_may_follow_the_high(qtbot):
    form = SettingsForm(("frames", "steps", "guidance_scale", "guidance_scale_2"), optional=False)
    qtbot.addWidget(form)
    assert form.spins["frames"].minimum() == 1 and form.spins["steps"].minimum() == 1
    assert form.spins["guidance_scale"].minimum() == 0.0
    assert form.spins["guidance_scale_2"].specialValueText() == "Same as high"
    form.set_values({"frames": 81, "steps": 40, "guidance_scale": 4.0, "guidance_scale_2": None})
    assert form.values() == {"frames": 81, "steps": 40, "guidance_scale": 4.0, "guidance_scale_2": None}


def test_preset_and_project_dialogs_round_trip_through_the_form(qtbot):
    settings = PresetSettings(width=832, height=480, fps=16, frames=33, steps=12, guidance_scale=0.0)
    dialog = PresetDialog(Preset(name="Look", settings=settings))
    qtbot.addWidget(dialog)
    assert dialog.result_preset()[0].settings == settings
    defaults = GenerationDefaults(frames=49, steps=7, guidance_scale=2.5, guidance_scale_2=None)
    project = ProjectSettingsDialog(ProjectSettings(width=832, height=480, fps=24, defaults=defaults))
    qtbot.addWidget(project)
    assert project.changes() == {}
    project.guidance_2.setValue(1.5)
    project.width_spin.setValue(1010)
    changes = project.changes()
    assert changes["width"] == 1008 and changes["defaults"].guidance_scale_2 == 1.5
    assert set(changes) == {"width", "defaults"}
