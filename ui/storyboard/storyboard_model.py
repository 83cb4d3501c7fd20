"""StoryboardModel: the film's shots as a list for the grid, each with its keyframe sketch, title, prompt
and cast. Cheap at thousands of shots: sketches are listed only for rows that are painted."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from app.project.cast_mentions import mentioned_members
from app.project.project import Project
from app.project.shot_inputs import ShotImage
from app.storyboard.keyframes import Sketch, kept_sketch_missing, shot_sketches
from ui.widgets.labels import shot_title
from ui.widgets.thumbnails import STILL_PREFIX, ThumbnailCache

Index = QModelIndex | QPersistentModelIndex
NO_PARENT = QModelIndex()
SHOT_ID_ROLE = Qt.ItemDataRole.UserRole + 1
PROMPT_ROLE = Qt.ItemDataRole.UserRole + 2
CAST_ROLE = Qt.ItemDataRole.UserRole + 3  # "@Mia @Leo"
STILL_ROLE = Qt.ItemDataRole.UserRole + 4  # the sketch's QPixmap, None until one is made and read
SKETCH_ROLE = Qt.ItemDataRole.UserRole + 5  # the sketch shown: media-relative path, "" when none
KEPT_ROLE = Qt.ItemDataRole.UserRole + 6  # whether the sketch shown is the one kept
KEPT_MISSING_ROLE = Qt.ItemDataRole.UserRole + 7  # whether the kept sketch's file is gone
SKETCH_KEY = "sketch:"  # thumbnail keys of sketches (shot images use their sha256)


def sketch_image(path: str) -> ShotImage:
    """A sketch as the thumbnail cache reads stills, keyed by its path (sketches are never rewritten)."""
    return ShotImage(path=path, sha256=SKETCH_KEY + path)


class StoryboardModel(QAbstractListModel):
    """One row per shot, in film order; follows the project's events."""

    def __init__(self, project: Project, thumbnails: ThumbnailCache, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.project, self.thumbnails = project, thumbnails
        self._sketches: dict[str, list[str]] = {}  # shot id -> its sketches, listed when first shown
        self.shown: dict[str, str] = {}  # shot id -> the sketch shown (the kept one, else the newest)
        # The rows as the views know them: the project changes first and tells us after.
        self._ids = [shot.id for shot in project.shots]
        project.subscribe(self._on_event)
        thumbnails.stillUpdated.connect(self._on_thumbnail)  # sketches are stills

    def set_project(self, project: Project) -> None:
        """Show another film."""
        self.beginResetModel()
        self.project.unsubscribe(self._on_event)
        self.project = project
        self._sketches.clear()
        self.shown.clear()
        self._ids = [shot.id for shot in project.shots]
        project.subscribe(self._on_event)
        self.endResetModel()

    def rowCount(self, parent: Index = NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self._ids)

    def shot_id(self, row: int) -> str:
        return self._ids[row]

    def row_of(self, shot_id: str) -> int:
        try:
            return self._ids.index(shot_id)
        except ValueError:
            return -1

    def sketch(self, shot_id: str) -> str:
        """The sketch shown for a shot: the one made last here, else the kept one, else the newest ("" for none)."""
        shot = self.project.shot(shot_id)
        if shot_id not in self._sketches:
            self._sketches[shot_id] = shot_sketches(self.project, shot)
        listed = self._sketches[shot_id]
        kept = shot.kept_keyframe if shot.kept_keyframe in listed else None
        return self.shown.get(shot_id) or kept or (listed[-1] if listed else "")

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        shot = self.project.shot(self._ids[index.row()])
        if role == Qt.ItemDataRole.DisplayRole:
            return shot_title(shot, index.row())
        if role in (Qt.ItemDataRole.ToolTipRole, PROMPT_ROLE):
            return shot.prompt
        if role == SHOT_ID_ROLE:
            return shot.id
        if role == CAST_ROLE:
            return " ".join("@" + m.name for m in mentioned_members(shot.prompt, self.project.cast))
        if role == SKETCH_ROLE:
            return self.sketch(shot.id)
        if role == KEPT_ROLE:
            path = self.sketch(shot.id)
            return bool(path) and shot.kept_keyframe == path
        if role == KEPT_MISSING_ROLE:
            return kept_sketch_missing(self.project, shot)
        if role == STILL_ROLE:
            path = self.sketch(shot.id)
            return self.thumbnails.still(self.project, sketch_image(path)) if path else None
        return None

    def add_sketches(self, sketches: list[Sketch]) -> None:
        """New sketches arrived: each is listed and shown for its shot."""
        for sketch in sketches:
            listed = self._sketches.get(sketch.shot_id)
            if listed is None:
                listed = self._sketches[sketch.shot_id] = shot_sketches(
                    self.project, self.project.shot(sketch.shot_id)
                )
            if sketch.path not in listed:
                listed.append(sketch.path)
            self.shown[sketch.shot_id] = sketch.path
            self._changed(sketch.shot_id)

    def relist(self, shot_ids: list[str]) -> None:
        """List these shots' sketches again (a cancelled or failed run may have written some)."""
        for shot_id in shot_ids:
            if self._sketches.pop(shot_id, None) is not None:
                self._changed(shot_id)

    def _changed(self, shot_id: str) -> None:
        row = self.row_of(shot_id)
        if row >= 0:
            self.dataChanged.emit(self.index(row), self.index(row))

    def _on_thumbnail(self, key: str) -> None:
        prefix = STILL_PREFIX + SKETCH_KEY  # still_key(sketch_image(path)), path following
        if key.startswith(prefix):
            path = key[len(prefix) :]
            for shot_id in [s for s in self._sketches if self.sketch(s) == path]:
                self._changed(shot_id)

    def _on_event(self, event: str, details: dict[str, Any]) -> None:
        if event == "shot_added":
            row = int(details["index"])
            self.beginInsertRows(QModelIndex(), row, row)
            self._ids.insert(row, str(details["shot_id"]))
            self.endInsertRows()
        elif event == "shot_removed":
            row = self.row_of(str(details["shot_id"]))
            if row >= 0:
                self.beginRemoveRows(QModelIndex(), row, row)
                del self._ids[row]
                self.endRemoveRows()
        elif event == "shot_moved":
            self.beginResetModel()  # the project has already moved it: the rows are read again
            self._ids = [shot.id for shot in self.project.shots]
            self.endResetModel()
        elif event == "shot_changed":
            self._changed(str(details["shot_id"]))
        elif event in ("cast_changed", "settings_changed") and self._ids:
            self.dataChanged.emit(self.index(0), self.index(len(self._ids) - 1))
