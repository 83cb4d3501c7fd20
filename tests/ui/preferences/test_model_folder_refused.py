"""Preferences refuse a model folder that cannot be used: OK is disabled and the reason is shown."""

from __future__ import annotations

import json
import shutil

from app.settings.user_settings import load_settings
from ui.preferences.preferences_dialog import PreferencesDialog


def test_ok_follows_the_model_folder(qtbot, tiny_a14b, tmp_path) -> None:
    dialog = PreferencesDialog(load_settings())
    qtbot.addWidget(dialog)
    page, ok = dialog.model_page, dialog.ok_button
    assert ok.isEnabled()  # empty source: each project's own model
    page.source.setText(str(tmp_path / "nowhere"))
    assert not ok.isEnabled() and "not a folder" in page.status.text()
    page.source.setText(str(tmp_path))
    assert not ok.isEnabled() and "model_index.json" in page.status.text()
    no_weights = tmp_path / "no-weights"
    no_weights.mkdir()
    shutil.copy(tiny_a14b / "model_index.json", no_weights)
    page.source.setText(str(no_weights))
    assert not ok.isEnabled() and "no .safetensors weights" in page.status.text()
    assert json.loads((no_weights / "model_index.json").read_text())["_class_name"] == "WanPipeline"
    page.source.setText(str(tiny_a14b))
    assert ok.isEnabled() and "diffusers Wan model folder" in page.status.text()
    page.source.setText("Wan-AI/Wan2.2-T2V-A14B-Diffusers")
    assert ok.isEnabled()
