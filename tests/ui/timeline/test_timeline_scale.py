"""The timeline at scale: the ruler draws what the old full scan drew, and 2,000 shots select and move."""

from __future__ import annotations

import math

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QWidget
from ui_support import make_window

from app.project.project import Project
from app.project.project_settings import ProjectSettings
from app.project.shot import Shot
from ui.timeline.time_ruler import TimeRuler, tick_step
from ui.timeline.timeline_model import SecondsRole, TimelineModel
from ui.widgets.labels import format_time


def _old_segments(view) -> list[tuple[int, int, float, float]]:
    """The segments as the pre-scale view computed them: visualRect and data() per card."""
    model, out, t = view.model(), [], 0.0
    for row in range(model.rowCount()):
        index = model.index(row, 0)
        seconds = float(index.data(SecondsRole) or 0.0)
        rect = view.visualRect(index)
        out.append((rect.left(), rect.right() + 1, t, t + seconds))
        t += seconds
    return out


class OldRuler(TimeRuler):
    """The ruler's painter before issue 22 as the reference its pixels must match: every tick of the
    film mapped by a scan of every card (the segments read once per paint, which changes no pixel)."""

    segments: list[tuple[int, int, float, float]] = []

    def x_for_time(self, seconds: float) -> float | None:
        offset = self._offset()
        for left, right, t0, t1 in self.segments:
            if t0 <= seconds <= t1 and t1 > t0:
                return offset + left + (seconds - t0) / (t1 - t0) * (right - left)
        return None

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        palette = self.palette()
        painter.fillRect(self.rect(), palette.color(QPalette.ColorRole.Window))
        segments = self.segments = _old_segments(self.view)
        total = segments[-1][3] if segments else 0.0
        step = tick_step(self.view.pixels_per_second)
        minor = step / 5
        painter.setPen(palette.color(QPalette.ColorRole.Mid))
        painter.drawLine(0, self.height() - 1, self.width(), self.height() - 1)
        painter.setPen(palette.color(QPalette.ColorRole.WindowText))
        count = int(math.floor(total / minor + 1e-6))
        for i in range(count + 1):
            t = i * minor
            x = self.x_for_time(t)
            if x is None or x < -50 or x > self.width() + 50:
                continue
            major = abs(t / step - round(t / step)) < 1e-6
            painter.drawLine(int(x), self.height() - (9 if major else 4), int(x), self.height() - 1)
            if major:
                painter.drawText(
                    QRect(int(x) + 3, 0, 60, self.height() - 6),
                    Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                    format_time(t),
                )
        x = self.x_for_time(self.playhead) if self.playhead is not None else None
        if x is not None:
            painter.setPen(QColor("#ef4444"))
            painter.drawLine(int(x), 0, int(x), self.height())
        painter.end()


def _film(count: int) -> Project:
    # Durations from 1 to 113 frames: narrow cards (held at the minimum width) beside long ones.
    shots = [Shot(title=f"S{i}", frames=1 + (i * 37) % 113) for i in range(count)]
    return Project(ProjectSettings(name="Ruler", fps=16), shots)


def _image(ruler: TimeRuler) -> QImage:
    return ruler.grab().toImage()


