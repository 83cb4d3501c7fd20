"""Following the selection costs what changed: rows are reused, and a take's thumbnail refreshes no image box."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPixmap
from PySide6.QtWidgets import QApplication
from ui_support import make_window

from app.project.project import Project
from app.project.project_settings import ProjectSettings
from app.project.shot import Shot, Take
from ui.inspector.takes_list import TakeIdRole


def _film() -> Project:
    shots = []
    for number, count in enumerate((2, 2, 1, 2)):
        shot = Shot(title=f"S{number}", frames=17)
        for take in range(count):
            shot.takes.append(Take(id=f"s{number}t{take}", path="x.mp4", frames=17, fps=16, seed=number))
        shot.active_take = shot.takes[-1].id if number != 3 else None  # S3: takes, none chosen
        shots.append(shot)
    return Project(ProjectSettings(name="Takes"), shots)


def _shown(panel) -> list[str]:
    view = panel.view
    return [view.model().index(row, 0).data(TakeIdRole) for row in range(view.model().rowCount())]


def test_the_takes_list_reuses_its_rows_for_a_shot_with_as_many_takes(qtbot):
    window = make_window(qtbot, _film())
    panel, ids = window.inspector.takes, [s.id for s in window.project.shots]
    resets: list[int] = []
    panel.model.modelReset.connect(lambda: resets.append(1))
    window.timeline.select_ids([ids[0]])
    resets.clear()
    window.timeline.select_ids([ids[1]])
    assert resets == []  # two takes, two takes: the rows changed in place
    assert _shown(panel) == ["s1t0", "s1t1"] and panel.selected_take_id() == "s1t1"
    assert "seed 1" in panel.view.model().index(0, 0).data(Qt.ItemDataRole.DisplayRole)
    assert panel.use_button.isEnabled()
    window.timeline.select_ids([ids[2]])
    assert resets == [1] and _shown(panel) == ["s2t0"] and panel.selected_take_id() == "s2t0"
    window.timeline.select_ids([ids[0]])
    window.timeline.select_ids([ids[3]])  # its takes, none of them active: nothing is selected
    assert _shown(panel) == ["s3t0", "s3t1"] and panel.selected_take_id() is None
    assert not panel.view.selectionModel().hasSelection() and not panel.use_button.isEnabled()


def test_a_takes_thumbnail_refreshes_no_image_box_and_fits_no_column(qtbot, monkeypatch):
    window = make_window(qtbot, _film())
    window.timeline.select_ids([window.project.shots[0].id])
    inspector = window.inspector
    calls: list[str] = []
    for name, box in (("images", inspector.images), ("keyframes", inspector.keyframes)):
        real = box.refresh
        monkeypatch.setattr(box, "refresh", lambda name=name, real=real: calls.append(name) or real())
    view = inspector.takes.view
    metrics = view.fontMetrics
    monkeypatch.setattr(view, "fontMetrics", lambda: calls.append("fit") or metrics())  # the columns fitted
    thumbnail = QPixmap(96, 54)
    thumbnail.fill(QColor("red"))
    window.thumbnails._on_done(
        "s0t1", thumbnail.toImage()
    )  # a take shown in the list: its icon, nothing else
    assert calls == []
    window.thumbnails._on_done("image:abc", thumbnail.toImage())  # a shot image: the boxes look again
    assert sorted(calls) == ["images", "keyframes"]


def test_a_shot_is_laid_out_when_the_inspector_has_followed_it(qtbot):
    """Painted once laid out, not once per level of nested layouts: no level is left for a later turn."""
    long = " ".join(["a lighthouse at dusk, waves breaking on the rocks below"] * 12)
    project = Project(ProjectSettings(name="Long"), [Shot(prompt="short"), Shot(prompt=long)])
    window = make_window(qtbot, project)
    inspector = window.inspector
    inspector.set_shot(project.shots[0].id)
    qtbot.wait(50)
    before = inspector.sent.geometry(), inspector.widget().size()
    inspector.set_shot(project.shots[1].id)
    shown = inspector.sent.geometry(), inspector.widget().size()
    qtbot.wait(50)
    assert shown != before  # the longer prompt's row is taller, and so is the page
    assert shown == (inspector.sent.geometry(), inspector.widget().size())


def test_a_sent_prompt_of_the_same_height_lays_nothing_out_again(qtbot):
    """The sent prompt changes with every shot; the form is laid out again only when its height does."""
    from PySide6.QtCore import QEvent, QObject

    long = " ".join(["a lighthouse at dusk, waves breaking on the rocks below"] * 12)
    prompts = ["a red door", "a blue door", long]
    project = Project(ProjectSettings(name="Doors"), [Shot(prompt=p) for p in prompts])
    window = make_window(qtbot, project)
    inspector = window.inspector
    inspector.set_shot(project.shots[0].id)
    qtbot.wait(50)
    requests: list[str] = []

    class Requests(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.LayoutRequest and watched is inspector.settings_form:
                requests.append(inspector.sent.text())
            return False

    spy = Requests()
    inspector.settings_form.installEventFilter(spy)
    inspector.set_shot(project.shots[1].id)
    qtbot.wait(50)
    assert "blue door" in inspector.sent.text() and requests == []
    height = inspector.sent.height()
    inspector.set_shot(project.shots[2].id)
    qtbot.wait(50)
    assert len(requests) == 1 and inspector.sent.height() > height


def _scored(still: bool) -> Take:
    motion = {"value": 0.5, "model": "m", "status": "ok", "details": {"still": still}}
    return Take(id="a", path="a.mp4", frames=17, fps=16, scores={"motion": motion})


def _motion_width(panel, take: Take, font_scale: float = 1.0) -> int:
    from ui.widgets.take_scores import COLUMN_NAMES

    shot = Shot(title="S", takes=[take], active_take=take.id)
    panel.set_shot(Project(ProjectSettings(name="Scores"), [shot]), shot)
    font = QApplication.font()
    font.setPointSizeF(font.pointSizeF() * font_scale)
    panel.view.setFont(font)
    return panel.view.sizeHintForColumn(1 + COLUMN_NAMES.index("motion"))


def test_a_score_cell_is_measured_again_when_its_text_or_font_changes(qtbot):
    """Score cells' sizes are kept by text and font: a wider text or a larger font is never served stale."""
    from ui.inspector.takes_list import TakesPanel
    from ui.widgets.thumbnails import ThumbnailCache

    panel = TakesPanel(ThumbnailCache())
    qtbot.addWidget(panel)
    narrow = _motion_width(panel, _scored(still=False))  # "0.50"
    wide = _motion_width(panel, _scored(still=True))  # "0.50 (still)"
    larger = _motion_width(panel, _scored(still=True), 2.0)
    assert narrow < wide < larger
    fresh = []
    for scale, still in ((1.0, False), (1.0, True), (2.0, True)):
        other = TakesPanel(ThumbnailCache())
        qtbot.addWidget(other)
        fresh.append(_motion_width(other, _scored(still), scale))
    assert [narrow, wide, larger] == fresh


