"""A card's tooltip stays readable however long the failure it carries."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication
from ui_support import make_window, sample_project

# huggingface_hub's words for an unreachable Hub, repeated as its retries put them in one message.
HUB_TEXT = (
    "An error happened while trying to locate the file on the Hub and we cannot find the requested files "
    "in the local cache. Please check your connection and try again or make sure your Internet "
    "connection is on. "
) * 7


def test_a_long_failure_makes_a_tooltip_no_wider_than_a_laptop_screen(qtbot):
    project = sample_project(1)
    window = make_window(qtbot, project)
    project.set_error(project.shots[0].id, HUB_TEXT)
    tip = window.model.index(0).data(Qt.ItemDataRole.ToolTipRole)
    metrics = QFontMetrics(QApplication.font())
    widest = max(metrics.horizontalAdvance(line) for line in tip.splitlines())
    assert widest < 700, widest
    assert len(tip) <= 600 and tip.endswith("…")
