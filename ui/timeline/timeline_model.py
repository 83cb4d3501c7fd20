"""TimelineModel: a Qt list model over Project.shots that follows the project's change events."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import (
    QAbstractListModel,
    QByteArray,
    QCoreApplication,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from app.film.shot_timing import shot_fps, shot_frames, shot_seconds
from app.generation.shot_requests import shot_status
from app.project.project import Project
from app.project.reel_file import PROJECT_SUFFIX
from app.project.row_index import RowIndex
from app.project.shot import Shot, ShotState
from app.project.take_import import VIDEO_SUFFIXES, is_video_file
from ui.widgets.labels import shot_title, state_label, tooltip_text

SHOT_IDS_MIME = "application/x-storyreel-shot-ids"
URI_LIST_MIME = "text/uri-list"
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".webp", ".bmp", ".tif", ".tiff"}

ShotIdRole = Qt.ItemDataRole.UserRole + 1
StatusRole = Qt.ItemDataRole.UserRole + 2
SecondsRole = Qt.ItemDataRole.UserRole + 3
FramesRole = Qt.ItemDataRole.UserRole + 4
ShotRole = Qt.ItemDataRole.UserRole + 5
FpsRole = Qt.ItemDataRole.UserRole + 6
JobProgressRole = Qt.ItemDataRole.UserRole + 7  # 0..1 while a take of the shot is generating, else None
ErrorRole = Qt.ItemDataRole.UserRole + 8  # why the shot's last generation failed, else None

Index = QModelIndex | QPersistentModelIndex


class TimelineModel(QAbstractListModel):
    """One row per shot, in timeline order. Drops are reported as signals; the window decides."""

    shotsDropped = Signal(list, int)  # shot ids, row to insert before (-1: end)
    videosDropped = Signal(list, int)  # file paths, row
    projectDropped = Signal(str)  # a .reel file path
    filesRefused = Signal(list)  # dropped files that are neither videos nor a project (say why, never ignore)

    def __init__(self, project: Project, parent=None) -> None:
        super().__init__(parent)
        self._project: Project | None = None
        self._ids: list[str] = []  # our own mirror, so rows change only between begin*/end*
        self._rows: RowIndex[str] = RowIndex(lambda shot_id: shot_id)
        # Seconds by row, for the size hints: Qt lays the strip out several times while the window is
        # built, and each pass asks every card. Any project change empties it.
        self._seconds: dict[int, float] = {}
        # Each shot's state by id (its take file looked at on disk, its request hashed), kept until the
        # project changes: a card asks on every paint, and a scroll paints dozens.
        self._states: dict[str, ShotState] = {}
        # Live generation state by shot id: ("queued" | "generating", fraction); set by the queue.
        self.job_states: dict[str, tuple[str, float]] = {}
        self.set_project(project)

    # -- project ------------------------------------------------------------------------
    @property
    def project(self) -> Project:
        assert self._project is not None
        return self._project

    def set_project(self, project: Project) -> None:
        """Show another project."""
        self.beginResetModel()
        if self._project is not None:
            self._project.unsubscribe(self._on_event)
        self._project = project
        self._ids = [s.id for s in project.shots]
        self._rows.invalidate()
        self._seconds.clear()
        self._states.clear()
        project.subscribe(self._on_event)
        self.endResetModel()

    def detach(self) -> None:
        """Stop following the project (before the model is dropped)."""
        if self._project is not None:
            self._project.unsubscribe(self._on_event)

    def _on_event(self, event: str, details: dict) -> None:
        self._seconds.clear()
        self._states.clear()
        if event == "shot_added":
            row = int(details["index"])
            self.beginInsertRows(QModelIndex(), row, row)
            self._ids.insert(row, str(details["shot_id"]))
            self._rows.invalidate()
            self.endInsertRows()
        elif event == "shot_removed":
            row = int(details["index"])
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._ids[row]
            self._rows.invalidate()
            self.endRemoveRows()
        elif event == "shot_moved":
            src, dst = int(details["from"]), int(details["to"])
            # Qt's destination is the row to insert before, counted before the move.
            self.beginMoveRows(QModelIndex(), src, src, QModelIndex(), dst + 1 if dst > src else dst)
            self._ids.insert(dst, self._ids.pop(src))
            self._rows.invalidate()
            self.endMoveRows()
        elif event in ("shot_changed", "take_added", "take_removed"):
            changed = self._rows.find(self._ids, str(details["shot_id"]))
            if changed is not None:
                self.dataChanged.emit(self.index(changed), self.index(changed))
        elif event in ("settings_changed", "cast_changed") and self._ids:  # a member's edit outdates shots
            self.dataChanged.emit(self.index(0), self.index(len(self._ids) - 1))

    # -- reading ------------------------------------------------------------------------
    def shot_id(self, row: int) -> str:
        return self._ids[row]

    def find_row(self, shot_id: str) -> int | None:
        """The row showing a shot, or None, in O(1)."""
        return self._rows.find(self._ids, shot_id)

    def durations(self) -> list[float]:
        """Each row's seconds, as SecondsRole gives them, without a Qt call per row."""
        project, out = self.project, []
        for row, shot_id in enumerate(self._ids):
            seconds = self._seconds.get(row)
            if seconds is None:
                seconds = self._seconds[row] = shot_seconds(project, project.shot(shot_id))
            out.append(seconds)
        return out

    def set_job_states(self, states: dict[str, tuple[str, float]]) -> None:
        """Show queued / generating on cards; repaints only the cards whose state changed."""
        changed = {k for k in set(states) | set(self.job_states) if states.get(k) != self.job_states.get(k)}
        self.job_states = dict(states)
        for shot_id in changed:
            row = self._rows.find(self._ids, shot_id)
            if row is not None:
                self.dataChanged.emit(self.index(row), self.index(row), [StatusRole, JobProgressRole])

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def _shot(self, index: Index) -> Shot | None:
        if not index.isValid() or index.row() >= len(self._ids):
            return None
        try:
            return self.project.shot(self._ids[index.row()])
        except KeyError:
            return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role == SecondsRole and index.row() in self._seconds:
            return self._seconds[index.row()]
        shot = self._shot(index)
        if shot is None:
            return None
        project = self.project
        if role == Qt.ItemDataRole.DisplayRole:
            return shot_title(shot, index.row())
        if role == Qt.ItemDataRole.ToolTipRole:
            status = state_label(self._status(project, shot))
            prompt = shot.prompt.strip() or self.tr("(no prompt)")
            error = "\n" + self.tr("The last generation failed: {0}").format(shot.error) if shot.error else ""
            seconds = shot_seconds(project, shot)
            return tooltip_text(
                f"{shot_title(shot, index.row())} · {seconds:.2f} s · {status}\n{prompt}{error}"
            )
        if role == ShotIdRole:
            return shot.id
        if role == StatusRole:
            live = self.job_states.get(shot.id)
            return live[0] if live else self._status(project, shot)
        if role == JobProgressRole:
            live = self.job_states.get(shot.id)
            return live[1] if live and live[0] == "generating" else None
        if role == SecondsRole:
            seconds = self._seconds[index.row()] = shot_seconds(project, shot)
            return seconds
        if role == FramesRole:
            return shot_frames(project, shot)
        if role == FpsRole:
            return shot_fps(project, shot)
        if role == ShotRole:
            return shot
        if role == ErrorRole:
            return shot.error or None
        return None

    def _status(self, project: Project, shot: Shot) -> ShotState:
        state = self._states.get(shot.id)
        if state is None:
            state = self._states[shot.id] = shot_status(project, shot)
        return state

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled  # drops go between cards, never onto one
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled

    # -- drag and drop ------------------------------------------------------------------
    def mimeTypes(self) -> list[str]:
        return [SHOT_IDS_MIME, URI_LIST_MIME]

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction | Qt.DropAction.CopyAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        ids = [self._ids[i.row()] for i in sorted(indexes, key=lambda i: i.row()) if i.isValid()]
        data = QMimeData()
        data.setData(SHOT_IDS_MIME, QByteArray(json.dumps(ids).encode("utf-8")))
        return data

    def canDropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        if data.hasFormat(SHOT_IDS_MIME):
            return True
        # Any local file is taken, so one that cannot be used gets a message instead of a silent no-entry cursor.
        return bool(_local_paths(data))

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        if action == Qt.DropAction.IgnoreAction:
            return True
        if row < 0 and parent.isValid():
            row = parent.row()
        if data.hasFormat(SHOT_IDS_MIME):
            try:
                ids = json.loads(bytes(data.data(SHOT_IDS_MIME).data()).decode("utf-8"))
            except ValueError:
                return False
            ids = [i for i in ids if isinstance(i, str) and self._rows.find(self._ids, i) is not None]
            if not ids:
                return False
            self.shotsDropped.emit(ids, row)
            # Reordering is done by the window's undo command; report "copy" semantics so the view
            # never removes the dragged rows itself.
            return True
        paths = _local_paths(data)
        projects = [p for p in paths if p.suffix.lower() == PROJECT_SUFFIX]
        if projects:
            self.projectDropped.emit(str(projects[0]))
            return True
        videos = [str(p) for p in paths if is_video_file(p)]
        if videos:
            self.videosDropped.emit(videos, row)
        refused = [str(p) for p in paths if not is_video_file(p)]
        if refused:
            self.filesRefused.emit(refused)
        return bool(videos)


def refusal_message(paths: list[str]) -> str:
    """Why dropped files were not added, and what the timeline takes instead."""
    names = ", ".join(Path(p).name for p in paths[:5])
    if len(paths) > 5:
        names = QCoreApplication.translate("TimelineModel", "{0} and {1} more").format(names, len(paths) - 5)
    images = all(Path(p).suffix.lower() in IMAGE_SUFFIXES for p in paths)
    if images:
        what = QCoreApplication.translate("TimelineModel", "Still images cannot become shots")
    else:
        what = QCoreApplication.translate("TimelineModel", "These files are not videos")
    return QCoreApplication.translate(
        "TimelineModel", "{0}: {1}.\nDrop video files ({2}) to add them as shots, or a {3} file to open it."
    ).format(what, names, ", ".join(sorted(VIDEO_SUFFIXES)), PROJECT_SUFFIX)


def _local_paths(data: QMimeData) -> list[Path]:
    return [Path(url.toLocalFile()) for url in data.urls() if url.isLocalFile()]
