"""QueueModel: a table model over the JobQueue's jobs, updated from the GenerationBridge's signals."""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
)

from engine.jobs.job_queue import Job, JobQueue
from engine.jobs.states import ACTIVE_STATES, FINISHED_STATES, JobState
from ui.generation.generation_bridge import GenerationBridge
from ui.i18n.translation import QT_TRANSLATE_NOOP
from ui.widgets.labels import expert_label, job_title, state_label, tooltip_text

# Column keys, shown translated (column_title) in the header.
COLUMNS = (
    QT_TRANSLATE_NOOP("QueueModel", "Shot"),
    QT_TRANSLATE_NOOP("QueueModel", "Take"),
    QT_TRANSLATE_NOOP("QueueModel", "Backend"),
    QT_TRANSLATE_NOOP("QueueModel", "State"),
    QT_TRANSLATE_NOOP("QueueModel", "Progress"),
    QT_TRANSLATE_NOOP("QueueModel", "Elapsed"),
    QT_TRANSLATE_NOOP("QueueModel", "Left"),
)
SHOT, TAKE, BACKEND, STATE, PROGRESS, ELAPSED, LEFT = range(len(COLUMNS))
JobRole = Qt.ItemDataRole.UserRole + 1
FractionRole = Qt.ItemDataRole.UserRole + 2
Index = QModelIndex | QPersistentModelIndex


def column_title(name: str) -> str:
    """A column's header in the window's language."""
    return QCoreApplication.translate("QueueModel", name)


