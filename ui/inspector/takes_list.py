"""The takes of one shot: a list model with thumbnails, and a panel to choose, remove and trim them."""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSize,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont, QIcon
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from app.project.project import Project
from app.project.shot import Shot, Take
from app.settings.review_settings import DEFAULT_WEIGHTS
from ui.widgets.settings_form import set_range
from ui.widgets.take_scores import COLUMN_NAMES, cell_text, cell_tip, cell_value, is_flagged, score_title
from ui.widgets.thumbnails import ThumbnailCache

TakeIdRole = Qt.ItemDataRole.UserRole + 1
SortRole = Qt.ItemDataRole.UserRole + 2  # the number a column sorts by (its order for the take column)
Index = QModelIndex | QPersistentModelIndex
SIZES_KEPT = 512  # cells' sizes by what sizes them: many more texts than a list of takes shows


def take_summary(take: Take) -> str:
    """One line: seed, size, frames, steps, guidance (or 'imported')."""
    size = f"{take.width}×{take.height}" if take.width else "?"
    if take.imported:
        return QCoreApplication.translate("Takes", "imported · {0} · {1} f @ {2} fps").format(
            size, take.frames, take.fps
        )
    guidance = f"{take.guidance_scale:g}" + (
        f"/{take.guidance_scale_2:g}" if take.guidance_scale_2 is not None else ""
    )
    return QCoreApplication.translate("Takes", "seed {0} · {1} · {2} f · {3} steps · cfg {4}").format(
        take.seed, size, take.frames, take.steps, guidance
    )


def _local_time(stamp: str) -> str:
    """An ISO time as '2026-12-01 13:04' in local time; the text as it is if it is not one."""
    import datetime

    try:
        return datetime.datetime.fromisoformat(stamp).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return stamp


def take_details(take: Take) -> str:
    """Every setting of a take, for its tooltip."""
    lines = [take_summary(take), QCoreApplication.translate("Takes", "file: {0}").format(take.path)]
    if take.prompt:
        lines.append(QCoreApplication.translate("Takes", "prompt: {0}").format(take.prompt))
    if take.negative_prompt:
        lines.append(QCoreApplication.translate("Takes", "negative: {0}").format(take.negative_prompt))
    if take.model:
        model = take.model + (f" @ {take.model_revision}" if take.model_revision else "")
        lines.append(QCoreApplication.translate("Takes", "model: {0}").format(model))
    if (take.backend or take.device) and not take.imported:  # an import's summary says so
        where = f"{take.backend} {take.device} {take.dtype}".rstrip()
        lines.append(QCoreApplication.translate("Takes", "backend: {0}").format(where))
    if take.seconds:
        lines.append(QCoreApplication.translate("Takes", "took {0:.1f} s").format(take.seconds))
    if take.created:
        lines.append(QCoreApplication.translate("Takes", "created {0}").format(_local_time(take.created)))
    return "\n".join(lines)


