"""PresetsPanel: the preset library with previews of the current shot through each look, and actions."""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QIcon, QImage, QPixmap, QShowEvent, QUndoStack
from PySide6.QtWidgets import (
    QFileDialog,
    QGridLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.presets.preset import PresetError
from app.project.project import Project
from ui.presets.look_icons import LookIcons, Source
from ui.presets.preset_commands import ApplyPresetCommand
from ui.widgets.bundled_texts import shown_text

if TYPE_CHECKING:
    from app.presets.library import LibraryEntry

THUMB = QSize(192, 108)
# The icons are graded this long after the last change of frame: arrowing along the timeline asks for a
# grade per shot, and each grade on the pool (5-10 ms of numpy per library) held the GIL from the clicks.
GRADE_SETTLE_MS = 150
NAME_ROLE = Qt.ItemDataRole.UserRole


def colour_card(width: int = THUMB.width(), height: int = THUMB.height()) -> np.ndarray:
    """A stand-in frame when the shot has no take yet: a hue sweep over a grey ramp."""
    return _colour_card(width, height).copy()  # drawn once (about 10 ms), not on every click


@functools.lru_cache(maxsize=4)
def _colour_card(width: int, height: int) -> np.ndarray:
    x = np.linspace(0, 1, width)[None, :, None]
    y = np.linspace(0, 1, height)[:, None, None]
    hue = np.concatenate([np.clip(np.abs((x * 6 - k) % 6 - 3) - 1, 0, 1) for k in (0, 4, 2)], axis=2)
    frame = np.where(y < 0.7, hue * (1 - y * 0.8) + y * 0.4, x)
    return np.ascontiguousarray(np.clip(frame * 255, 0, 255), dtype=np.uint8)


def image_to_array(image: QImage) -> np.ndarray:
    """An RGB uint8 (H, W, 3) copy of a QImage."""
    image = image.convertToFormat(QImage.Format.Format_RGB888)
    rows = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), image.bytesPerLine())
    return rows[:, : image.width() * 3].reshape(image.height(), image.width(), 3).copy()


def thumbnail_frame(thumbnail: QImage) -> np.ndarray:
    """A take's thumbnail as the RGB frame its looks are previewed on (runs on any thread)."""
    return image_to_array(
        thumbnail.scaled(
            THUMB, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
        )
    )


def array_to_pixmap(frame: np.ndarray) -> QPixmap:
    h, w = frame.shape[:2]
    return QPixmap.fromImage(QImage(frame.tobytes(), w, h, 3 * w, QImage.Format.Format_RGB888).copy())


