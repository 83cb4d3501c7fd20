"""The timeline as a person reads it: a drop marker between cards, whole durations, real names, re-fit."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QPoint, Qt
from PySide6.QtGui import (
    QColor,
    QDragEnterEvent,
    QDragLeaveEvent,
    QDragMoveEvent,
    QFont,
    QFontMetrics,
    QPalette,
)
from PySide6.QtWidgets import QApplication
from ui_support import make_window, sample_project

from app.project.project import Project
from app.project.project_settings import ProjectSettings
from app.project.shot import Shot
from ui.editing.undo_commands import EditSettingsCommand
from ui.timeline.shot_card_delegate import duration_text, footer_texts
from ui.timeline.timeline_model import TimelineModel
from ui.timeline.timeline_view import TimelineView
from ui.widgets.thumbnails import ThumbnailCache

ACTIONS = Qt.DropAction.MoveAction | Qt.DropAction.CopyAction
BUTTONS, MODS = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier


def _drag_to(view, data: QMimeData, pos: QPoint) -> None:
    target = view.viewport()
    QApplication.sendEvent(target, QDragEnterEvent(pos, ACTIONS, data, BUTTONS, MODS))
    QApplication.sendEvent(target, QDragMoveEvent(pos, ACTIONS, data, BUTTONS, MODS))


def _highlight_at(view, x: int) -> bool:
    image = view.viewport().grab().toImage()
    highlight = view.viewport().palette().color(QPalette.ColorRole.Highlight)
    return QColor(image.pixel(x, view.viewport().height() // 2)) == highlight


def test_a_drop_marker_stands_where_the_dragged_card_will_land(qtbot):
    window = make_window(qtbot, sample_project(4))
    view, model = window.timeline, window.model
    view.set_pixels_per_second(30)
    data = model.mimeData([model.index(0)])
    third = view.visualRect(model.index(2))
    assert view.drop_marker.x is None and not _highlight_at(view, third.right() + 1)
    _drag_to(view, data, QPoint(third.right() - 3, third.center().y()))  # right half: after the third
    assert view.drop_marker.x == third.right() + 1
    assert _highlight_at(view, third.right() + 1)
    _drag_to(view, data, QPoint(third.left() + 3, third.center().y()))  # left half: before it
    assert view.drop_marker.x == third.left() and _highlight_at(view, third.left())
    QApplication.sendEvent(view.viewport(), QDragLeaveEvent())
    assert view.drop_marker.x is None and not _highlight_at(view, third.left())
    # Past the last card: the end.
    last = view.visualRect(model.index(3))
    _drag_to(view, data, QPoint(last.right() + 20, last.center().y()))
    assert view.drop_marker.x == last.right() + 1


def test_an_empty_timeline_says_what_goes_there(qtbot):
    thumbnails = ThumbnailCache()
    view = TimelineView(thumbnails)
    view.setModel(TimelineModel(Project(ProjectSettings(), [])))
    qtbot.addWidget(view)
    view.resize(900, 200)
    view.show()
    qtbot.waitExposed(view)
    image = view.viewport().grab().toImage()
    background = QColor(image.pixel(2, 2))

    def inked(rows) -> int:
        return sum(QColor(image.pixel(x, y)) != background for x in range(image.width()) for y in rows)

    middle = image.height() // 2
    assert inked(range(middle - 10, middle + 10)) > 200  # a line of text across the middle
    assert inked(range(0, 10)) == 0
    thumbnails.shutdown()


def test_durations_are_never_cut_short_only_shortened_whole():
    metrics = QFontMetrics(QFont())
    forms = {"2.04 s · 33 f", "2.04 s", "2.0 s", "2.0", ""}
    seen = set()
    for width in range(0, 240):
        text = duration_text(2.0416, 33, metrics, width)
        assert text in forms and "…" not in text
        assert metrics.horizontalAdvance(text) <= width
        seen.add(text)
    assert seen == forms  # every form is reached as the card narrows
    wide, chip = footer_texts(2.0416, 33, True, "no take", metrics, 400)
    assert wide == "2.04 s · 33 f" and chip > metrics.height()
    # A narrow card gives its room to the number: the status chip becomes a dot first.
    narrow = metrics.horizontalAdvance("2.0 s") + metrics.height() + 6
    text, chip = footer_texts(2.0416, 33, True, "generating", metrics, narrow)
    assert text == "2.0 s" and chip == metrics.height()


def test_the_inspector_names_an_untitled_shot_as_the_timeline_does(qtbot):
    project = Project(ProjectSettings(), [Shot(title="Opening"), Shot(), Shot()])
    window = make_window(qtbot, project)
    window.timeline.select_ids([project.shots[2].id])
    assert window.inspector.title.placeholderText() == "Shot 3" == window.model.index(2).data()
    window.timeline.select_ids([project.shots[1].id])
    assert window.inspector.title.placeholderText() == "Shot 2"


def test_the_timeline_refits_when_the_frame_rate_changes(qtbot):
    window = make_window(qtbot, sample_project(3))
    view = window.timeline
    view.set_pixels_per_second(20)
    fps = window.project.settings.fps
    window.undo_stack.push(
        EditSettingsCommand(window.project, {"fps": fps * 4})
    )  # every shot a quarter as long
    qtbot.waitUntil(lambda: view.pixels_per_second != 20)
    segments = view.segments()
    used = segments[-1][1] - segments[0][0]
    assert view.viewport().width() * 0.6 < used <= view.viewport().width()  # the film fills the strip
