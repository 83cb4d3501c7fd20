"""ProposalModel: a storyboard proposal as an editable table, one checkable row per proposed shot."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt

from app.film.shot_timing import MAX_FRAMES, seconds_to_frames
from app.project.cast_member import CastMember
from app.project.cast_mentions import mentioned_members
from app.storyboard.proposal import MAX_SECONDS, Proposal
from ui.i18n.translation import QT_TRANSLATE_NOOP

Index = QModelIndex | QPersistentModelIndex
NO_PARENT = QModelIndex()
TITLE, PROMPT, DURATION, CAMERA, CAST, CAPTION = range(6)
HEADERS = (
    QT_TRANSLATE_NOOP("ProposalModel", "Title"),
    QT_TRANSLATE_NOOP("ProposalModel", "Prompt"),
    QT_TRANSLATE_NOOP("ProposalModel", "Duration"),
    QT_TRANSLATE_NOOP("ProposalModel", "Camera"),
    QT_TRANSLATE_NOOP("ProposalModel", "Cast"),
    QT_TRANSLATE_NOOP("ProposalModel", "Caption"),
)
EDITABLE = {TITLE, PROMPT, DURATION, CAMERA, CAPTION}  # the cast follows the prompt's @Names


class ProposalModel(QAbstractTableModel):
    """Rows are the proposal's shots; edits change the proposal itself, the checkbox picks rows."""

    def __init__(self, proposal: Proposal, fps: int, cast: list[CastMember], parent: Any = None) -> None:
        super().__init__(parent)
        self.proposal, self.fps, self.cast = proposal, max(1, fps), cast
        self.checked = [True] * len(proposal.shots)

    def rowCount(self, parent: Index = NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self.proposal.shots)

    def columnCount(self, parent: Index = NO_PARENT) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(HEADERS):
            return QCoreApplication.translate("ProposalModel", HEADERS[section])
        return str(section + 1) if orientation == Qt.Orientation.Vertical else None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() in EDITABLE:
            flags |= Qt.ItemFlag.ItemIsEditable
        if index.column() == TITLE:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        shot, column = self.proposal.shots[index.row()], index.column()
        if role == Qt.ItemDataRole.CheckStateRole and column == TITLE:
            return Qt.CheckState.Checked if self.checked[index.row()] else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.EditRole:
            return (shot.title, shot.prompt, shot.seconds, shot.camera, ", ".join(shot.cast), shot.caption)[
                column
            ]
        if role == Qt.ItemDataRole.DisplayRole:
            if column == DURATION:
                return QCoreApplication.translate("ProposalModel", "{0:g} s ({1} frames)").format(
                    shot.seconds, shot.frames
                )
            if column == CAST:
                names = ", ".join("@" + name for name in shot.cast)
                if shot.unknown_cast:
                    missing = QCoreApplication.translate("ProposalModel", "not in the cast: {0}")
                    names = "; ".join(filter(None, [names, missing.format(", ".join(shot.unknown_cast))]))
                return names
            return (shot.title, shot.prompt, None, shot.camera, None, shot.caption)[column]
        if role == Qt.ItemDataRole.ToolTipRole and column in (PROMPT, CAPTION):
            return shot.prompt if column == PROMPT else shot.caption
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid():
            return False
        row, column = index.row(), index.column()
        shot = self.proposal.shots[row]
        if role == Qt.ItemDataRole.CheckStateRole and column == TITLE:
            self.checked[row] = Qt.CheckState(value) == Qt.CheckState.Checked
        elif role != Qt.ItemDataRole.EditRole or column not in EDITABLE:
            return False
        elif column == DURATION:
            try:
                seconds = float(value)
            except (TypeError, ValueError):
                return False
            if not 0 < seconds <= MAX_SECONDS:
                return False
            shot.seconds = seconds
            shot.frames = seconds_to_frames(min(seconds, MAX_FRAMES / self.fps), self.fps)
        elif column == PROMPT:
            text = str(value).strip()
            if not text:
                return False  # a shot without a prompt is no proposal
            shot.prompt = text
            shot.cast = [m.name for m in mentioned_members(text, self.cast)]
            self.dataChanged.emit(self.index(row, CAST), self.index(row, CAST))
        else:
            setattr(shot, ("title", "", "", "camera", "", "caption")[column], str(value).strip())
        self.dataChanged.emit(index, index)
        return True

    def chosen_rows(self) -> list[int]:
        """The checked rows, in order."""
        return [row for row, on in enumerate(self.checked) if on]