class TakesModel(QAbstractTableModel):
    """The takes of one shot, with their scores in columns; the active take is shown in bold with a check."""

    def __init__(self, thumbnails: ThumbnailCache, parent=None) -> None:
        super().__init__(parent)
        self.thumbnails = thumbnails
        self.project: Project | None = None
        self.shot_id: str | None = None
        self._takes: list[Take] = []
        self._active: str | None = None
        self.weights = dict(DEFAULT_WEIGHTS)  # the combined score's (Preferences > Review)
        thumbnails.updated.connect(self._on_thumbnail)

    def set_shot(self, project: Project | None, shot: Shot | None) -> None:
        """Show the takes of this shot (a snapshot, re-read on every change of the shot)."""
        takes = list(shot.takes) if shot else []
        same_rows = bool(takes) and len(takes) == len(self._takes)
        if not same_rows:
            self.beginResetModel()
        self.project = project
        self.shot_id = shot.id if shot else None
        self._takes = takes
        self._active = shot.active_take if shot else None
        if same_rows:
            # As many rows as shown: their texts change in place. A reset made the view lay out its rows
            # again and re-select, most of the inspector's part of a click.
            self.dataChanged.emit(self.index(0, 0), self.index(len(takes) - 1, self.columnCount() - 1))
        else:
            self.endResetModel()

    def set_weights(self, weights: dict[str, float]) -> None:
        """The combined score's weights changed: its column is shown again."""
        self.weights = dict(weights)
        if self._takes:
            self.dataChanged.emit(self.index(0, 1), self.index(len(self._takes) - 1, 1))

    def take_id(self, row: int) -> str:
        return self._takes[row].id

    @property
    def takes(self) -> list[Take]:
        """The shown shot's takes, in the order they were made."""
        return self._takes

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._takes)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 1 + len(COLUMN_NAMES)  # asked for by every index()

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return self.tr("Take") if section == 0 else score_title(COLUMN_NAMES[section - 1])

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or index.row() >= len(self._takes):
            return None
        take = self._takes[index.row()]
        if role == TakeIdRole:
            return take.id
        if index.column() > 0:
            return self._score_data(take, index.column() - 1, role)
        active = take.id == self._active
        if role == SortRole:
            return float(index.row())
        if role == Qt.ItemDataRole.DisplayRole:
            name = self.tr("Take {0}").format(index.row() + 1)
            return f"{'✓ ' if active else ''}{name}\n{take_summary(take)}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return take_details(take)
        if role == Qt.ItemDataRole.FontRole and active:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.DecorationRole and self.project is not None:
            pixmap = self.thumbnails.get(self.project, take)
            return QIcon(pixmap) if pixmap is not None else None
        return None

    def _score_data(self, take: Take, column: int, role: int) -> object:
        if role == Qt.ItemDataRole.DisplayRole:
            return cell_text(take, column, self.weights)
        if role == SortRole:
            return cell_value(take, column, self.weights)
        if role == Qt.ItemDataRole.ToolTipRole:
            return cell_tip(take, column, self.weights)
        if role == Qt.ItemDataRole.ForegroundRole and is_flagged(take):
            return QBrush(QColor("#d03030"))
        return None

    def _on_thumbnail(self, take_id: str) -> None:
        for row, take in enumerate(self._takes):
            if take.id == take_id:
                index = self.index(row, 0)
                self.dataChanged.emit(index, index, [Qt.ItemDataRole.DecorationRole])


