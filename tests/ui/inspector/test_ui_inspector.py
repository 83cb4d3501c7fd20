"""The inspector edits every field, through undo, and keeps CJK text intact into the file."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QApplication
from ui_support import make_window, sample_project

from app.film.shot_timing import shot_frames
from app.generation.shot_requests import build_request
from app.project.reel_file import load_project, save_project
from app.project.shot import Take
from engine.generation.request import ModelSpec
from engine.generation.wan_run import make_generator, pipeline_kwargs, run_wan
from ui.inspector.takes_list import TakeIdRole, TakesModel
from ui.widgets.thumbnails import ThumbnailCache

CJK = "一个女孩在雨中奔跑，电影感，35mm"


def _window(qtbot, project=None):
    window = make_window(qtbot, project or sample_project(2))
    window.timeline.select_ids([window.project.shots[0].id])
    return window, window.inspector, window.project.shots[0]


def test_typing_a_prompt_is_one_undo_step(qtbot):
    window, inspector, shot = _window(qtbot)
    inspector.prompt.setFocus()
    inspector.prompt.selectAll()
    qtbot.keyClicks(inspector.prompt, "a red kite")
    assert shot.prompt == "a red kite"
    assert window.undo_stack.count() == 1
    window.undo_stack.undo()
    assert shot.prompt == "prompt number 0"
    assert inspector.prompt.toPlainText() == "prompt number 0"


def _type_with_input_method(widget, preedit: str, text: str) -> None:
    """What an input method (fcitx, ibus) sends: a pre-edit string, then the committed text."""
    QApplication.sendEvent(widget, QInputMethodEvent(preedit, []))
    commit = QInputMethodEvent()
    commit.setCommitString(text)
    QApplication.sendEvent(widget, commit)


def test_cjk_prompt_round_trip_through_inspector_and_file(qtbot, tmp_path):
    window, inspector, shot = _window(qtbot)
    inspector.prompt.setFocus()
    inspector.prompt.clear()
    _type_with_input_method(inspector.prompt, "yige", CJK)
    inspector.negative.setFocus()
    _type_with_input_method(inspector.negative, "mohu", "模糊")
    assert shot.prompt == CJK and shot.negative_prompt == "模糊"
    path = save_project(window.project, tmp_path / "中文.reel")
    assert CJK in path.read_text(encoding="utf-8")
    window.files.open_path(path, ask=False)
    window.timeline.select_ids([window.project.shots[0].id])
    assert window.inspector.prompt.toPlainText() == CJK
    assert load_project(path).shots[0].negative_prompt == "模糊"


def test_frames_snap_to_4k_plus_1_with_a_hint(qtbot):
    window, inspector, shot = _window(qtbot)
    inspector.frames.setValue(80)
    assert shot.frames == 81
    assert inspector.frames.value() == 81
    assert (
        "Snapped 80" in inspector.frames_hint.text() and "81 frames = 5.06 s" in inspector.frames_hint.text()
    )
    inspector.seconds.setValue(3.0)
    assert shot.frames == 49
    inspector.frames.setValue(0)
    assert shot.frames is None
    inspector.frames.stepBy(1)
    assert shot.frames == 81
    inspector.frames.stepBy(2)
    assert shot.frames == 89


def test_seed_size_steps_guidance_and_title(qtbot):
    window, inspector, shot = _window(qtbot)
    assert inspector.random_seed.isChecked() and shot.seed is None
    inspector.new_seed.click()
    assert isinstance(shot.seed, int) and not inspector.random_seed.isChecked()
    assert inspector.seed.text() == str(shot.seed)
    inspector.seed.setFocus()
    inspector.seed.selectAll()
    qtbot.keyClicks(inspector.seed, "4294967295")
    assert shot.seed == 4294967295
    inspector.random_seed.setChecked(True)
    assert shot.seed is None
    inspector.width_spin.setValue(832)
    inspector.height_spin.setValue(480)
    inspector.steps.setValue(30)
    inspector.guidance.setValue(5.0)
    inspector.guidance_2.setValue(-0.5)
    assert (shot.width, shot.height, shot.steps, shot.guidance_scale, shot.guidance_scale_2) == (
        832,
        480,
        30,
        5.0,
        None,
    )
    inspector.guidance_2.setValue(2.5)
    assert shot.guidance_scale_2 == 2.5
    inspector.title.setFocus()
    qtbot.keyClicks(inspector.title, "Kite")
    assert shot.title == "S0Kite"
    # Undo everything back, one step per widget.
    while window.undo_stack.canUndo():
        window.undo_stack.undo()
    assert (shot.seed, shot.width, shot.steps, shot.guidance_scale, shot.title) == (
        None,
        None,
        None,
        None,
        "S0",
    )


def test_takes_list_choose_remove_and_trim(qtbot):
    project = sample_project(1)
    sid = project.shots[0].id
    for n in range(3):
        project.add_take(
            sid, Take(id=f"t{n}", path=f"t{n}.mp4", seed=n, frames=81, fps=16, width=832, height=480)
        )
    window, inspector, shot = _window(qtbot, project)
    panel = inspector.takes
    QAbstractItemModelTester(panel.model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    assert panel.model.rowCount() == 3
    assert panel.model.index(2, 0).data().startswith("✓ Take 3")
    assert "seed 2" in panel.model.index(2, 0).data(Qt.ItemDataRole.ToolTipRole)
    panel.view.setCurrentIndex(panel.sorted.mapFromSource(panel.model.index(0, 0)))
    panel.use_button.click()
    assert shot.active_take == "t0"
    panel.trim_in.setValue(8)
    panel.trim_out.setValue(40)
    assert (shot.trim_in, shot.trim_out) == (8, 40)
    panel.trim_out.setValue(81)
    assert shot.trim_out is None
    panel.view.setCurrentIndex(panel.sorted.mapFromSource(panel.model.index(1, 0)))
    panel.remove_button.click()
    assert [t.id for t in shot.takes] == ["t0", "t2"]
    assert [panel.model.index(r, 0).data(TakeIdRole) for r in range(2)] == ["t0", "t2"]
    window.undo_stack.undo()
    assert [t.id for t in shot.takes] == ["t0", "t1", "t2"] and panel.model.rowCount() == 3


def test_takes_model_under_the_tester(qtbot):
    project = sample_project(2)
    project.add_take(project.shots[0].id, Take(id="a", path="a.mp4"))
    model = TakesModel(ThumbnailCache())
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    model.set_shot(project, project.shots[0])
    assert model.rowCount() == 1
    model.set_shot(project, project.shots[1])
    assert model.rowCount() == 0
    model.set_shot(None, None)


def test_several_selected_shots_show_a_count(qtbot):
    window, inspector, _ = _window(qtbot)
    window.timeline.selectAll()
    assert inspector.pages.currentIndex() == 0
    assert "2 shots selected" in inspector.empty.text()


@pytest.mark.slow
@pytest.mark.parametrize(("typed", "made"), [(11, 9), (12, 13), (13, 13)])
def test_inspector_request_and_take_agree_on_frames(qtbot, loaded_a14b, typed, made):
    window, inspector, shot = _window(qtbot)
    inspector.frames.setValue(typed)
    model = ModelSpec(str(loaded_a14b.model_dir), device="cpu", dtype="float32")
    request = build_request(window.project, shot, model=model)
    request = dataclasses.replace(request, width=64, height=64, num_inference_steps=2)
    take = run_wan(loaded_a14b, request)
    # diffusers asked for the typed count itself, with none of our snapping in between.
    direct = dataclasses.replace(take.applied, num_frames=typed)
    raw = loaded_a14b.pipe(**pipeline_kwargs(direct, make_generator("cpu", direct.seed))).frames[0]
    assert inspector.frames.value() == shot.frames == request.num_frames == made
    assert take.frames.shape[0] == len(raw) == shot_frames(window.project, shot) == made
    assert (f"Snapped {typed}" in inspector.frames_hint.text()) == (typed != made)
