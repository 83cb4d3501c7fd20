"""The ruler repaints only what changed: a moved playhead the strips under its old line and its new, a
scroll the strip it uncovers (the rest is moved). What it shows is always what a whole paint draws."""

from __future__ import annotations

from PySide6.QtGui import QImage
from ui_support import make_window

from app.project.project import Project
from app.project.project_settings import ProjectSettings
from app.project.shot import Shot


def _on_screen(window, ruler) -> QImage:
    """The ruler as the window shows it (its backing store), not painted afresh."""
    top_left = ruler.mapTo(window, ruler.rect().topLeft())
    screen = window.windowHandle().screen()
    image = screen.grabWindow(window.winId(), top_left.x(), top_left.y(), ruler.width(), ruler.height())
    return image.toImage().convertToFormat(QImage.Format.Format_RGB32)


def _painted_whole(ruler) -> QImage:
    return ruler.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)


def test_the_ruler_on_screen_is_what_a_whole_paint_draws_as_the_playhead_moves_and_the_view_scrolls(qtbot):
    shots = [Shot(title=f"S{i}", frames=1 + (i * 37) % 113) for i in range(60)]
    window = make_window(qtbot, Project(ProjectSettings(name="Ruler", fps=16), shots))
    ruler, bar = window.ruler, window.timeline.horizontalScrollBar()
    window.timeline.set_pixels_per_second(48)
    qtbot.wait(20)
    steps = [("playhead", p) for p in (0.0, 7.3, 3.1, None, 12.0, 12.01, 1e9, 0.5)]
    steps += [("scroll", v) for v in (37, 250, 251, 900, 420, 0, bar.maximum(), bar.maximum() - 5)]
    steps += [("playhead", p) for p in (60.0, 61.2)] + [("scroll", v) for v in (bar.maximum() // 2, 10)]
    steps += [("both", (v, p)) for v, p in ((200, 9.0), (150, 9.4), (700, 2.0))]  # in one turn
    for kind, value in steps:
        if kind == "playhead":
            ruler.set_playhead(value)
        elif kind == "scroll":
            bar.setValue(value)
        else:
            bar.setValue(value[0])
            ruler.set_playhead(value[1])
        qtbot.wait(5)
        assert _on_screen(window, ruler) == _painted_whole(ruler), (kind, value)
