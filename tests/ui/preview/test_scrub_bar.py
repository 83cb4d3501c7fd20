"""A click on the preview's scrub bar seeks to the frame under the click, not one page step."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from soak_support import FRAMES, film_window


def test_clicking_the_scrub_bar_seeks_to_the_click(qtbot, tmp_path) -> None:
    window, project = film_window(qtbot, tmp_path, row=0)
    player = window.preview
    scrub = player.scrub
    assert scrub.maximum() == FRAMES - 1
    for fraction in (0.75, 0.25):
        qtbot.mouseClick(
            scrub, Qt.MouseButton.LeftButton, pos=QPoint(int(scrub.width() * fraction), scrub.height() // 2)
        )
        expected = fraction * (FRAMES - 1)
        assert abs(player.clock.position - expected) <= 2, (fraction, player.clock.position)
        assert scrub.value() == player.clock.position
