"""Repaint (from the mask painted on the preview) and Extend Take… queue a take on the reference model."""

from __future__ import annotations

import io

import numpy as np
import pytest
from control_support import make_clip, moving_frames
from PIL import Image
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtTest import QTest
from ui_support import tiny_project, tiny_window

from app.project.shot import Take
from engine.conditioning.control_cache import file_sha256
from ui.directing.direction_dialogs import ExtendChoice, ExtendDialog, RepaintChoice, RepaintDialog

FRAMES = 9


@pytest.fixture
def window(qtbot, tmp_path, tiny_a14b, tiny_vace):
    project = tiny_project(tmp_path, count=1)
    project.settings.vace_model = str(tiny_vace)
    shot = project.shots[0]
    make_clip(project.media_dir / shot.id / "take-001.mp4", moving_frames(FRAMES))
    project.add_take(
        shot.id, Take(id="t1", path=f"{shot.id}/take-001.mp4", frames=FRAMES, fps=16, width=32, height=32)
    )
    window = tiny_window(qtbot, tiny_a14b, project)
    window.generation.toggle_pause()  # queued, never run: the test reads the queued request
    window.timeline.select_ids([shot.id])
    qtbot.waitUntil(lambda: window.preview.current is not None)
    return window


def _only_job(window, qtbot):
    """The one take queued, once the plan made off the GUI thread has come back."""
    qtbot.waitUntil(lambda: not window.directing.worker.busy())
    jobs = window.generation.jobs.jobs()
    assert len(jobs) == 1
    return jobs[0]


def test_repaint_queues_the_painted_mask_with_the_new_prompt(window, qtbot):
    player = window.preview
    view, bar = player.view, player.mask_bar
    asked = []
    window.directing.ask_repaint = lambda prompt: asked.append(prompt) or RepaintChoice("a blue ball", 7)
    player.mask_bar.action.trigger()  # View > Paint Mask
    bar.tool.setCurrentIndex(bar.tool.findData("rectangle"))
    target = view.target()
    corner = target.topLeft() + QPoint(2, 2)
    middle = target.center()
    QTest.mousePress(view, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, corner)
    QTest.mouseMove(view, middle)
    QTest.mouseRelease(view, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, middle)
    painted = bar.layer.to_array()
    assert 0 < painted.mean() < 255
    bar.repaint_button.click()
    assert asked == [window.project.shots[0].prompt]
    job = _only_job(window, qtbot)
    control = job.request.control
    assert control.mode == "repaint" and len(control.frames) == FRAMES
    with Image.open(io.BytesIO(control.masks[0])) as mask:
        assert np.array_equal(np.asarray(mask), painted)
    assert job.request.prompt.startswith("a blue ball") and job.request.seed == 7
    assert job.request.model.source == window.project.settings.vace_model
    assert job.request.made_from["repaint"]["from_take"] == "t1"


def test_extend_queues_the_takes_last_frames_as_context(window, qtbot):
    window.directing.ask_extend = lambda fps: ExtendChoice(8, False)
    window.directing.act_extend.trigger()
    job = _only_job(window, qtbot)
    control = job.request.control
    assert control.mode == "known" and job.request.num_frames == len(control.frames) + 8
    source = f"{window.project.shots[0].id}/take-001.mp4"
    assert job.request.made_from["extend"] == {
        "from_take": "t1",
        "from_path": source,
        "sha256": file_sha256(window.project.media_dir / source),
        "frames": 8,
        "before": False,
        "context": len(control.frames),
    }


def test_a_cancelled_dialog_queues_nothing_and_a_refusal_is_said(window, qtbot):
    window.directing.ask_extend = lambda fps: None
    assert window.directing.extend_selected() is False and not window.generation.jobs.jobs()
    for frames, words in ((4000, "4000"), (100, "take-001.mp4 by 100 frames")):  # past the limits
        window.directing.ask_extend = lambda fps, n=frames: ExtendChoice(n, True)
        window.directing.act_extend.trigger()
        qtbot.waitUntil(lambda: not window.directing.worker.busy())
        assert not window.generation.jobs.jobs()
        assert window.dialogs.errors and words in window.dialogs.errors[-1]