def format_seconds(seconds: float | None) -> str:
    """'0:07', '12:03', '' for unknown."""
    if seconds is None:
        return ""
    minutes, rest = divmod(int(round(seconds)), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{rest:02d}" if hours else f"{minutes}:{rest:02d}"


def job_fraction(job: Job) -> float:
    """0..1 of a job's whole run: steps up to 90 %, then decoding and encoding."""
    if job.state in (JobState.DONE, JobState.FAILED, JobState.CANCELLED):
        return 1.0 if job.state == JobState.DONE else 0.0
    p = job.progress
    if job.state == JobState.GENERATING:
        return 0.9 * job.step_fraction
    if job.state in ACTIVE_STATES and job.state != JobState.LOADING_MODEL:
        encoded = (p.step / p.total) if p is not None and p.total and p.stage == "encoding" else 0.0
        return 0.9 + 0.1 * encoded
    return 0.0


def progress_text(job: Job) -> str:
    """'step 12/40 · high-noise', 'loading model', 'encoding 30/81' or the state."""
    p = job.progress
    if job.state == JobState.GENERATING and p is not None and p.total:
        expert = f" · {expert_label(p.expert)}" if p.expert and p.expert != "dense" else ""
        return QCoreApplication.translate("QueueModel", "step {0}/{1}").format(p.step, p.total) + expert
    if job.state == JobState.FAILED:
        return job.error or state_label(job.state)
    if job.state in ACTIVE_STATES and job.cancel.cancelled:
        # Asked to stop; a running step finishes first, which can take many seconds on a big shot.
        return QCoreApplication.translate("QueueModel", "cancelling…")
    if p is not None and job.state in ACTIVE_STATES and p.total and p.stage in ("encoding", "loading"):
        return f"{state_label(job.state)} {p.step}/{p.total}"
    return state_label(job.state)


class QueueModel(QAbstractTableModel):
    """One row per job in queue order; the elapsed and time-left columns tick once a second."""

    def __init__(self, queue: JobQueue, bridge: GenerationBridge, parent=None) -> None:
        super().__init__(parent)
        self.queue = queue
        self._jobs: list[Job] = list(queue.jobs())
        # The jobs of the batch under way: the footer counts these (a retry after every job had
        # finished starts a new batch, so earlier failures are not counted against it).
        self._batch: set[str] = {j.id for j in self._jobs}
        # Jobs whose "finished" event has not arrived yet. Events come in order, so this tells a batch's
        # end exactly; a job's live state would not (the worker changes it before its events arrive).
        self._open: set[str] = {j.id for j in self._jobs if j.state not in FINISHED_STATES}
        bridge.jobEvent.connect(self._on_event)
        self._ticker = QTimer(self)
        self._ticker.setInterval(1000)
        self._ticker.timeout.connect(self._tick)
        self._ticker.start()

    # -- following the queue ------------------------------------------------------------
    def _row(self, job: Job) -> int:
        for row, known in enumerate(self._jobs):
            if known.id == job.id:
                return row
        return -1

    def _on_event(self, event: str, job: Job) -> None:
        row = self._row(job)
        if event in ("finished", "removed"):
            self._open.discard(job.id)
        if event == "added" and row < 0:
            if not self._open:
                self._batch.clear()
            self._batch.add(job.id)
            self._open.add(job.id)
            at = len(self._jobs)
            self.beginInsertRows(QModelIndex(), at, at)
            self._jobs.append(job)
            self.endInsertRows()
        elif event == "removed" and row >= 0:
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._jobs[row]
            self.endRemoveRows()
        elif event == "moved" and row >= 0:
            order = [j.id for j in self.queue.jobs()]
            target = order.index(job.id) if job.id in order else row
            if target != row:
                # Qt's destination is the row to insert before, counted before the move.
                self.beginMoveRows(
                    QModelIndex(), row, row, QModelIndex(), target + 1 if target > row else target
                )
                self._jobs.insert(target, self._jobs.pop(row))
                self.endMoveRows()
        elif event == "progress" and row >= 0:
            # A step: its state (a stage may change it), bar, time and what is left, not the whole row
            # (2 ms of painting per step).
            self.dataChanged.emit(self.index(row, STATE), self.index(row, LEFT))
        elif row >= 0:
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    def _tick(self) -> None:
        rows = [r for r, j in enumerate(self._jobs) if j.state in ACTIVE_STATES]
        if rows:
            self.dataChanged.emit(self.index(min(rows), ELAPSED), self.index(max(rows), LEFT))

    # -- reading ------------------------------------------------------------------------
    def job(self, row: int) -> Job:
        return self._jobs[row]

    def jobs(self) -> list[Job]:
        return list(self._jobs)

    def batch(self) -> list[Job]:
        """The listed jobs of the batch under way (or the last one, once all are finished)."""
        return [j for j in self._jobs if j.id in self._batch]

    def refresh(self) -> None:
        """Repaint every row now (a cancel shows before the job's next event)."""
        if self._jobs:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._jobs) - 1, len(COLUMNS) - 1))

    def row_of(self, job_id: str) -> int:
        return next((r for r, j in enumerate(self._jobs) if j.id == job_id), -1)

    def overall(self) -> tuple[float, int, int, float | None]:
        """(fraction of the batch done, finished count, batch size, seconds left) over the listed jobs."""
        batch = [j for j in self.batch() if j.state != JobState.CANCELLED]
        if not batch:
            return 0.0, 0, 0, None
        finished = sum(1 for j in batch if j.state in FINISHED_STATES)
        # A failed job adds nothing: the bar shows work done, and stays short of full while any failed.
        fraction = sum(job_fraction(j) for j in batch) / len(batch)
        done = [j for j in batch if j.state == JobState.DONE and j.elapsed > 0]
        left = None
        if done and finished < len(batch):
            per_job = sum(j.elapsed for j in done) / len(done)
            running = [j for j in batch if j.state in ACTIVE_STATES]
            left = per_job * sum(1 for j in batch if j.state not in FINISHED_STATES and j not in running)
            left += sum(j.eta if j.eta is not None else per_job * (1 - job_fraction(j)) for j in running)
        return fraction, finished, len(batch), left

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._jobs)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(COLUMNS)
        ):
            return column_title(COLUMNS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or index.row() >= len(self._jobs):
            return None
        job, column = self._jobs[index.row()], index.column()
        if role == JobRole:
            return job
        if role == FractionRole:
            return job_fraction(job)
        if role == Qt.ItemDataRole.ToolTipRole:
            if job.state == JobState.FAILED:
                return tooltip_text(f"{job.error}\n{job.hint or ''}".strip())
            if column == PROGRESS:  # the full text where the column is too narrow for it
                return progress_text(job)
            take = job.meta.get("take")
            title = job_title(job)
            return self.tr("{0} · take {1}").format(title, take) if take and title else (title or None)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if column == SHOT:
            return job_title(job)
        if column == TAKE:
            return str(job.meta.get("take", ""))
        if column == BACKEND:
            return job.backend or ""
        if column == STATE:
            return state_label(job.state)
        if column == PROGRESS:
            return progress_text(job)
        if column == ELAPSED:
            return format_seconds(job.elapsed) if job.started is not None else ""
        if column == LEFT:
            return format_seconds(job.eta) if job.state in ACTIVE_STATES else ""
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