class PresetsPanel(QWidget):
    """Library presets as thumbnails of the current frame through each; apply, edit, share."""

    def __init__(
        self,
        project: Project,
        undo_stack: QUndoStack,
        selected_ids: Callable[[], list[str]],
        dialogs=None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.project, self.undo_stack, self.selected_ids, self.dialogs = (
            project,
            undo_stack,
            selected_ids,
            dialogs,
        )
        self._frame: np.ndarray | None = colour_card()
        self._thumbnail: QImage | None = None  # a shot's take thumbnail, made the frame on the worker
        # The library as last read, with each preset's tip: a click redraws from these, never the disk.
        self._entries: list[tuple[LibraryEntry, str]] = []
        self._graded: dict[str, QIcon] = {}  # each preset's last graded icon, kept across redraws
        self._stale = False  # the icons show an older frame (set while hidden)
        self.icons = LookIcons(self)
        self.icons.ready.connect(self._show_icons)
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(GRADE_SETTLE_MS)
        self._settle.timeout.connect(self._request_icons)
        self.list = QListWidget()
        self.list.setObjectName("PresetList")
        self.list.setViewMode(QListWidget.ViewMode.IconMode)
        self.list.setIconSize(THUMB)
        self.list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.list.setMovement(QListWidget.Movement.Static)
        self.list.setWordWrap(True)
        self.list.itemSelectionChanged.connect(self._update_buttons)
        self.list.itemDoubleClicked.connect(lambda item: self.apply_to_project())
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.buttons: dict[str, QPushButton] = {}
        grid = QGridLayout()
        for index, (key, text, slot, tip) in enumerate(
            [
                (
                    "project",
                    self.tr("Apply to Project"),
                    self.apply_to_project,
                    self.tr("Use for every shot without its own preset"),
                ),
                (
                    "shots",
                    self.tr("Apply to Selected Shots"),
                    self.apply_to_shots,
                    self.tr("Override the project's preset for these shots"),
                ),
                (
                    "clear",
                    self.tr("Clear Shot Override"),
                    self.clear_shots,
                    self.tr("Selected shots follow the project's preset again"),
                ),
                (
                    "none",
                    self.tr("No Project Preset"),
                    self.clear_project,
                    self.tr("Shots without their own preset use none"),
                ),
                ("new", self.tr("New…"), self.new_preset, self.tr("Create a preset")),
                (
                    "duplicate",
                    self.tr("Duplicate"),
                    self.duplicate,
                    self.tr("Copy the selected preset (bundled ones too)"),
                ),
                (
                    "edit",
                    self.tr("Edit…"),
                    self.edit,
                    self.tr("Change the selected preset (bundled ones are read-only)"),
                ),
                (
                    "delete",
                    self.tr("Delete"),
                    self.delete,
                    self.tr("Delete the selected preset from your library"),
                ),
                (
                    "import",
                    self.tr("Import…"),
                    self.import_file,
                    self.tr("Add a .reelstyle file to your library"),
                ),
                (
                    "export",
                    self.tr("Export…"),
                    self.export_file,
                    self.tr("Save the selected preset as one .reelstyle file"),
                ),
            ]
        ):
            button = QPushButton(text)
            button.setToolTip(tip)
            button.clicked.connect(lambda checked=False, s=slot: s())
            self.buttons[key] = button
            grid.addWidget(button, index // 2, index % 2)
        column = QVBoxLayout(self)
        column.addWidget(self.list, 1)
        column.addWidget(self.status)
        column.addLayout(grid)
        project.subscribe(self._on_event)
        self.reload()

    # -- showing ------------------------------------------------------------------------
    def set_project(self, project: Project) -> None:
        """Follow another project."""
        self.project.unsubscribe(self._on_event)
        self.project = project
        project.subscribe(self._on_event)
        self.set_frame(None)

    @property
    def frame(self) -> np.ndarray:
        """The RGB frame the looks are previewed on."""
        if self._frame is None:  # a shot's thumbnail, wanted here before its grade made it
            assert self._thumbnail is not None
            self._frame = thumbnail_frame(self._thumbnail)
        return self._frame

    def set_frame(self, frame: np.ndarray | None) -> None:
        """Preview the looks on this RGB frame (None: the built-in test card)."""
        self._frame, self._thumbnail = (colour_card() if frame is None else frame), None
        self._grade_when_shown()

    def _grade_when_shown(self) -> None:
        # Hidden (a tab behind another dock), the icons wait until shown; shown, they are graded on a
        # pool thread: a click on a shot grades nothing on the GUI thread.
        self._stale = not self.isVisible()
        self.icons.cancel()  # an older frame's grade still running is shown by nobody
        if self._stale:
            self._settle.stop()
        else:
            self._settle.start()

    def _request_icons(self) -> None:
        sources: list[Source | None] = [
            (entry.preset, entry.folder) if entry.preset is not None else None
            for entry, _tip in self._entries
        ]
        if self._frame is None:
            thumbnail = self._thumbnail
            assert thumbnail is not None
            self.icons.request(lambda: thumbnail_frame(thumbnail), sources)
        else:
            frame = self._frame
            self.icons.request(lambda: frame, sources)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self._stale = False
            self._settle.start()

    def shutdown(self) -> None:
        """The window closes: no grade is asked for any more, a running one answers nobody."""
        self._settle.stop()
        self.icons.shutdown()

    def _show_icons(self, graded: list) -> None:
        for row, (frame, error) in enumerate(graded[: self.list.count()]):
            item = self.list.item(row)
            icon = QIcon(array_to_pixmap(frame))
            item.setIcon(icon)
            self._graded[item.data(NAME_ROLE)] = icon
            if error is not None:
                item.setToolTip(error)

    def set_shot(self, shot_id: str | None, thumbnail: QPixmap | None = None) -> None:
        """Preview on the shot's take thumbnail (when there is one)."""
        if thumbnail is None or thumbnail.isNull():
            self.set_frame(None)
            return
        # Scaled and made an array on the worker that grades it: a click did both here (0.3-0.4 ms).
        self._frame, self._thumbnail = None, thumbnail.toImage()
        self._grade_when_shown()

    def reload(self) -> None:
        """Read the library again, then redraw the list; the looks are loaded and graded on a worker."""
        from app.presets.library import list_presets

        self._entries = [
            (entry, entry.error or (shown_text(entry.preset.description) if entry.preset else ""))
            for entry in list_presets()
        ]
        self.icons.forget_looks()
        self._redraw()

    def _redraw(self) -> None:
        """List the library as last read (a click reads no file); the graded icons follow from the worker."""
        current = self.current_name()
        self.icons.cancel()
        self.list.clear()
        plain = QIcon(array_to_pixmap(self.frame))
        for entry, tip in self._entries:
            item = QListWidgetItem(
                shown_text(entry.name) + ("  " + self.tr("(bundled)") if entry.read_only else "")
            )
            item.setData(NAME_ROLE, entry.name)
            item.setData(Qt.ItemDataRole.UserRole + 1, entry.read_only)
            # Until the worker answers: the icon this preset last had, so a redraw does not flash.
            item.setIcon(self._graded.get(entry.name, plain))
            item.setToolTip(tip)
            self.list.addItem(item)
            if entry.name == current:
                item.setSelected(True)
        self._update_status()
        self._update_buttons()
        self._grade_when_shown()

    def current_name(self) -> str | None:
        item = self.list.currentItem() if self.list.selectedItems() else None
        return item.data(NAME_ROLE) if item else None

    def select(self, name: str) -> None:
        for row in range(self.list.count()):
            if self.list.item(row).data(NAME_ROLE) == name:
                self.list.setCurrentRow(row)

    def _read_only(self) -> bool:
        item = self.list.currentItem()
        return bool(item and item.data(Qt.ItemDataRole.UserRole + 1))

    def _update_status(self) -> None:
        overrides = sum(1 for s in self.project.shots if s.preset)
        default = shown_text(self.project.settings.preset or "") or self.tr("none")
        self.status.setText(self.tr("Project preset: {0} · {1} shot override(s)").format(default, overrides))

    def _update_buttons(self) -> None:
        chosen, shots = self.current_name() is not None, bool(self.selected_ids())
        for key in ("project", "duplicate", "export"):
            self.buttons[key].setEnabled(chosen)
        self.buttons["shots"].setEnabled(chosen and shots)
        self.buttons["clear"].setEnabled(shots)
        self.buttons["none"].setEnabled(self.project.settings.preset is not None)
        for key in ("edit", "delete"):
            self.buttons[key].setEnabled(chosen and not self._read_only())

    def _on_event(self, event: str, details: dict) -> None:
        if event in ("settings_changed", "shot_changed", "presets_changed"):
            self._update_status()
            self._update_buttons()

    def _notice(self, message: str) -> None:
        if self.dialogs is not None:
            self.dialogs.info(self.tr("Presets"), message)
        else:
            QMessageBox.information(self, self.tr("Presets"), message)

    def _error(self, message: str) -> None:
        if self.dialogs is not None:
            self.dialogs.error(self.tr("Presets"), message)
        else:
            QMessageBox.warning(self, self.tr("Presets"), message)

    # -- applying -----------------------------------------------------------------------
    def _apply(self, shot_ids: list[str] | None) -> None:
        from app.presets.embedded import embed_from_library
        from app.presets.preset_cast import library_preset_cast

        name = self.current_name()
        if name is None:
            return
        try:
            doc = embed_from_library(self.project, name)
            cast = library_preset_cast(self.project, name)
        except PresetError as exc:
            self._error(str(exc))
            return
        self.undo_stack.push(ApplyPresetCommand(self.project, name, doc, shot_ids, cast=cast.members))
        if cast.kept:
            self._notice(
                self.tr(
                    "The film already has cast members named {0}; it keeps its own, not the preset's."
                ).format(", ".join(cast.kept))
            )

    def apply_to_project(self) -> None:
        self._apply(None)

    def apply_to_shots(self) -> None:
        if self.selected_ids():
            self._apply(self.selected_ids())

    def clear_shots(self) -> None:
        ids = [sid for sid in self.selected_ids() if self.project.shot(sid).preset]
        if ids:
            self.undo_stack.push(ApplyPresetCommand(self.project, None, shot_ids=ids))

    def clear_project(self) -> None:
        if self.project.settings.preset is not None:
            self.undo_stack.push(ApplyPresetCommand(self.project, None))

    # -- the library --------------------------------------------------------------------
    def new_preset(self) -> None:
        self._edit_dialog(None)

    def edit(self) -> None:
        from app.presets.library import find_preset

        name = self.current_name()
        if name is not None and not self._read_only():
            self._edit_dialog(find_preset(name))

    def _edit_dialog(self, entry) -> None:
        from app.presets.library import save_preset
        from ui.presets.preset_dialog import PresetDialog

        dialog = PresetDialog(entry.preset if entry else None, entry.folder if entry else None, self)
        while dialog.exec():
            preset, sources = dialog.result_preset()
            try:
                save_preset(preset, sources, replace=entry.name if entry else None)
            except (PresetError, OSError) as exc:
                dialog.error.setText(str(exc))
                continue
            self.reload()
            self.select(preset.name)
            return

    def duplicate(self) -> None:
        from app.presets.library import duplicate_preset

        name = self.current_name()
        if name is None:
            return
        try:
            copy = duplicate_preset(name)
        except PresetError as exc:
            self._error(str(exc))
            return
        self.reload()
        self.select(copy.name)

    def delete(self) -> None:
        from app.presets.library import delete_preset

        name = self.current_name()
        if name is None or self._read_only():
            return
        try:
            delete_preset(name)  # projects keep their embedded copies
        except PresetError as exc:
            self._error(str(exc))
        self.reload()

    def import_file(self, path: Path | None = None) -> None:
        from app.presets.archive import import_preset

        if path is None:
            name, _ = QFileDialog.getOpenFileName(
                self, self.tr("Import Preset"), str(Path.home()), self.tr("Storyreel presets (*.reelstyle)")
            )
            path = Path(name) if name else None
        if path is None:
            return
        try:
            preset = import_preset(path)
        except PresetError as exc:
            self._error(str(exc))
            return
        self.reload()
        self.select(preset.name)

    def export_file(self, path: Path | None = None) -> None:
        from app.presets.archive import STYLE_SUFFIX, export_preset

        name = self.current_name()
        if name is None:
            return
        if path is None:
            chosen, _ = QFileDialog.getSaveFileName(
                self,
                self.tr("Export Preset"),
                str(Path.home() / f"{name}{STYLE_SUFFIX}"),
                self.tr("Storyreel presets (*.reelstyle)"),
            )
            path = Path(chosen) if chosen else None
        if path is None:
            return
        try:
            export_preset(name, path)
        except PresetError as exc:
            self._error(str(exc))
