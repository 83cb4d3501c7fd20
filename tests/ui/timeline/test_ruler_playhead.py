"""The playhead moves by repainting the strips under its old line and its new: the ruler on screen is
what a whole paint of it draws."""

from __future__ import annotations

from PySide6.QtGui import QImage
from ui_support import make_window

from app.project.project import Project, ProjectSettings, Shot


def _on_screen(window, ruler) -> QImage:
    """The ruler as the window shows it now (its backing store), not painted afresh."""
    window.repaint()  # the posted updates drawn, as the next turn would
    top_left = ruler.mapTo(window, ruler.rect().topLeft())
    screen = window.windowHandle().screen()
    image = screen.grabWindow(window.winId(), top_left.x(), top_left.y(), ruler.width(), ruler.height())
    return image.toImage().convertToFormat(QImage.Format.Format_RGB32)


def test_the_ruler_on_screen_follows_the_playhead_as_a_whole_paint_draws_it(qtbot):
    project = Project(
        ProjectSettings(name="Ruler", fps=16), [Shot(title=f"S{i}", frames=33) for i in range(40)]
    )
    window = make_window(qtbot, project)
    ruler = window.ruler
    window.timeline.set_pixels_per_second(48)
    qtbot.wait(20)
    for playhead in (0.0, 7.3, 3.1, None, 12.0, 12.01, 1e9, 0.5):
        ruler.set_playhead(playhead)
        qtbot.wait(5)
        fresh = ruler.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
        assert _on_screen(window, ruler) == fresh, playhead
