"""Wires the Cast dock and the inspector's keyframes to the project: dialogs, image imports, undo steps."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QDialog, QDockWidget, QMainWindow, QMenu

from app.project.cast_images import import_cast_images
from app.project.cast_member import MAX_CAST_IMAGES
from app.project.project import Project
from app.project.shot_images import frame_image, import_image
from app.project.shot_inputs import ShotImage, ShotKeyframe
from ui.cast.cast_panel import CastPanel
from ui.cast.member_dialog import CastMemberDialog
from ui.cast.pin_frame_action import PinFrameAction
from ui.editing.cast_commands import (
    AddCastMemberCommand,
    EditCastMemberCommand,
    RemoveCastMemberCommand,
    add_keyframe_command,
)
from ui.files.file_actions import FileActions
from ui.inspector.inspector import Inspector
from ui.inspector.keyframes_box import shot_frames
from ui.preview.frame_actions import ShownFrame
from ui.preview.preview_player import PreviewPlayer
from ui.widgets.background import BackgroundWorker
from ui.widgets.dialogs import failure_text

log = logging.getLogger(__name__)
IMAGE_FILTER = "*.png *.jpg *.jpeg *.webp"


class CastWiring(QObject):
    """The Cast dock's edits become undo commands; image files are checked and copied off the GUI thread."""

    def __init__(
        self,
        window: QMainWindow,
        files: FileActions,
        inspector: Inspector,
        preview: PreviewPlayer,
        view_menu: QMenu,
        beside: QDockWidget,
    ) -> None:
        super().__init__(window)
        self.window, self.dialogs, self.files, self.session = window, files.dialogs, files, files.session
        self.status = window.statusBar()
        self.tasks = BackgroundWorker(self)  # in order: two drops on one card add both sets
        self.dialog: CastMemberDialog | None = None  # the open Add or Edit dialog (tests fill it)
        self.panel = CastPanel(self.project, inspector.keyframes.thumbnails)  # the window's one cache
        self.dock = QDockWidget(self.tr("Cast"), window)
        self.dock.setObjectName("CastDock")
        self.dock.setWidget(self.panel)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        window.tabifyDockWidget(beside, self.dock)  # a tab beside the inspector: the viewer keeps its room
        beside.raise_()  # the inspector stays in front
        view_menu.addAction(self.dock.toggleViewAction())
        self.panel.addRequested.connect(self.add_member)
        self.panel.editRequested.connect(self.edit_member)
        self.panel.removeRequested.connect(self.remove_member)
        self.panel.addImagesRequested.connect(self.choose_images)
        self.panel.filesDropped.connect(self.add_images)
        inspector.keyframes.fileChosen.connect(self.pin_file)
        inspector.keyframes.chooseRequested.connect(self.choose_keyframe)
        self.pin_action = PinFrameAction(preview)
        self.pin_action.frameChosen.connect(self.pin_frame)
        view_menu.addAction(self.pin_action.action)
        self.session.projectChanged.connect(self.panel.set_project)

    @property
    def project(self) -> Project:
        return self.session.project

    # -- members ------------------------------------------------------------------------
    def add_member(self) -> None:
        """Ask for a new member's name, kind and description (images are dropped on its card after)."""
        self._open(CastMemberDialog(self.project, None, self.window), None)

    def edit_member(self, member_id: str) -> None:
        """Edit a member's name (prompts follow), kind, description and images."""
        self._open(
            CastMemberDialog(self.project, self.project.cast_member_by_id(member_id), self.window), member_id
        )

    def _open(self, dialog: CastMemberDialog, member_id: str | None) -> None:
        project = self.project
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda result: self._closed(dialog, project, member_id, result))
        dialog.open()  # window-modal, without a nested event loop

    def _closed(self, dialog: CastMemberDialog, project: Project, member_id: str | None, result: int) -> None:
        self.dialog = None
        if result != QDialog.DialogCode.Accepted or project is not self.project:
            return
        stack = self.session.undo_stack
        if member_id is None:
            stack.push(AddCastMemberCommand(project, dialog.new_member()))
        elif changes := dialog.changes():
            stack.push(EditCastMemberCommand(project, member_id, changes))

    def remove_member(self, member_id: str) -> None:
        """Take the member out of the cast (undoable; prompts that name it then say so in the inspector)."""
        self.session.undo_stack.push(RemoveCastMemberCommand(self.project, member_id))

    # -- images -------------------------------------------------------------------------
    def choose_images(self, member_id: str) -> None:
        """Ask for image files, then add them to the member."""
        folder = self.project.path.parent if self.project.path else None
        caption = self.tr("Choose Reference Images")
        paths = self.dialogs.open_paths(folder, caption, self.tr("Images ({0})").format(IMAGE_FILTER))
        if paths:
            self.add_images(member_id, [str(p) for p in paths])

    def add_images(self, member_id: str, paths: list[str]) -> None:
        """Check and copy image files into FILM.media/cast/ in the background, then add them (one step)."""
        project = self.project
        member = project.cast_member_by_id(member_id)
        existing = list(member.images)
        if not self._saved():
            return
        self.status.showMessage(self.tr("Adding images to {0}…").format(member.name))
        sources = [Path(p) for p in paths]
        self.tasks.run(
            lambda: import_cast_images(project, sources, existing),  # too many: refused before any copy
            lambda images: self._add_images(project, member_id, images),
            lambda exc: self._failed(self.tr("Images not added"), exc),
        )

    def _add_images(self, project: Project, member_id: str, images: list[ShotImage]) -> None:
        self.status.clearMessage()
        if project is not self.project or member_id not in {m.id for m in project.cast}:
            return  # another film was opened, or the member removed, while the images were read
        member = project.cast_member_by_id(member_id)
        known = {image.sha256 for image in member.images}
        new = [image for image in images if image.sha256 not in known]
        if len(member.images) + len(new) > MAX_CAST_IMAGES:  # images were added while these were read
            self.dialogs.error(
                self.tr("Images not added"),
                self.tr("A cast member has at most {0} reference images.").format(MAX_CAST_IMAGES),
            )
        elif new:
            text = self.tr("Add Images to {0}").format(member.name)
            command = EditCastMemberCommand(project, member_id, {"images": [*member.images, *new]}, text)
            self.session.undo_stack.push(command)

    # -- keyframes ----------------------------------------------------------------------
    def choose_keyframe(self, shot_id: str, frame: int) -> None:
        """Ask for an image file, then pin it at the frame."""
        folder = self.project.path.parent if self.project.path else None
        caption = self.tr("Choose the Image for Frame {0}").format(frame)
        path = self.dialogs.open_path(folder, caption, self.tr("Images ({0})").format(IMAGE_FILTER))
        if path:
            self.pin_file(shot_id, frame, str(path))

    def pin_file(self, shot_id: str, frame: int, path: str) -> None:
        """Check and copy an image into the media folder in the background, then pin it (one undo step)."""
        if not self._saved():
            return
        project = self.project
        self.tasks.run(
            lambda: import_image(project, Path(path)),
            lambda image: self._pin(project, shot_id, ShotKeyframe(frame, image)),
            lambda exc: self._failed(self.tr("Keyframe not pinned"), exc),
        )

    def pin_frame(self, frame: ShownFrame) -> None:
        """The preview's frame, saved as a PNG, pinned at its place in its shot (within the shot's length)."""
        project = self.project
        shot = project.shot(frame.shot_id)
        take = shot.take(frame.take_id)
        if take is None or not self._saved():
            return
        at = min(frame.frame, max(0, shot_frames(project, shot) - 1))
        self.tasks.run(
            lambda: frame_image(project, take, frame.frame),
            lambda image: self._pin(project, shot.id, ShotKeyframe(at, image)),
            lambda exc: self._failed(self.tr("Keyframe not pinned"), exc),
        )

    def _pin(self, project: Project, shot_id: str, keyframe: ShotKeyframe) -> None:
        if project is self.project and shot_id in {s.id for s in project.shots}:
            self.session.undo_stack.push(add_keyframe_command(project, shot_id, keyframe))

    # -- shared -------------------------------------------------------------------------
    def _saved(self) -> bool:
        if self.project.path is not None:
            return True
        self.dialogs.info(
            self.tr("Save the project first"),
            self.tr(
                "Images are copied into the project's media folder, so the project needs a file name first."
            ),
        )
        return bool(self.files.save_as())

    def _failed(self, title: str, exc: BaseException) -> None:
        self.status.clearMessage()
        self.dialogs.error(title, failure_text(title, exc))
