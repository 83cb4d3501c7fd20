"""QueueDock: the generation queue as a table with progress bars, its buttons and an overall bar."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QLabel,
    QProgressBar,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionProgressBar,
    QStyleOptionViewItem,
    QTableView,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from engine.jobs.job_queue import Job
from engine.jobs.states import ACTIVE_STATES, FINISHED_STATES, JobState
from ui.generation.queue_model import PROGRESS, FractionRole, JobRole, QueueModel, format_seconds

if TYPE_CHECKING:
    from ui.generation.generation_actions import GenerationController


class ProgressDelegate(QStyledItemDelegate):
    """Paints the progress column as a bar with its text (step i/N · expert)."""

    def paint(
        self, painter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        job: Job | None = index.data(JobRole)
        if job is None or job.state in (JobState.QUEUED, JobState.CANCELLED):
            super().paint(painter, option, index)
            return
        bar = QStyleOptionProgressBar()
        bar.rect = option.rect.adjusted(2, 3, -2, -3)
        bar.minimum, bar.maximum = 0, 1000
        bar.progress = int(1000 * float(index.data(FractionRole) or 0.0))
        bar.text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        bar.textVisible = True
        bar.state = option.state | QStyle.StateFlag.State_Enabled | QStyle.StateFlag.State_Horizontal
        style = option.widget.style() if option.widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ProgressBar, bar, painter, option.widget)


class QueueDock(QWidget):
    """Jobs in queue order; cancel, cancel all, retry, remove, move, pause and resume."""

    def __init__(self, controller: GenerationController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.model: QueueModel | None = None
        self.table = QTableView()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setItemDelegateForColumn(PROGRESS, ProgressDelegate(self.table))
        self.table.setWordWrap(False)
        self.buttons: dict[str, QToolButton] = {}
        bar = QToolBar()  # buttons that do not fit go into its overflow menu: the dock can stay narrow
        bar.setIconSize(QSize(16, 16))
        for key, text, tip, slot in (
            ("cancel", "Cancel", "Cancel the selected job (a running one stops within a step)", self.cancel),
            ("cancel_all", "Cancel All", "Cancel every queued and running job", controller.cancel_all),
            ("retry", "Retry", "Queue the selected failed or cancelled job again", self.retry),
            ("remove", "Remove", "Remove the selected finished or queued job from the list", self.remove),
            ("up", "▲", "Move the selected job earlier in the queue", lambda: self.move(-1)),
            ("down", "▼", "Move the selected job later in the queue", lambda: self.move(1)),
            (
                "pause",
                "Pause",
                "Pause the queue (the running job finishes) / resume it",
                controller.toggle_pause,
            ),
        ):
            button = QToolButton()
            button.setText(text)
            button.setToolTip(tip)
            button.clicked.connect(lambda checked=False, s=slot: s())
            bar.addWidget(button)
            self.buttons[key] = button
        self.overall = QProgressBar()
        self.overall.setRange(0, 1000)
        self.overall.setTextVisible(False)
        self.overall_label = QLabel("No generations yet. Generate shots with Ctrl+G.")
        self.overall_label.setWordWrap(True)
        self.table.setMinimumWidth(160)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.overall)
        layout.addWidget(self.overall_label)
        self.update_buttons()

    def sizeHint(self) -> QSize:
        return QSize(220, 300)  # narrow by default: the timeline needs the width more

    def set_model(self, model: QueueModel) -> None:
        """Show a queue's jobs (called once, when the queue is first started)."""
        self.model = model
        self.table.setModel(model)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(PROGRESS, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().selectionChanged.connect(self.update_buttons)
        for signal in (model.dataChanged, model.rowsInserted, model.rowsRemoved, model.rowsMoved):
            signal.connect(self.update_buttons)
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
            self.controller.cancel(job.id)

    def retry(self) -> None:
        if (job := self.selected_job()) is not None and job.state in (JobState.FAILED, JobState.CANCELLED):
            self.select_job(self.controller.retry(job.id).id)

    def remove(self) -> None:
        if (job := self.selected_job()) is not None and job.state not in ACTIVE_STATES:
            self.controller.remove(job.id)

    def move(self, delta: int) -> None:
        if (job := self.selected_job()) is not None:
            self.controller.move(job.id, delta)
            self.select_job(job.id)

    def update_buttons(self, *args: object) -> None:
        job = self.selected_job()
        state = job.state if job else None
        jobs = self.model.jobs() if self.model is not None else []
        self.buttons["cancel"].setEnabled(state is not None and state not in FINISHED_STATES)
        self.buttons["cancel_all"].setEnabled(any(j.state not in FINISHED_STATES for j in jobs))
        self.buttons["retry"].setEnabled(state in (JobState.FAILED, JobState.CANCELLED))
        self.buttons["remove"].setEnabled(state is not None and state not in ACTIVE_STATES)
        self.buttons["up"].setEnabled(job is not None and jobs[0] is not job)
        self.buttons["down"].setEnabled(job is not None and jobs[-1] is not job)
        self.buttons["pause"].setText("Resume" if self.controller.paused else "Pause")
        self.update_overall()

    def update_overall(self) -> None:
        if self.model is None:
            return
        fraction, finished, count, left = self.model.overall()
        self.overall.setValue(int(1000 * fraction))
        if not count:
            self.overall_label.setText("The queue is empty.")
            return
        failed = sum(1 for j in self.model.jobs() if j.state == JobState.FAILED)
        text = f"{finished} of {count} done" + (f" · {failed} failed" if failed else "")
        if left is not None:
            text += f" · about {format_seconds(left)} left"
        if self.controller.paused:
            text += " · paused"
        self.overall_label.setText(text)