@pytest.mark.parametrize("pps", [8.0, 48.0, 400.0])
def test_the_ruler_draws_the_same_pixels_as_the_full_scan(qtbot, pps):
    window = make_window(qtbot, _film(40))
    ruler, view = window.ruler, window.timeline
    old = OldRuler(view, ruler.parentWidget())
    old.setGeometry(ruler.geometry())
    view.set_pixels_per_second(pps)
    bar = view.horizontalScrollBar()
    for value in (0, bar.maximum() // 3, bar.maximum()):
        bar.setValue(value)
        for playhead in (None, 0.0, 7.3, 1e9):
            ruler.set_playhead(playhead)
            old.set_playhead(playhead)
            old.setGeometry(ruler.geometry())  # the window's docks may still settle after it shows
            new_image, old_image = _image(ruler), _image(old)
            assert new_image == old_image, f"pps {pps}, scroll {value}, playhead {playhead}"
    assert view.segments() == _old_segments(view)
    for x in range(-20, ruler.width() + 20, 7):
        assert ruler.time_for_x(x) == _old_time_for_x(old, x)
    old.deleteLater()


def _old_time_for_x(ruler: TimeRuler, x: float) -> float | None:
    offset = ruler._offset()
    for left, right, t0, t1 in _old_segments(ruler.view):
        if offset + left <= x <= offset + right and right > left:
            return t0 + (x - offset - left) / (right - left) * (t1 - t0)
    return None


def _count_data_calls(monkeypatch) -> list[int]:
    calls = [0]
    original = TimelineModel.data

    def counting(self, index, role=Qt.ItemDataRole.DisplayRole):
        calls[0] += 1
        return original(self, index, role)

    monkeypatch.setattr(TimelineModel, "data", counting)
    return calls


def test_two_thousand_shots_select_reorder_and_paint_at_the_cost_of_what_shows(qtbot, monkeypatch):
    project = Project(ProjectSettings(name="Long"), [Shot(title=f"S{i}", frames=17) for i in range(2000)])
    window = make_window(qtbot, project)
    view, model, ruler = window.timeline, window.model, window.ruler
    wanted = [project.shots[i].id for i in (1500, 3, 999)]
    calls = _count_data_calls(monkeypatch)
    view.select_ids(wanted)
    assert view.selected_ids() == [project.shots[i].id for i in (3, 999, 1500)]
    assert view.currentIndex().row() == 3
    ruler.repaint()
    view.horizontalScrollBar().setValue(view.horizontalScrollBar().maximum() // 2)
    ruler.repaint()
    # A selection and two ruler paints read a few cards, never each of the 2,000.
    assert calls[0] < 400, calls[0]
    monkeypatch.undo()
    moved = project.shots[1500].id
    project.move_shot(moved, 10)
    assert model.find_row(moved) == 10 and project.index_of(moved) == 10
    assert [model.index(r).data(Qt.ItemDataRole.UserRole + 1) for r in range(9, 12)] == [
        s.id for s in project.shots[9:12]
    ]
    view.select_ids([moved, project.shots[1999].id])
    assert view.selected_ids() == [moved, project.shots[1999].id]
    index, shot = project.remove_shot(project.shots[0].id)
    assert model.rowCount() == 1999 and model.find_row(shot.id) is None
    assert view.selected_ids() == [moved, project.shots[1998].id]
    geometry = view.card_geometry()
    assert geometry.total == pytest.approx(1999 * 17 / project.settings.fps)


def test_a_window_lays_the_strip_out_a_few_times_not_per_reparenting(qtbot, qapp, monkeypatch):
    # With an application stylesheet (the app's look until it became a proxy style), each reparenting
    # while the window was assembled restyled the view, and Qt laid every card out again: six passes
    # over the strip before the first paint. Any stylesheet a user or a test sets must not bring it back.
    from ui.timeline.shot_card_delegate import ShotCardDelegate

    sheet_of_a_user = "QDockWidget { font-weight: 600; } QToolBar { spacing: 4px; }"

    project = Project(ProjectSettings(name="Long"), [Shot(title=f"S{i}", frames=17) for i in range(300)])
    hints = [0]
    original = ShotCardDelegate.sizeHint

    def counting(self, option, index):
        hints[0] += 1
        return original(self, option, index)

    monkeypatch.setattr(ShotCardDelegate, "sizeHint", counting)
    sheet = qapp.styleSheet()
    qapp.setStyleSheet(sheet_of_a_user)
    try:
        window = make_window(qtbot, project)
        qtbot.wait(20)
        # Counted before the sheet is put back: restoring another test's sheet restyles every widget.
        laid_out = hints[0]
    finally:
        qapp.setStyleSheet(sheet)
    assert laid_out <= 3 * 300 + 30, laid_out  # was 7 passes
    # Laid out all the same: the last card sits where the durations put it.
    view = window.timeline
    last = view.visualRect(window.model.index(299, 0))
    assert last.right() + 1 + view.horizontalOffset() == view.card_geometry().rights[299]


def test_a_cards_thumbnail_is_scaled_once_per_size(qtbot):
    # A click or a scroll repaints cards: their thumbnails are scaled once, not on every paint.
    from PySide6.QtCore import QSize
    from PySide6.QtGui import QPixmap

    from ui.timeline.shot_card_delegate import SCALED_KEPT

    scaled = []

    class Counting(QPixmap):
        def scaled(self, *args):
            scaled.append(args[0])
            return super().scaled(*args)

    window = make_window(qtbot, _film(3))
    delegate = window.timeline.card_delegate
    pixmap = Counting(320, 180)
    pixmap.fill(QColor("red"))
    first = delegate._scaled_to(pixmap, QSize(100, 60))
    again = delegate._scaled_to(pixmap, QSize(100, 60))
    assert len(scaled) == 1 and first.cacheKey() == again.cacheKey() and first.size() == QSize(106, 60)
    delegate._scaled_to(pixmap, QSize(120, 60))  # another card width: scaled again
    assert len(scaled) == 2
    for width in range(SCALED_KEPT + 5):  # bounded
        delegate._scaled_to(pixmap, QSize(10 + width, 10))
    assert len(delegate._scaled) == SCALED_KEPT


def test_a_key_moves_the_highlight_at_once_and_the_panels_follow_in_the_next_turn(qtbot, monkeypatch):
    # The card's highlight is what answers a key within the frame; the inspector, presets and preview
    # (tens of ms together) follow one turn later, once for where a held arrow key stops.
    project = Project(ProjectSettings(name="Keys"), [Shot(title=f"S{i}", frames=17) for i in range(50)])
    window = make_window(qtbot, project)
    view, ids = window.timeline, [s.id for s in project.shots]
    view.select_ids([ids[10]])
    assert window.inspector.shot_id == ids[10]  # code that selects gets the panels at once
    shown: list[str | None] = []
    real = window.inspector.set_shot
    monkeypatch.setattr(window.inspector, "set_shot", lambda sid, n=1: shown.append(sid) or real(sid, n))
    view.setFocus()
    for _ in range(3):  # a held key: three presses in one turn of the loop
        qtbot.keyClick(view, Qt.Key.Key_Right)
    assert view.selected_ids() == [ids[13]]  # the highlight moved with each press
    assert shown == [] and window.inspector.shot_id == ids[10]
    qtbot.waitUntil(lambda: window.inspector.shot_id == ids[13])
    assert shown == [ids[13]]  # filled once, for where the key stopped
    qtbot.waitUntil(lambda: window.preview.shot_id == ids[13])  # in a turn of its own
    rect = view.visualRect(view.model().index(14, 0))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert view.selected_ids() == [ids[14]]
    qtbot.waitUntil(lambda: window.inspector.shot_id == ids[14] and window.preview.shot_id == ids[14])


def test_after_a_key_the_inspector_and_the_preview_fill_in_separate_turns(qtbot, monkeypatch):
    # Each fill repaints its panel; in one turn their paints would be one stall twice as long. So the
    # inspector's new values are painted before the preview fills.
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication

    project = Project(ProjectSettings(name="Turns"), [Shot(title=f"S{i}", frames=17) for i in range(5)])
    window = make_window(qtbot, project)
    view, ids = window.timeline, [s.id for s in project.shots]
    view.select_ids([ids[1]])
    turns: list[str] = []

    class InspectorPaints(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            inside = isinstance(watched, QWidget) and window.inspector.isAncestorOf(watched)
            if event.type() == QEvent.Type.Paint and inside and turns[-1:] == ["inspector"]:
                turns.append("inspector painted")
            return False

    paints = InspectorPaints()
    QApplication.instance().installEventFilter(paints)
    for panel, name in ((window.inspector, "inspector"), (window.preview, "preview")):
        real = panel.set_shot
        monkeypatch.setattr(panel, "set_shot", lambda *a, _r=real, _n=name: turns.append(_n) or _r(*a))
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Right)
    qtbot.waitUntil(lambda: "preview" in turns, timeout=2000)
    QApplication.instance().removeEventFilter(paints)
    assert turns == ["inspector", "inspector painted", "preview"]


def test_a_take_s_progress_is_drawn_over_the_cached_card_not_painted_into_it(qtbot, monkeypatch):
    """Each step of a take moves the bar; the card itself is not painted again (about 1 ms each)."""
    from ui.timeline.shot_card_delegate import STATUS_COLORS, ShotCardDelegate, picture_rect

    project = Project(ProjectSettings(name="Bar"), [Shot(title=f"S{i}", frames=33) for i in range(3)])
    window = make_window(qtbot, project)
    view, model = window.timeline, window.model
    painted: list[str] = []
    real = ShotCardDelegate._painted
    monkeypatch.setattr(
        ShotCardDelegate,
        "_painted",
        lambda self, o, i, shot, *a: painted.append(shot.id) or real(self, o, i, shot, *a),
    )
    shot = project.shots[1]
    rect = view.visualRect(model.index(1, 0))
    bar = picture_rect(rect)
    y = bar.bottom() - 2
    colour = STATUS_COLORS["generating"].lighter(140).name()

    def shown(progress: float) -> tuple[str, str]:
        """The bar's colour 40 % and 60 % of the way along."""
        model.set_job_states({shot.id: ("generating", progress)})
        view.viewport().repaint()
        image = view.viewport().grab().toImage()
        return tuple(QColor(image.pixel(bar.left() + int(bar.width() * at), y)).name() for at in (0.4, 0.6))

    first = shown(0.5)
    assert first[0] == colour and first[1] != colour  # half made: past 40 %, short of 60 %
    count = len(painted)
    assert shown(0.9) == (colour, colour)  # further along
    assert len(painted) == count  # drawn over the card painted once
    model.set_job_states({})
    view.viewport().repaint()
    assert QColor(view.viewport().grab().toImage().pixel(bar.left() + bar.width() // 2, y)).name() != colour
