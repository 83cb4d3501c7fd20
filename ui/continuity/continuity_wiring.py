"""Wires the three ways to a start image between the window's parts (kept out of main_window.py)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMainWindow, QMenu

from app.project.project import Project
from app.project.shot_images import frame_image, import_image
from app.project.shot_inputs import ShotImage
from ui.editing.shot_image_commands import set_end_image_command, set_start_image_command
from ui.files.file_actions import FileActions
from ui.inspector.shot_images_box import START, ShotImagesBox
from ui.preview.frame_actions import NextShotStartAction, ShownFrame
from ui.preview.preview_player import PreviewPlayer
from ui.timeline.image_drop import ImageDropTarget
from ui.timeline.timeline_view import TimelineView
from ui.widgets.background import BackgroundWorker
from ui.widgets.dialogs import Dialogs, failure_text
from ui.widgets.labels import shot_title


class ContinuityWiring(QObject):
    """Image files dropped on cards or the inspector, chosen files, and preview frames become shot images."""

    def __init__(
        self,
        window: QMainWindow,
        dialogs: Dialogs,
        files: FileActions,
        timeline: TimelineView,
        images: ShotImagesBox,
        preview: PreviewPlayer,
        view_menu: QMenu,
    ) -> None:
        super().__init__(window)
        self.dialogs, self.files, self.session = dialogs, files, files.session
        self.status = window.statusBar()
        self.tasks = BackgroundWorker(self)  # in order: two drops on one card end with the second image
        self.drops = ImageDropTarget(timeline)
        self.drops.imageDropped.connect(lambda shot_id, path: self.use_file(shot_id, START, path))
        self.drops.refused.connect(lambda text: dialogs.error(self.tr("Not added to the timeline"), text))
        images.fileChosen.connect(self.use_file)
        images.chooseRequested.connect(self.choose_file)
        self.frame_action = NextShotStartAction(preview)
        self.frame_action.frameChosen.connect(self.use_frame)
        view_menu.addAction(self.frame_action.action)

    @property
    def project(self) -> Project:
        return self.session.project

    def choose_file(self, shot_id: str, which: str) -> None:
        """Ask for an image file, then use it."""
        caption = self.tr("Choose the Start Image") if which == START else self.tr("Choose the End Image")
        folder = self.project.path.parent if self.project.path else None
        path = self.dialogs.open_path(folder, caption, self.tr("Images (*.png *.jpg *.jpeg *.webp)"))
        if path:
            self.use_file(shot_id, which, str(path))

    def use_file(self, shot_id: str, which: str, path: str) -> None:
        """Check and copy an image file into the media folder in the background, then set it (one undo step)."""
        if not self._saved():
            return
        project = self.project
        shot = project.shot(shot_id)
        current = shot.start_image if which == START else shot.end_image
        fit = (current or shot.start_image or shot.end_image or ShotImage("", "")).fit
        name = Path(path).name
        title = shot_title(shot, project.index_of(shot_id))
        self.status.showMessage(self.tr("Adding {name} to {shot}…").format(name=name, shot=title))
        message = (
            self.tr("{shot} starts from {name}") if which == START else self.tr("{shot} ends on {name}")
        ).format(shot=title, name=name)
        self.tasks.run(
            lambda: import_image(project, Path(path), fit),
            lambda image: self._apply(project, shot_id, which, image, message),
            lambda exc: self._failed(self.tr("Image not used"), exc),
        )

    def use_frame(self, frame: ShownFrame) -> None:
        """The preview's frame becomes the next shot's start image (the frame is saved as a PNG first)."""
        project = self.project
        if frame.next_shot_id is None or not self._saved():
            return
        source = project.shot(frame.shot_id)
        take = source.take(frame.take_id)
        target = project.shot(frame.next_shot_id)
        if take is None:
            return
        fit = target.start_image.fit if target.start_image else "fill"
        message = self.tr("{shot} starts from frame {frame} of {source}").format(
            shot=shot_title(target, project.index_of(target.id)),
            frame=frame.frame + 1,
            source=shot_title(source, project.index_of(source.id)),
        )
        self.tasks.run(
            lambda: frame_image(project, take, frame.frame, fit),
            lambda image: self._apply(project, target.id, START, image, message),
            lambda exc: self._failed(self.tr("Frame not used"), exc),
        )

    def _saved(self) -> bool:
        if self.project.path is not None:
            return True
        self.dialogs.info(
            self.tr("Save the project first"),
            self.tr(
                "Shot images are copied into the project's media folder, so the project needs a file name first."
            ),
        )
        return bool(self.files.save_as())

    def _apply(self, project: Project, shot_id: str, which: str, image: ShotImage, message: str) -> None:
        self.status.clearMessage()
        if project is not self.project or shot_id not in {s.id for s in project.shots}:
            return  # another film was opened, or the shot deleted, while the image was being read
        make = set_start_image_command if which == START else set_end_image_command
        self.session.undo_stack.push(make(project, shot_id, image))
        self.status.showMessage(message, 6000)

    def _failed(self, title: str, exc: BaseException) -> None:
        self.status.clearMessage()
        self.dialogs.error(title, failure_text(title, exc))
