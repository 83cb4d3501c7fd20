"""QueueDock: the generation queue as a table with progress bars, its buttons and an overall bar."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFontMetrics, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QLabel,
    QProgressBar,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from engine.jobs.job_queue import Job
from engine.jobs.states import ACTIVE_STATES, FINISHED_STATES, JobState
from ui.generation.queue_model import (
    BACKEND,
    COLUMNS,
    PROGRESS,
    STATE,
    FractionRole,
    JobRole,
    QueueModel,
    column_title,
    format_seconds,
)
from ui.widgets.placeholder import PlaceholderTableView
from ui.widgets.wrapped_text import WrappedText

# The widest progress text a running job shows: its column opens wide enough for it.
WIDEST_PROGRESS = "step 20/20 · high-noise"  # and its translation (widest_progress)
# Samples for the other columns' opening widths (the header is used where it is wider).
COLUMN_SAMPLES = {"Shot": "Shot 10", "Take": "10", "Backend": "local", "Elapsed": "10:00", "Left": "10:00"}


SECOND_ROW = ("clear", "up", "down", "pause")


def widest_progress() -> str:
    """WIDEST_PROGRESS in the window's language."""
    step = QCoreApplication.translate("QueueModel", "step {0}/{1}").format(20, 20)
    return step + " · " + QCoreApplication.translate("Labels", "high-noise")


def fitted_text(text: str, metrics: QFontMetrics, width: int) -> str:
    """The text, else its key part before " · " (the step count), else its start with an ellipsis."""
    if metrics.horizontalAdvance(text) <= width:
        return text
    head = text.split(" · ")[0]
    if head != text and metrics.horizontalAdvance(head) <= width:
        return head
    return metrics.elidedText(text, Qt.TextElideMode.ElideRight, width)


def set_bar_value(bar: QProgressBar, value: int) -> None:
    """Set a progress bar's value and let it paint in the window's next paint, with the rest.

    QProgressBar.setValue repaints at once, and a repaint paints everything dirty in the window (the
    timeline, the preview, the ruler) inside the job event's handler: one long turn of the event loop.
    """
    if bar.value() == value:
        return
    bar.setUpdatesEnabled(False)
    bar.setValue(value)
    bar.setUpdatesEnabled(True)
    bar.update()


class ProgressDelegate(QStyledItemDelegate):
    """Paints the progress column as a bar with its text (step i/N · expert); a failure as its words."""

    def paint(
        self, painter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        job: Job | None = index.data(JobRole)
        if job is None or job.state in (JobState.QUEUED, JobState.CANCELLED, JobState.FAILED):
            opt = QStyleOptionViewItem(option)
            self.initStyleOption(opt, index)
            if job is not None and job.state == JobState.FAILED:
                # The start of the error, never cut in the middle as a bar's centred text would be.
                opt.text = fitted_text(opt.text, opt.fontMetrics, max(0, opt.rect.width() - 8))
                opt.palette.setColor(opt.palette.ColorRole.Text, QColor("#dc2626"))
            style = option.widget.style() if option.widget is not None else QApplication.style()
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, option.widget)
            return
        # A flat bar, as the timeline's cards draw theirs: the style's own bar cost 0.2-0.6 ms a cell, and
        # a step or a new job repainted every row's.
        rect = option.rect.adjusted(2, 3, -2, -3)
        fraction = min(1.0, max(0.0, float(index.data(FractionRole) or 0.0)))
        palette = option.palette
        painter.save()
        painter.fillRect(rect, palette.color(QPalette.ColorRole.AlternateBase))
        filled = QRect(rect.left(), rect.top(), round(rect.width() * fraction), rect.height())
        painter.fillRect(filled, palette.color(QPalette.ColorRole.Highlight))
        painter.setPen(palette.color(QPalette.ColorRole.Mid))
        painter.drawRect(rect.adjusted(0, 0, -1, -1))
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        painter.setPen(palette.color(QPalette.ColorRole.Text))
        painter.drawText(
            rect,
            Qt.AlignmentFlag.AlignCenter,
            fitted_text(text, option.fontMetrics, max(0, rect.width() - 8)),
        )
        painter.restore()