def test_the_frames_hint_and_the_trims_follow_each_shot_shown(qtbot):
    """Set once per shot, only where they differ: a hint or a range of the shot before never stays."""
    shots = []
    for number, frames in enumerate((33, 33, 81)):
        shot = Shot(title=f"S{number}", frames=frames)
        shot.takes.append(Take(id=f"t{number}", path="x.mp4", frames=frames, fps=16))
        shot.active_take = f"t{number}"
        shots.append(shot)
    project = Project(ProjectSettings(name="Hints", fps=16), shots)
    window = make_window(qtbot, project)
    inspector, takes = window.inspector, window.inspector.takes
    inspector.set_shot(shots[0].id)
    inspector.frames.setValue(32)  # snapped to 33: the hint says so
    assert "Snapped 32" in inspector.frames_hint.text()
    inspector.set_shot(shots[1].id)  # as long: the hint says its length, not the snap
    assert inspector.frames_hint.text() == inspector._frames_text(33, 16)
    assert (takes.trim_in.maximum(), takes.trim_out.maximum(), takes.trim_out.value()) == (33, 33, 33)
    inspector.set_shot(shots[2].id)
    assert inspector.frames_hint.text() == inspector._frames_text(81, 16)
    assert (takes.trim_in.maximum(), takes.trim_out.maximum(), takes.trim_out.value()) == (81, 81, 81)
    assert inspector.keyframes.frame.maximum() == 80
    inspector.set_shot("gone")  # a shot no longer in the film: no hint
    assert inspector.frames_hint.text() == ""
