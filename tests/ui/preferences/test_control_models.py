"""Preferences > Model names the depth, pose and person-detector models, repo ids or folders, with revisions."""

from __future__ import annotations

from app.settings.model_settings import DEPTH_MODEL, POSE_DETECTOR, POSE_MODEL, ModelSettings
from ui.preferences.model_settings_page import ModelSettingsPage


def test_the_control_models_are_shown_edited_and_written_back(qtbot, tmp_path):
    settings = ModelSettings()
    page = ModelSettingsPage(settings)
    qtbot.addWidget(page)
    box = page.control_models
    assert box.rows["depth"].source.value() == DEPTH_MODEL and box.rows["pose"].source.value() == POSE_MODEL
    assert box.rows["pose_detector"].source.value() == POSE_DETECTOR
    folder = tmp_path / "my depth"
    box.rows["depth"].source.setCurrentText(f" {folder} ")  # a local folder, as for Wan
    box.rows["depth"].revision.setText("v2")
    box.rows["pose"].source.setCurrentText("org/vitpose-large")
    box.rows["pose"].revision.setText(" 0123abc ")
    box.rows["pose_detector"].source.setCurrentText("")
    box.rows["pose_detector"].revision.setText("kept?")  # no revision without a model
    page.apply(settings)
    assert (settings.depth_model, settings.depth_revision) == (str(folder), "v2")
    assert (settings.pose_model, settings.pose_revision) == ("org/vitpose-large", "0123abc")
    assert (settings.pose_detector, settings.pose_detector_revision) == ("", "")
    assert settings.control_models("pose") == {
        "model": "org/vitpose-large",
        "model_revision": "0123abc",
        "detector": "",
        "detector_revision": None,
    }
    again = ModelSettingsPage(ModelSettings.from_dict(settings.to_dict()))
    qtbot.addWidget(again)
    assert again.control_models.rows["pose"].revision.text() == "0123abc"
    assert again.control_models.rows["pose_detector"].source.value() is None


def test_the_learned_interpolator_is_chosen_in_preferences(qtbot, tmp_path):
    settings = ModelSettings()
    page = ModelSettingsPage(settings)
    qtbot.addWidget(page)
    assert page.interpolator.source.value() is None  # optical flow until one is named
    page.interpolator.source.setCurrentText(f" {tmp_path / 'rife'} ")
    page.interpolator.revision.setText("v4.25")
    page.apply(settings)
    assert (settings.interpolator, settings.interpolator_revision) == (str(tmp_path / "rife"), "v4.25")
    again = ModelSettingsPage(ModelSettings.from_dict(settings.to_dict()))
    qtbot.addWidget(again)
    assert again.interpolator.source.value() == str(tmp_path / "rife")
    assert again.interpolator.revision.text() == "v4.25"
