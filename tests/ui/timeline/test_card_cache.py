"""Cards are painted once and drawn from a cache until something they show changes."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPixmap, QRegion
from PySide6.QtWidgets import QStyle, QStyleOptionViewItem
from ui_support import make_window

from app.project.project import Project
from app.project.project_settings import ProjectSettings
from app.project.shot import Shot, Take
from ui.timeline.shot_card_delegate import CARD_HEIGHT

WIDTH = 220


def _film(count: int = 3) -> Project:
    shots = []
    for number in range(count):
        shot = Shot(title=f"S{number}", prompt=f"prompt number {number}", frames=33)
        shot.takes.append(Take(id=f"t{number}", path=f"t{number}.mp4", frames=33, fps=16))
        shot.active_take = f"t{number}"
        shots.append(shot)
    return Project(ProjectSettings(name="Cards"), shots)


def _paint(window, row: int, cached: bool, selected: bool = False) -> QImage:
    """One card on a transparent image, through the cache or painted directly."""
    image = QImage(WIDTH, CARD_HEIGHT, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    option = QStyleOptionViewItem()
    option.rect = QRect(0, 0, WIDTH, CARD_HEIGHT)
    option.font = window.timeline.font()
    option.palette = window.timeline.palette()
    if selected:
        option.state |= QStyle.StateFlag.State_Selected
    index = window.model.index(row)
    painter = QPainter(image)
    delegate = window.timeline.card_delegate
    if cached:
        delegate.paint(painter, option, index)
    else:
        delegate.paint_card(painter, option, index)
    painter.end()
    return image


def test_a_cached_card_is_the_painted_card_until_what_it_shows_changes(qtbot, monkeypatch):
    project = _film()
    window = make_window(qtbot, project)
    delegate = window.timeline.card_delegate
    painted: list[int] = []
    real = delegate._painted
    monkeypatch.setattr(delegate, "_painted", lambda *args: painted.append(1) or real(*args))
    shot = project.shots[1]
    first = _paint(window, 1, cached=True)
    assert first == _paint(window, 1, cached=False) and len(painted) == 1
    assert _paint(window, 1, cached=True) == first and len(painted) == 1  # drawn from the cache
    thumbnail = QPixmap(320, 180)
    thumbnail.fill(QColor("red"))
    changes = [
        lambda: project.update_shot(shot.id, prompt="a different prompt entirely"),
        lambda: project.update_shot(shot.id, title="Renamed"),
        lambda: project.update_shot(shot.id, transition="crossfade"),
        lambda: project.update_shot(shot.id, error="out of memory"),
        lambda: project.update_shot(shot.id, continue_previous=True),
        lambda: project.set_take_review(shot.id, "t1", {}, {"verdict": "flagged"}),
        lambda: window.model.set_job_states({shot.id: ("generating", 0.5)}),
        lambda: window.thumbnails._keep("t1", thumbnail),  # its thumbnail arrived
    ]
    before = first
    for change in changes:
        change()
        after = _paint(window, 1, cached=True)
        assert after == _paint(window, 1, cached=False)
        assert after != before, f"change {changes.index(change)} shows on the card"
        before = after
    count = len(painted)
    selected = _paint(window, 1, cached=True, selected=True)
    assert selected == _paint(window, 1, cached=False, selected=True) and selected != before
    assert len(painted) == count  # the highlight is drawn around the cached card, not painted into it
    assert _paint(window, 0, cached=True) == _paint(window, 0, cached=False)  # another shot, its own card


class _PaintedRegion(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.region = QRegion()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.region += event.region()
        return False


def test_a_thumbnails_arrival_repaints_only_the_cards_that_show_it(qtbot):
    window = make_window(qtbot, _film(4))
    view = window.timeline
    view.set_pixels_per_second(48)
    qtbot.wait(50)
    painted = _PaintedRegion()
    view.viewport().installEventFilter(painted)
    thumbnail = QPixmap(320, 180)
    thumbnail.fill(QColor("red"))
    window.thumbnails._keep("t2", thumbnail)
    window.thumbnails.updated.emit("t2")
    qtbot.waitUntil(lambda: not painted.region.isEmpty())
    card = view.visualRect(window.model.index(2))
    assert painted.region.boundingRect() == card
    painted.region = QRegion()
    window.thumbnails.updated.emit("image:abc")  # a shot image: cards that show one repaint
    qtbot.waitUntil(lambda: not painted.region.isEmpty())
    assert painted.region.boundingRect() == view.viewport().rect()
