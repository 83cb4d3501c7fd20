"""Undo commands for a shot's start and end images, fit and "continue from the previous shot"."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand

from app.project.project import KEEP, Project
from app.project.shot_inputs import ShotImage


class ShotImagesCommand(QUndoCommand):
    """One change of a shot's images through Project.set_shot_images; undo puts every field back."""

    def __init__(
        self,
        project: Project,
        shot_id: str,
        text: str,
        start: ShotImage | None | object = KEEP,
        end: ShotImage | None | object = KEEP,
        continue_previous: bool | None = None,
    ) -> None:
        super().__init__(text)
        self.project, self.shot_id = project, shot_id
        self.start, self.end, self.continue_previous = start, end, continue_previous
        self.old: dict[str, object] = {}

    def redo(self) -> None:
        self.old = self.project.set_shot_images(
            self.shot_id, start=self.start, end=self.end, continue_previous=self.continue_previous
        )

    def undo(self) -> None:
        if self.old:
            self.project.update_shot(self.shot_id, **self.old)


def set_start_image_command(project: Project, shot_id: str, image: ShotImage | None) -> ShotImagesCommand:
    """Start the shot from this image (None: from text again); it no longer continues the previous shot."""
    if image is None:
        return ShotImagesCommand(
            project,
            shot_id,
            QCoreApplication.translate("ShotImageCommands", "Remove Start Image"),
            start=None,
        )
    text = (
        QCoreApplication.translate("ShotImageCommands", "Start from Frame")
        if image.source == "take-frame"
        else QCoreApplication.translate("ShotImageCommands", "Set Start Image")
    )
    return ShotImagesCommand(project, shot_id, text, start=image)


def set_end_image_command(project: Project, shot_id: str, image: ShotImage | None) -> ShotImagesCommand:
    """End the shot on this image (None: no end image)."""
    text = (
        QCoreApplication.translate("ShotImageCommands", "Set End Image")
        if image is not None
        else QCoreApplication.translate("ShotImageCommands", "Remove End Image")
    )
    return ShotImagesCommand(project, shot_id, text, end=image)


def set_continue_command(project: Project, shot_id: str, on: bool) -> ShotImagesCommand:
    """Continue from the previous shot's last frame (its start image goes), or stop continuing."""
    text = (
        QCoreApplication.translate("ShotImageCommands", "Continue from Previous Shot")
        if on
        else QCoreApplication.translate("ShotImageCommands", "Stop Continuing Previous Shot")
    )
    return ShotImagesCommand(project, shot_id, text, continue_previous=on)


def set_fit_command(project: Project, shot_id: str, fit: str) -> ShotImagesCommand | None:
    """Fit or fill both of the shot's images to its size (None: nothing would change)."""
    shot = project.shot(shot_id)
    start, end = (
        dataclasses.replace(image, fit=fit) if image is not None and image.fit != fit else KEEP
        for image in (shot.start_image, shot.end_image)
    )
    if start is KEEP and end is KEEP:
        return None
    text = (
        QCoreApplication.translate("ShotImageCommands", "Fit Images in the Shot")
        if fit == "fit"
        else QCoreApplication.translate("ShotImageCommands", "Fill the Shot with Images")
    )
    return ShotImagesCommand(project, shot_id, text, start=start, end=end)
