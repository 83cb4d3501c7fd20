"""The inspector's images: start and end image, fit or fill, and "continue from the previous shot"."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QSize, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QPixmap, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.project.project import Project
from app.project.shot import Shot
from app.project.shot_inputs import ShotImage
from ui.editing.shot_image_commands import set_continue_command, set_fit_command
from ui.editing.shot_image_commands import set_end_image_command as end_command
from ui.editing.shot_image_commands import set_start_image_command as start_command
from ui.widgets.labels import shot_title
from ui.widgets.thumbnails import ThumbnailCache

START, END = "start", "end"
THUMB = QSize(112, 63)


def dropped_file(event: QDropEvent) -> Path | None:
    """The one local file a drag carries (None: no file, several, or not local)."""
    urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
    if len(urls) != 1 or not urls[0].isLocalFile():
        return None
    return Path(urls[0].toLocalFile())


class ImageSlot(QWidget):
    """A thumbnail that takes a dropped file, where the image came from, Choose… and Remove."""

    fileDropped = Signal(str)
    chooseClicked = Signal()
    removeClicked = Signal()

    def __init__(self, empty_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.empty_text = empty_text
        self.picture = QLabel()
        self.picture.setFixedSize(THUMB)
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.picture.setWordWrap(True)
        self.picture.setStyleSheet("QLabel { background: #27303f; color: #cbd5e1; border-radius: 4px; }")
        self.caption = QLabel()
        self.caption.setWordWrap(True)
        self.caption.setTextFormat(Qt.TextFormat.PlainText)  # a file's name is never markup
        self.choose = QPushButton(self.tr("Choose…"))
        self.remove = QPushButton(self.tr("Remove"))
        self.choose.clicked.connect(self.chooseClicked)
        self.remove.clicked.connect(self.removeClicked)
        buttons = QHBoxLayout()
        buttons.addWidget(self.choose)
        buttons.addWidget(self.remove)
        buttons.addStretch(1)
        column = QVBoxLayout()
        column.addWidget(self.caption)
        column.addLayout(buttons)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.picture)
        row.addLayout(column, 1)
        self.setAcceptDrops(True)

    def show_image(self, pixmap: QPixmap | None, caption: str, has_image: bool) -> None:
        if pixmap is not None:
            self.picture.setPixmap(
                pixmap.scaled(
                    THUMB, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
                )
            )
        else:
            self.picture.clear()
            self.picture.setText(self.tr("…") if has_image else self.empty_text)
        self.caption.setText(caption)
        self.remove.setEnabled(has_image)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if dropped_file(event) is not None:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        path = dropped_file(event)
        if path is not None:
            event.acceptProposedAction()
            self.fileDropped.emit(str(path))


class ShotImagesBox(QGroupBox):
    """Edits one shot's images through undo commands; files to import are handed on as signals."""

    fileChosen = Signal(str, str, str)  # shot id, "start" | "end", path of the file to import
    chooseRequested = Signal(str, str)  # shot id, "start" | "end": ask for a file, then import it

    def __init__(
        self, undo_stack: QUndoStack, thumbnails: ThumbnailCache, parent: QWidget | None = None
    ) -> None:
        super().__init__(self.tr("Start and end images"), parent)
        self.undo_stack, self.thumbnails = undo_stack, thumbnails
        self.project: Project | None = None
        self.shot_id: str | None = None
        self.continue_box = QCheckBox(self.tr("Continue from the previous shot"))
        self.continue_box.setToolTip(
            self.tr(
                "Start from the last frame of the previous shot's active take, taken when this shot is generated"
            )
        )
        self.start = ImageSlot(self.tr("Drop an image here"))
        self.start.setToolTip(self.tr("The shot's first frame: a PNG, JPEG or WebP image"))
        self.end = ImageSlot(self.tr("No end image"))
        self.end.setToolTip(self.tr("Optional: the shot's last frame, where the image model takes one"))
        self.fit = QComboBox()
        self.fit.addItem(self.tr("Fill: scale and crop to cover the shot"), "fill")
        self.fit.addItem(self.tr("Fit: scale to fit, pad the rest"), "fit")
        self.fit.setToolTip(self.tr("How an image of another shape is made the shot's size"))
        form = QFormLayout(self)
        form.addRow(self.continue_box)
        form.addRow(self.tr("Start"), self.start)
        form.addRow(self.tr("End"), self.end)
        form.addRow(self.tr("Framing"), self.fit)
        self.continue_box.toggled.connect(self._continue_toggled)
        self.fit.activated.connect(lambda i: self._fit_chosen(self.fit.itemData(i)))
        for which, slot in ((START, self.start), (END, self.end)):
            slot.fileDropped.connect(lambda path, w=which: self._file(w, path))
            slot.chooseClicked.connect(
                lambda w=which: self.shot_id and self.chooseRequested.emit(self.shot_id, w)
            )
        self.start.removeClicked.connect(lambda: self._remove(start_command))
        self.end.removeClicked.connect(lambda: self._remove(end_command))
        # Only a shot image's thumbnail shows here; a take's arriving (a dozen a scroll) changes nothing.
        thumbnails.stillUpdated.connect(lambda _key: self.refresh())

    def watch_drops(self, widget: QWidget) -> None:
        """A file dropped anywhere on widget (the inspector's page) becomes the start image."""
        widget.setAcceptDrops(True)
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop):
            assert isinstance(event, QDropEvent)
            path = dropped_file(event)
            if path is None or self.shot_id is None:
                return False
            event.acceptProposedAction()
            if event.type() == QEvent.Type.Drop:
                self._file(START, str(path))
            return True
        return False

    # -- showing ------------------------------------------------------------------------
    def set_shot(self, project: Project, shot: Shot | None) -> None:
        """Show this shot's images (None: no shot)."""
        self.project, self.shot_id = project, shot.id if shot else None
        self.refresh()

    def refresh(self) -> None:
        shot = self._shot()
        if shot is None or self.project is None:
            return
        first = self.project.shots[0] is shot
        self.continue_box.blockSignals(True)
        self.continue_box.setChecked(shot.continue_previous)
        self.continue_box.blockSignals(False)
        self.continue_box.setEnabled(not first or shot.continue_previous)
        start_caption = self._caption(shot.start_image, self.tr("None: the shot starts from its prompt"))
        if shot.continue_previous:
            start_caption = self.tr("The last frame of the previous shot, taken when this shot is generated")
        self.start.show_image(self._pixmap(shot.start_image), start_caption, shot.start_image is not None)
        end_caption = self._caption(shot.end_image, self.tr("None: the model decides how the shot ends"))
        if shot.end_image is not None and shot.start_image is None and not shot.continue_previous:
            # The pipelines take an end frame only with a start frame: say so before a generation fails.
            end_caption += "\n" + self.tr(
                "Used once the shot has a start image or continues the previous shot"
            )
        self.end.show_image(self._pixmap(shot.end_image), end_caption, shot.end_image is not None)
        image = shot.start_image or shot.end_image
        self.fit.setEnabled(image is not None)
        self.fit.setCurrentIndex(max(0, self.fit.findData(image.fit if image else "fill")))

    def _pixmap(self, image: ShotImage | None) -> QPixmap | None:
        return None if image is None or self.project is None else self.thumbnails.still(self.project, image)

    def _caption(self, image: ShotImage | None, none_text: str) -> str:
        if image is None:
            return none_text
        if image.source == "take-frame" and self.project is not None:
            return self.tr("Frame {frame} of {shot}").format(
                frame=(image.source_frame or 0) + 1, shot=self._take_owner(image.source_take)
            )
        if image.name:
            return image.name
        return self.tr("Image {hash}").format(hash=image.sha256[:8])  # saved before names were kept

    def _take_owner(self, take_id: str | None) -> str:
        assert self.project is not None
        for index, shot in enumerate(self.project.shots):
            if shot.take(take_id) is not None:
                return shot_title(shot, index)
        return self.tr("a removed take")

    # -- editing ------------------------------------------------------------------------
    def _shot(self) -> Shot | None:
        if self.project is None or self.shot_id is None:
            return None
        try:
            return self.project.shot(self.shot_id)
        except KeyError:
            return None

    def _remove(self, make: Callable[[Project, str, None], QUndoCommand]) -> None:
        if self.project is not None and self._shot() is not None and self.shot_id is not None:
            self.undo_stack.push(make(self.project, self.shot_id, None))

    def _fit_chosen(self, fit: str) -> None:
        if self.project is not None and self._shot() is not None and self.shot_id is not None:
            command = set_fit_command(self.project, self.shot_id, fit)
            if command is not None:
                self.undo_stack.push(command)

    def _file(self, which: str, path: str) -> None:
        if self.shot_id is not None:
            self.fileChosen.emit(self.shot_id, which, path)

    def _continue_toggled(self, on: bool) -> None:
        if self.project is not None and self._shot() is not None and self.shot_id is not None:
            self.undo_stack.push(set_continue_command(self.project, self.shot_id, on))