def test_planning_decodes_the_take_off_the_gui_thread_and_the_window_stays_responsive(
    window, qtbot, monkeypatch
):
    import threading

    import app.generation.take_given_frames as given

    decoded, released, read = [], threading.Event(), given.read_frames

    def recording(*args, **kwargs):
        decoded.append(threading.current_thread())
        released.wait(10)  # held until the GUI thread has gone on handling events
        return read(*args, **kwargs)

    monkeypatch.setattr(given, "read_frames", recording)
    window.directing.ask_extend = lambda fps: ExtendChoice(8, False)
    window.directing.ask_repaint = lambda prompt: RepaintChoice(None, 1)
    window.directing.act_extend.trigger()  # returns at once: the take is decoded on the worker
    ticks = []
    QTimer.singleShot(0, lambda: ticks.append(1))
    qtbot.waitUntil(lambda: bool(decoded and ticks))
    window.directing.ask_extend = lambda fps: pytest.fail("asked while a take is being planned")
    assert window.directing.extend_selected() is False  # one plan at a time, said before asking
    assert "previous take" in window.generation.status.currentMessage()
    released.set()
    assert _only_job(window, qtbot).request.made_from["extend"]["frames"] == 8
    mask = np.full((32, 32), 255, dtype=np.uint8)
    window.directing.repaint(window.project.shots[0].id, _png(mask))
    qtbot.waitUntil(lambda: len(window.generation.jobs.jobs()) == 2)
    assert len(decoded) == 2 and threading.main_thread() not in decoded


def _png(array) -> bytes:
    out = io.BytesIO()
    Image.fromarray(array).save(out, "PNG")
    return out.getvalue()


def test_the_dialogs_answer_what_was_chosen(qtbot):
    repaint = RepaintDialog("a red ball")
    qtbot.addWidget(repaint)
    assert repaint.choice() == RepaintChoice(None, None)  # the shot's own prompt, its own seed
    repaint.prompt.setPlainText("a red ball with a blue hat")
    repaint.fixed_seed.setChecked(True)
    repaint.seed.setValue(42)
    assert repaint.choice() == RepaintChoice("a red ball with a blue hat", 42)
    extend = ExtendDialog(16)
    qtbot.addWidget(extend)
    assert extend.choice() == ExtendChoice(32, False) and "2.00" in extend.seconds.text()
    extend.before.setChecked(True)
    extend.frames.setValue(9)
    assert extend.choice() == ExtendChoice(9, True)


def test_a_mask_clip_loaded_in_the_preview_is_repainted_frame_by_frame(window, qtbot, tmp_path):
    from engine.video.video_io import write_clip

    masks = np.zeros((FRAMES, 32, 32, 3), np.uint8)
    for index in range(FRAMES):
        masks[index, :16, 2 * index : 2 * index + 8] = 255
    write_clip(masks, 16, tmp_path / "masks.mp4")
    bar = window.preview.mask_bar
    window.directing.ask_repaint = lambda prompt: RepaintChoice(None, 3)
    bar.action.setChecked(True)
    bar.ask_mask_clip = lambda: tmp_path / "masks.mp4"
    bar.clip_button.click()
    qtbot.waitUntil(lambda: bar.layer.clip is not None)
    bar.repaint_button.click()
    control = _only_job(window, qtbot).request.control
    assert control.mode == "repaint" and len(control.masks) == FRAMES
    firsts = [np.asarray(Image.open(io.BytesIO(m)))[4].argmax() for m in control.masks]
    assert firsts == sorted(firsts) and firsts[0] < firsts[-1]  # the white part moves as the clip's does
