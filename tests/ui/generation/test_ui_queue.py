"""The queue dock: rows per job, buttons for cancel / retry / remove / move / pause, an overall bar."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QLabel, QProgressBar, QVBoxLayout, QWidget
from ui_support import tiny_project, tiny_window, wait_finished

from engine.jobs.job_queue import Job
from engine.jobs.states import JobState
from engine.progress import GENERATING, HIGH_NOISE, Progress
from ui.generation.queue_dock import set_bar_value
from ui.generation.queue_model import format_seconds, job_fraction, progress_text


@pytest.fixture(autouse=True)
def no_threads_left():
    yield
    left = [t.name for t in threading.enumerate() if t.name.startswith("storyreel-") and t.is_alive()]
    assert not left, f"threads left running: {left}"


def states(model):
    return [model.index(r, 3).data() for r in range(model.rowCount())]


@pytest.mark.slow
def test_queue_dock_buttons(qtbot, tiny_a14b, tmp_path):
    project = tiny_project(tmp_path, count=3)
    window = tiny_window(qtbot, tiny_a14b, project)
    controller, dock = window.generation, window.generation.dock
    controller.toggle_pause()
    assert dock.buttons["pause"].text() == "Resume"
    model = controller.queue_model
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    jobs = controller.generate([s.id for s in project.shots])
    assert model.rowCount() == 3 and states(model) == [JobState.QUEUED] * 3
    assert [model.index(r, 0).data() for r in range(3)] == ["S0", "S1", "S2"]
    assert model.index(0, 1).data() == "1"

    dock.select_job(jobs[2].id)
    qtbot.mouseClick(dock.buttons["up"], Qt.MouseButton.LeftButton)
    assert [model.job(r).id for r in range(3)] == [jobs[0].id, jobs[2].id, jobs[1].id]
    assert [j.id for j in controller.jobs.jobs()] == [model.job(r).id for r in range(3)]
    assert dock.selected_job() is jobs[2]

    dock.select_job(jobs[0].id)
    qtbot.mouseClick(dock.buttons["cancel"], Qt.MouseButton.LeftButton)
    assert jobs[0].state == JobState.CANCELLED and dock.buttons["retry"].isEnabled()
    qtbot.mouseClick(dock.buttons["remove"], Qt.MouseButton.LeftButton)
    assert model.rowCount() == 2 and [r["shot"] for r in project.pending_jobs] == [
        project.shots[2].id,
        project.shots[1].id,
    ]
    qtbot.mouseClick(dock.buttons["pause"], Qt.MouseButton.LeftButton)  # resume
    wait_finished(qtbot, window, jobs[1:])
    assert states(model) == [JobState.DONE, JobState.DONE]
    assert dock.overall.value() == 1000 and dock.overall_label.text().startswith("2 of 2 done")
    assert not dock.table.grab().isNull()  # paints the progress bars
    assert format_seconds(model.job(0).elapsed) != ""
    qtbot.waitUntil(lambda: len(project.shots[1].takes) == 1 and project.shots[0].takes == [])


def test_cancel_all_stops_running_and_queued(qtbot, tiny_a14b, tmp_path):
    project = tiny_project(tmp_path, count=2, steps=40)
    window = tiny_window(qtbot, tiny_a14b, project)
    controller = window.generation
    started = []
    controller.bridge.jobEvent.connect(lambda e, j: started.append(j) if e == "progress" else None)
    jobs = controller.generate([s.id for s in project.shots])
    qtbot.waitUntil(lambda: bool(started), timeout=30_000)
    controller.act_cancel_all.trigger()
    wait_finished(qtbot, window, jobs)
    assert [j.state for j in jobs] == [JobState.CANCELLED, JobState.CANCELLED]
    assert all(not s.takes for s in project.shots)


def test_progress_text_and_fraction():
    job = Job(request=None, clip_path=None)  # type: ignore[arg-type]
    assert progress_text(job) == JobState.QUEUED and job_fraction(job) == 0.0
    job.state, job.started = "generating", 1.0
    job.progress = Progress(GENERATING, 3, 12, HIGH_NOISE)
    assert progress_text(job) == "step 3/12 · high-noise"
    assert job_fraction(job) == pytest.approx(0.9 * 3 / 12)
    assert format_seconds(65) == "1:05" and format_seconds(None) == ""


def test_the_overall_bar_paints_with_the_window_not_inside_the_job_event(qtbot):
    # QProgressBar.setValue repaints at once, and a repaint paints all that is dirty in the window:
    # inside a job's event that made one long turn of the event loop.
    window = QWidget()
    layout = QVBoxLayout(window)
    bar, other = QProgressBar(), QLabel("dirty")
    bar.setRange(0, 1000)
    layout.addWidget(bar)
    layout.addWidget(other)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    painted: list[str] = []

    class Count(QObject):
        def eventFilter(self, watched, event):
            if event.type() == QEvent.Type.Paint:
                painted.append(watched.objectName())
            return False

    counter = Count()
    for name, widget in (("bar", bar), ("other", other)):
        widget.setObjectName(name)
        widget.installEventFilter(counter)
    qtbot.wait(50)
    painted.clear()
    other.update()
    set_bar_value(bar, 500)
    assert painted == [] and bar.value() == 500
    qtbot.waitUntil(lambda: "bar" in painted and "other" in painted)
    painted.clear()
    set_bar_value(bar, 500)  # the same value: nothing to paint
    qtbot.wait(50)
    assert "bar" not in painted


def _model_with_a_running_job(step: int, total: int):
    """A queue's model listing one job generating at `step` of `total` (shut the queue down after)."""
    from engine.backends.local import LocalBackend
    from engine.jobs.job_queue import JobQueue
    from ui.generation.generation_bridge import GenerationBridge
    from ui.generation.queue_model import QueueModel

    queue = JobQueue([LocalBackend()])
    model = QueueModel(queue, GenerationBridge())
    job = Job(request=None, clip_path=None)  # type: ignore[arg-type]
    model._on_event("added", job)
    job.state, job.started = JobState.GENERATING, 1.0
    job.progress = Progress(GENERATING, step, total, HIGH_NOISE)
    return queue, model, job


