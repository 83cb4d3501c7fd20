"""The inspector fits its dock: every row of a selected shot shows without scrolling sideways."""

from __future__ import annotations

from ui_support import make_window


def test_a_selected_shot_needs_no_sideways_scrolling(qtbot):
    window = make_window(qtbot)
    window.resize(1440, 900)
    window.timeline.select_ids([window.project.shots[0].id])
    inspector = window.inspector
    qtbot.waitUntil(lambda: inspector.widget().isVisible())
    qtbot.wait(50)  # the docks settle their sizes
    assert not inspector.horizontalScrollBar().isVisible()
    assert inspector.widget().minimumSizeHint().width() <= inspector.viewport().width()
