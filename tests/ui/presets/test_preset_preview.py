"""Applying a preset shows its look in the preview at once, with no click or seek to nudge it."""

from __future__ import annotations

import numpy as np
from soak_support import film_window


def greyness(frame: np.ndarray) -> float:
    return float(np.abs(frame[..., 0].astype(int) - frame[..., 1]).mean())


def test_applying_a_preset_refreshes_the_paused_preview(qtbot, tmp_path) -> None:
    window, project = film_window(qtbot, tmp_path, row=1)
    player = window.preview
    assert greyness(player.current) > 20  # colour noise
    window.presets_panel.select("Monochrome")
    window.presets_panel.apply_to_project()
    qtbot.waitUntil(lambda: greyness(player.current) < 4, timeout=2000)
    assert not player.clock.playing and player.clock.position == 0