def test_a_step_repaints_its_cells_and_leaves_the_dock_laid_out(qtbot):
    """A step changes the state, bar and times of one row: those cells are repainted, and the footer's
    new time left lays nothing out again (each did at every step: 2 ms and a pass over the dock)."""
    from ui.generation.queue_dock import QueueDock
    from ui.generation.queue_model import LEFT, STATE

    queue, model, job = _model_with_a_running_job(1, 12)
    dock = QueueDock()
    qtbot.addWidget(dock)
    dock.set_model(model)
    dock.show()
    qtbot.waitExposed(dock)
    model._on_event("progress", job)
    dock.update_overall()
    qtbot.wait(50)
    changed: list[tuple[int, int, int, int]] = []
    model.dataChanged.connect(lambda a, b, *_: changed.append((a.row(), a.column(), b.row(), b.column())))
    laid_out: list[str] = []

    class Requests(QObject):
        def eventFilter(self, watched, event):
            if event.type() == QEvent.Type.LayoutRequest:
                laid_out.append(type(watched).__name__)
            return False

    spy = Requests()
    dock.installEventFilter(spy)
    for step in (2, 3):
        job.progress = Progress(GENERATING, step, 12, HIGH_NOISE)
        model._on_event("progress", job)
        dock.update_overall()
        dock.overall_label.setText(f"0 of 1 done · about 0:{step:02d} left")  # a new line, as tall
        qtbot.wait(20)
    assert changed == [(0, STATE, 0, LEFT)] * 2
    assert "step 3/12" in model.index(0, 4).data() and laid_out == []
    queue.shutdown()


def test_the_progress_cell_is_a_bar_filled_to_the_job_s_fraction(qtbot):
    from PySide6.QtCore import QRect
    from PySide6.QtGui import QColor, QImage, QPainter, QPalette
    from PySide6.QtWidgets import QApplication, QStyleOptionViewItem

    from ui.generation.queue_dock import ProgressDelegate
    from ui.generation.queue_model import PROGRESS

    queue, model, _ = _model_with_a_running_job(5, 9)  # 0.9 * 5/9: half the job
    option = QStyleOptionViewItem()
    option.rect = QRect(0, 0, 200, 30)
    option.palette = QPalette(QApplication.palette())
    image = QImage(200, 30, QImage.Format.Format_RGB32)
    painter = QPainter(image)
    ProgressDelegate().paint(painter, option, model.index(0, PROGRESS))
    painter.end()
    highlight, empty = (
        option.palette.color(r).name()
        for r in (QPalette.ColorRole.Highlight, QPalette.ColorRole.AlternateBase)
    )
    assert QColor(image.pixel(50, 5)).name() == highlight and QColor(image.pixel(150, 5)).name() == empty
    queue.shutdown()