class QueueDock(QWidget):
    """Jobs in queue order; its buttons ask (by signal) to cancel, retry, remove, move, pause, resume."""

    cancelRequested = Signal(str)  # job id
    cancelAllRequested = Signal()
    retryRequested = Signal(str)  # job id
    removeRequested = Signal(str)  # job id
    moveRequested = Signal(str, int)  # job id, places later (negative: earlier)
    pauseRequested = Signal()  # pause, or resume a paused queue

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.paused = False
        self.model: QueueModel | None = None
        self.table = PlaceholderTableView(
            self.tr("Generations wait and run here, one after another: select shots and press Generate.")
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setItemDelegateForColumn(PROGRESS, ProgressDelegate(self.table))
        self.table.setWordWrap(False)
        self.buttons: dict[str, QToolButton] = {}
        # Two rows, so all eight buttons show at the dock's opening width; a button that still does
        # not fit (a narrower dock, a longer language) goes into its row's overflow menu.
        bars = [QToolBar(), QToolBar()]
        for bar in bars:
            bar.setIconSize(QSize(16, 16))
        for key, text, tip, slot in (
            (
                "cancel",
                self.tr("Cancel"),
                self.tr("Cancel the selected job (a running one stops within a step)"),
                self.cancel,
            ),
            (
                "cancel_all",
                self.tr("Cancel All"),
                self.tr("Cancel every queued and running job"),
                self.cancelAllRequested.emit,
            ),
            (
                "retry",
                self.tr("Retry"),
                self.tr("Queue the selected failed or cancelled job again"),
                self.retry,
            ),
            (
                "remove",
                self.tr("Remove"),
                self.tr("Remove the selected finished or queued job from the list"),
                self.remove,
            ),
            (
                "clear",
                self.tr("Clear Finished"),
                self.tr("Remove every done, failed and cancelled job from the list"),
                self.clear_finished,
            ),
            ("up", "▲", self.tr("Move the selected job earlier in the queue"), lambda: self.move_job(-1)),
            ("down", "▼", self.tr("Move the selected job later in the queue"), lambda: self.move_job(1)),
            (
                "pause",
                self.tr("Pause"),
                self.tr("Pause the queue (the running job finishes) / resume it"),
                self.pauseRequested.emit,
            ),
        ):
            button = QToolButton()
            button.setText(text)
            button.setToolTip(tip)
            button.clicked.connect(lambda checked=False, s=slot: s())
            bars[key in SECOND_ROW].addWidget(button)
            self.buttons[key] = button
        self.overall = QProgressBar()
        self.overall.setRange(0, 1000)
        self.overall.setTextVisible(False)
        self.overall_label = QLabel(self.tr("No generations yet. Generate shots with Ctrl+G."))
        self.table.setMinimumWidth(160)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        for bar in bars:
            layout.addWidget(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.overall)
        # Its time left changes with every step: the dock lays out again only when its height does.
        layout.addWidget(WrappedText(self.overall_label))
        self.update_buttons()

    def column_widths(self) -> dict[str, int]:
        """Opening widths: the progress column fits a running job's text and the start of an error."""
        metrics = self.table.fontMetrics()
        pad = 2 * self.table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 16
        widths = {
            name: max(metrics.horizontalAdvance(column_title(name)), metrics.horizontalAdvance(sample)) + pad
            for name, sample in COLUMN_SAMPLES.items()
        }
        widest = max(metrics.horizontalAdvance(WIDEST_PROGRESS), metrics.horizontalAdvance(widest_progress()))
        widths["Progress"] = widest + pad + 8
        return widths

    def sizeHint(self) -> QSize:
        # As narrow as the visible columns allow: the timeline needs the width more.
        hidden = (
            {i for i in range(len(COLUMNS)) if self.table.isColumnHidden(i)}
            if self.model
            else {STATE, BACKEND}
        )
        shown = [n for i, n in enumerate(COLUMNS) if i not in hidden]
        widths = self.column_widths()
        scrollbar = self.table.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        return QSize(sum(widths.get(n, 0) for n in shown) + scrollbar + 12, 300)

    def set_model(self, model: QueueModel) -> None:
        """Show a queue's jobs (called once, when the queue is first started)."""
        self.model = model
        self.table.setModel(model)
        header = self.table.horizontalHeader()
        widths = self.column_widths()
        for column, name in enumerate(COLUMNS):
            if name in widths:
                header.resizeSection(column, widths[name])
        header.setMinimumSectionSize(24)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(PROGRESS, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        self.table.setColumnHidden(
            STATE, True
        )  # the progress column says it: "queued", "step 3/20", the error
        self.table.setColumnHidden(BACKEND, True)  # shown once jobs run on more than one backend
        self.table.selectionModel().selectionChanged.connect(self.update_buttons)
        for signal in (model.dataChanged, model.rowsInserted, model.rowsRemoved, model.rowsMoved):
            signal.connect(self.update_buttons)
        self.update_buttons()

    def set_paused(self, paused: bool) -> None:
        """Show whether the queue is paused (the Pause button reads Resume)."""
        self.paused = paused
        self.update_buttons()

    def selected_job(self) -> Job | None:
        if self.model is None:
            return None
        rows = self.table.selectionModel().selectedRows()
        return self.model.job(rows[0].row()) if rows else None

    def select_job(self, job_id: str) -> None:
        if self.model is not None and (row := self.model.row_of(job_id)) >= 0:
            self.table.selectRow(row)

    def cancel(self) -> None:
        if (job := self.selected_job()) is not None:
            self.cancelRequested.emit(job.id)

    def retry(self) -> None:
        if (job := self.selected_job()) is not None and job.state in (JobState.FAILED, JobState.CANCELLED):
            self.retryRequested.emit(job.id)

    def remove(self) -> None:
        if (job := self.selected_job()) is not None and job.state not in ACTIVE_STATES:
            self.removeRequested.emit(job.id)

    def clear_finished(self) -> None:
        """Remove every done, failed and cancelled job from the list."""
        for job in self.model.jobs() if self.model is not None else []:
            if job.state in FINISHED_STATES:
                self.removeRequested.emit(job.id)

    def move_job(self, delta: int) -> None:
        if (job := self.selected_job()) is not None:
            self.moveRequested.emit(job.id, delta)
            self.select_job(job.id)

    def update_buttons(self, *args: object) -> None:
        job = self.selected_job()
        state = job.state if job else None
        jobs = self.model.jobs() if self.model is not None else []
        self.buttons["cancel"].setEnabled(state is not None and state not in FINISHED_STATES)
        self.buttons["cancel_all"].setEnabled(any(j.state not in FINISHED_STATES for j in jobs))
        self.buttons["retry"].setEnabled(state in (JobState.FAILED, JobState.CANCELLED))
        self.buttons["remove"].setEnabled(state is not None and state not in ACTIVE_STATES)
        self.buttons["clear"].setEnabled(any(j.state in FINISHED_STATES for j in jobs))
        one_backend = len({j.backend for j in jobs if j.backend}) < 2
        if self.table.isColumnHidden(BACKEND) != one_backend:  # set again, Qt repaints the whole table
            self.table.setColumnHidden(BACKEND, one_backend)
        self.buttons["up"].setEnabled(job is not None and jobs[0] is not job)
        self.buttons["down"].setEnabled(job is not None and jobs[-1] is not job)
        self.buttons["pause"].setText(self.tr("Resume") if self.paused else self.tr("Pause"))
        self.update_overall()

    def update_overall(self) -> None:
        if self.model is None:
            return
        fraction, _finished, count, left = self.model.overall()
        set_bar_value(self.overall, int(1000 * fraction))
        if not count:
            self.overall_label.setText(self.tr("The queue is empty."))
            return
        # Done and failed apart: four failed jobs are "0 of 4 done · 4 failed", never "4 of 4 done".
        batch = self.model.batch()
        done = sum(1 for j in batch if j.state == JobState.DONE)
        failed = sum(1 for j in batch if j.state == JobState.FAILED)
        text = self.tr("{0} of {1} done").format(done, count)
        if failed:
            text += " · " + self.tr("{0} failed").format(failed)
        self.overall.setToolTip(
            self.tr("{0} done, {1} failed, {2} to go").format(done, failed, count - done - failed)
        )
        if left is not None:
            text += " · " + self.tr("about {0} left").format(format_seconds(left))
        if self.paused:
            text += " · " + self.tr("paused")
        if any(j.state in ACTIVE_STATES and j.cancel.cancelled for j in batch):
            text += " · " + self.tr("cancelling…")
        self.overall_label.setText(text)