class MeasuredCellDelegate(QStyledItemDelegate):
    """Cells whose size is measured once per text, font, width and whether a thumbnail shows (no cell has a
    font of its own, and every thumbnail is drawn at the view's icon size)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._sizes: dict[tuple[str, str, int, bool], QSize] = {}

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        # A selection's dataChanged makes the tree measure its first row across every column; each cell
        # measured asked the model through the proxy for every role and laid its text out (the take's
        # summary word-wrapped beside its thumbnail: most of the inspector's part of a click).
        key = (
            str(index.data(Qt.ItemDataRole.DisplayRole) or ""),
            option.font.key(),
            option.rect.width(),
            index.data(Qt.ItemDataRole.DecorationRole) is not None,
        )
        size = self._sizes.get(key)
        if size is None:
            if len(self._sizes) >= SIZES_KEPT:
                self._sizes.clear()
            size = self._sizes[key] = super().sizeHint(option, index)
        return QSize(size)


class TakesPanel(QWidget):
    """Lists a shot's takes; asks (by signals) to choose or remove one, or to change the trims."""

    chooseRequested = Signal(str)  # take id
    removeRequested = Signal(str)  # take id
    trimEdited = Signal(str, object)  # "trim_in" / "trim_out", value (None: to the end)

    def __init__(self, thumbnails: ThumbnailCache, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = TakesModel(thumbnails, self)
        # Sorting happens in a proxy: the model's rows stay the shot's takes in the order they were made.
        self.sorted = QSortFilterProxyModel(self)
        self.sorted.setSourceModel(self.model)
        self.sorted.setSortRole(SortRole)
        self.view = QTreeView()
        self.view.setModel(self.sorted)
        self.view.setRootIsDecorated(False)
        self.view.setUniformRowHeights(True)  # cheap with many takes
        self.view.setItemDelegate(MeasuredCellDelegate(self.view))
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        header = self.view.header()
        # The take's column keeps a set width (its summary is elided; the tooltip has it all), so the
        # score columns stay in sight in a narrow inspector. The score columns are fitted to their
        # texts here (_fit_columns), not by ResizeToContents: that asked the model through the proxy
        # about 400 times on every selection of a shot, most of a click's time.
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.resizeSection(0, 200)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.view.setIconSize(QSize(96, 54))
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setMinimumHeight(120)
        self.view.setWordWrap(True)
        self.view.setToolTip(self.tr("Double-click a take to use it in the film"))
        self.view.doubleClicked.connect(lambda index: self.chooseRequested.emit(index.data(TakeIdRole)))
        self.use_button = QPushButton(self.tr("Use Take"))
        self.use_button.setToolTip(self.tr("Use the selected take in the film"))
        self.use_button.clicked.connect(self._choose)
        self.remove_button = QPushButton(self.tr("Remove Take"))
        self.remove_button.setToolTip(
            self.tr("Remove the selected take from the shot (undoable; the file stays)")
        )
        self.remove_button.clicked.connect(self._remove)
        self.trim_in = QSpinBox()
        self.trim_in.setToolTip(self.tr("First frame of the active take shown in the film"))
        self.trim_out = QSpinBox()
        self.trim_out.setToolTip(self.tr("Frame after the last one shown (the take's length: to the end)"))
        for spin, name in ((self.trim_in, "trim_in"), (self.trim_out, "trim_out")):
            spin.setKeyboardTracking(False)
            spin.valueChanged.connect(lambda value, name=name: self._trim(name, value))
        buttons = QHBoxLayout()
        buttons.addWidget(self.use_button)
        buttons.addWidget(self.remove_button)
        trims = QHBoxLayout()
        trims.addWidget(QLabel(self.tr("Trim in")))
        trims.addWidget(self.trim_in)
        trims.addWidget(QLabel(self.tr("out")))
        trims.addWidget(self.trim_out)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        layout.addLayout(buttons)
        layout.addLayout(trims)
        self._frames = 0
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)
        self.model.modelReset.connect(self._fit_columns)
        self.model.dataChanged.connect(self._fit_columns)
        self.set_shot(None, None)

    def _fit_columns(self, *args: object) -> None:
        """Each score column as wide as its title or its widest text, whichever is wider."""
        roles = args[2] if len(args) == 3 else None
        if isinstance(roles, list | tuple) and [int(r) for r in roles] == [
            int(Qt.ItemDataRole.DecorationRole)
        ]:
            return  # a thumbnail arrived: no text changed
        header = self.view.header()
        cells, titles = self.view.fontMetrics(), header.fontMetrics()
        # Room for the cell's margins and the sort arrow, as Qt's own header sizing leaves.
        margin = 2 * self.view.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin) + 16
        takes, weights = self.model.takes, self.model.weights
        for column in range(1, self.model.columnCount()):
            texts = [cell_text(take, column - 1, weights) for take in takes]
            width = max(
                [titles.horizontalAdvance(score_title(COLUMN_NAMES[column - 1]))]
                + [cells.horizontalAdvance(text) for text in texts]
            )
            if header.sectionSize(column) != width + margin:
                header.resizeSection(column, width + margin)

    def set_shot(self, project: Project | None, shot: Shot | None) -> None:
        """Show a shot's takes and the active take's trims."""
        selected = self.selected_take_id()
        self.model.set_shot(project, shot)
        active = shot.active if shot else None
        self._frames = active.frames if active else 0
        for spin in (self.trim_in, self.trim_out):
            spin.blockSignals(True)
            spin.setEnabled(active is not None and self._frames > 0)
            set_range(spin, 0, max(self._frames, 0))
        if active is not None and shot is not None:
            self.trim_in.setValue(shot.trim_in)
            self.trim_out.setValue(shot.trim_out if shot.trim_out is not None else self._frames)
        for spin in (self.trim_in, self.trim_out):
            spin.blockSignals(False)
        keep = selected if shot and shot.take(selected) else (shot.active_take if shot else None)
        rows = [row for row in range(self.model.rowCount()) if self.model.take_id(row) == keep]
        current = self.sorted.mapFromSource(self.model.index(rows[0], 0)) if rows else None
        if current is None:
            self.view.selectionModel().clear()  # rows kept from the shot before keep no selection of it
        elif current != self.view.currentIndex() or not self.view.selectionModel().isSelected(current):
            self.view.setCurrentIndex(current)
        self._update_buttons()

    def selected_take_id(self) -> str | None:
        index = self.view.currentIndex()
        return index.data(TakeIdRole) if index.isValid() else None

    def _update_buttons(self, *args: object) -> None:
        has = self.selected_take_id() is not None
        self.use_button.setEnabled(has)
        self.remove_button.setEnabled(has)

    def _choose(self) -> None:
        take_id = self.selected_take_id()
        if take_id:
            self.chooseRequested.emit(take_id)

    def _remove(self) -> None:
        take_id = self.selected_take_id()
        if take_id:
            self.removeRequested.emit(take_id)

    def _trim(self, name: str, value: int) -> None:
        if name == "trim_out":
            value = max(value, self.trim_in.value() + 1)
            self.trimEdited.emit(name, None if value >= self._frames else value)
        else:
            self.trimEdited.emit(name, min(value, self.trim_out.value() - 1))
