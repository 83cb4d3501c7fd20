"""Failures you can read: a failed shot's card and inspector say why, the queue shows and counts it."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFontMetrics
from ui_support import paint_card, tiny_project, tiny_window, wait_finished

from app.settings.model_settings import ModelSettings, store_model_settings
from engine.jobs.states import JobState
from ui.generation.queue_dock import WIDEST_PROGRESS, fitted_text
from ui.generation.queue_model import PROGRESS
from ui.timeline.shot_card_delegate import CARD_HEIGHT, FOOTER, error_lines
from ui.timeline.timeline_model import ErrorRole


@pytest.fixture(autouse=True)
def no_threads_left():
    yield
    left = [t.name for t in threading.enumerate() if t.name.startswith("storyreel-") and t.is_alive()]
    assert not left, f"threads left running: {left}"


def _is_error_red(color: QColor) -> bool:
    return color.red() > 120 and color.green() < 60 and color.blue() < 60


def test_a_failed_shot_and_job_say_why_and_are_counted_apart(qtbot, tiny_a14b, tmp_path):
    project = tiny_project(tmp_path)
    window = tiny_window(qtbot, tiny_a14b, project)
    controller, dock = window.generation, window.generation.dock
    [good] = controller.generate([project.shots[1].id])
    # Model offload on the CPU is refused: a real ModelError from the pipeline loader.
    store_model_settings(
        window.settings,
        ModelSettings(source=str(tiny_a14b), device="cpu", dtype="float32", memory_profile="model_offload"),
    )
    [bad] = controller.generate([project.shots[0].id])
    wait_finished(qtbot, window, [good, bad])
    assert (good.state, bad.state) == (JobState.DONE, JobState.FAILED)
    assert "memory profile" in bad.error and "Error" not in bad.error and "Errno" not in bad.error

    # The card: its error as data, its tooltip, and a red band painted across the picture.
    qtbot.waitUntil(lambda: project.shots[0].error == bad.error)
    index = window.model.index(0)
    tip = " ".join(index.data(Qt.ItemDataRole.ToolTipRole).split())  # the tooltip wraps its lines
    assert index.data(ErrorRole) == bad.error and bad.error in tip
    assert window.model.index(1).data(ErrorRole) is None
    failed_card, good_card = paint_card(window, 0), paint_card(window, 1)
    foot = CARD_HEIGHT - FOOTER - 6  # just above the footer, inside the picture
    assert _is_error_red(failed_card.pixelColor(20, foot))
    assert not _is_error_red(good_card.pixelColor(20, foot))

    # The inspector shows it while the shot is selected, and not for a shot without an error.
    window.timeline.select_ids([project.shots[0].id])
    assert window.inspector.error.isVisibleTo(window) and bad.error in window.inspector.error.text()
    window.timeline.select_ids([project.shots[1].id])
    assert not window.inspector.error.isVisibleTo(window)

    # The queue: wide enough for a running job's text; the error's start is what shows.
    table = dock.table
    metrics = table.fontMetrics()
    assert table.columnWidth(PROGRESS) >= metrics.horizontalAdvance(WIDEST_PROGRESS)
    shown = [c for c in range(table.model().columnCount()) if not table.isColumnHidden(c)]
    assert sum(table.columnWidth(c) for c in shown) <= table.viewport().width()  # no sideways scrolling
    row = controller.queue_model.row_of(bad.id)
    shown = fitted_text(bad.error, metrics, table.columnWidth(PROGRESS) - 8)
    assert shown.startswith("The memory profile") and (shown == bad.error or shown.endswith("…"))
    tip = " ".join(controller.queue_model.index(row, PROGRESS).data(Qt.ItemDataRole.ToolTipRole).split())
    assert bad.error in tip and bad.hint in tip
    assert not table.grab().isNull()  # paints the failed row as text and the done one as a bar

    # Counted apart, then cleared together.
    assert dock.overall_label.text().startswith("1 of 2 done · 1 failed") and dock.overall.value() == 500
    assert dock.buttons["clear"].isEnabled()
    dock.buttons["clear"].click()
    assert controller.queue_model.rowCount() == 0 and not dock.buttons["clear"].isEnabled()
    assert dock.overall_label.text() == "The queue is empty."


def test_all_failed_is_not_all_done(qtbot, tiny_a14b, tmp_path):
    project = tiny_project(tmp_path, count=2)
    window = tiny_window(qtbot, tiny_a14b, project, memory_profile="model_offload")
    jobs = window.generation.generate([s.id for s in project.shots])
    wait_finished(qtbot, window, jobs)
    dock = window.generation.dock
    # The model fails to load at the first shot: the second is cancelled unstarted, not failed too.
    assert dock.overall_label.text() == "0 of 1 done · 1 failed" and dock.overall.value() == 0


def test_error_lines_keep_the_start_and_fit():
    from PySide6.QtGui import QFont

    metrics = QFontMetrics(QFont())
    text = "take-3.mp4 is damaged or not a video FFmpeg can read, so generate the take again " * 3
    lines = error_lines(text, metrics, 120)
    assert len(lines) == 2 and lines[0].startswith("take-3.mp4") and lines[-1].endswith("…")
    assert all(metrics.horizontalAdvance(line) <= 120 for line in lines)
    assert error_lines("short", metrics, 120) == ["short"]
    assert (
        fitted_text("step 7/20 · high-noise", metrics, metrics.horizontalAdvance("step 7/20 ·"))
        == "step 7/20"
    )
