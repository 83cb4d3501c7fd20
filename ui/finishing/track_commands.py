"""Undo commands for the title track and the sound track, over the Project API (never widgets)."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand

from app.project.project import Project
from app.project.sound_track import AudioClip, check_clip
from engine.film.title_elements import TitleElement, check_element


class SetTitlesCommand(QUndoCommand):
    """Replace the title track with titles (copies, so later edits of the list cannot reach the stack);
    ValueError before anything is pushed when an element is wrong."""

    def __init__(self, project: Project, titles: list[TitleElement], text: str) -> None:
        super().__init__(text)
        self.project = project
        self.new = [check_element(dataclasses.replace(element)) for element in titles]
        self.old = [dataclasses.replace(element) for element in project.titles]

    def redo(self) -> None:
        self.project.set_titles([dataclasses.replace(element) for element in self.new])

    def undo(self) -> None:
        self.project.set_titles([dataclasses.replace(element) for element in self.old])


def add_title(project: Project, element: TitleElement) -> SetTitlesCommand:
    """Put element on the title track, in order of start."""
    titles = sorted([*project.titles, element], key=lambda e: e.start)
    return SetTitlesCommand(project, titles, QCoreApplication.translate("TrackCommands", "Add Title"))


def edit_title(project: Project, index: int, element: TitleElement, text: str = "") -> SetTitlesCommand:
    """Set the element at index (a move, a new length or the form's fields)."""
    titles = list(project.titles)
    if not 0 <= index < len(titles):  # a form's or an image copy's answer after the track changed
        raise ValueError("that title is no longer on the title track")
    titles[index] = element
    return SetTitlesCommand(
        project,
        sorted(titles, key=lambda e: e.start),
        text or QCoreApplication.translate("TrackCommands", "Edit Title"),
    )


def remove_title(project: Project, index: int) -> SetTitlesCommand:
    """Take the element at index off the title track."""
    titles = [e for i, e in enumerate(project.titles) if i != index]
    return SetTitlesCommand(project, titles, QCoreApplication.translate("TrackCommands", "Delete Title"))


class AddAudioClipCommand(QUndoCommand):
    """Put a clip whose file is already in the media folder on the sound track."""

    def __init__(self, project: Project, clip: AudioClip, text: str = "") -> None:
        super().__init__(text or QCoreApplication.translate("TrackCommands", "Add Sound Clip"))
        self.project, self.clip = project, clip

    def redo(self) -> None:
        self.project.add_audio_clip(self.clip)

    def undo(self) -> None:
        self.project.remove_audio_clip(self.clip.id)


class RemoveAudioClipCommand(QUndoCommand):
    """Take a clip off the sound track; undo puts it back in its place (its file stays in media)."""

    def __init__(self, project: Project, clip_id: str) -> None:
        super().__init__(QCoreApplication.translate("TrackCommands", "Delete Sound Clip"))
        self.project, self.clip_id = project, clip_id
        self.index, self.clip = -1, AudioClip()

    def redo(self) -> None:
        self.index, self.clip = self.project.remove_audio_clip(self.clip_id)

    def undo(self) -> None:
        self.project.add_audio_clip(self.clip, self.index)


class MoveAudioClipCommand(QUndoCommand):
    """Start a clip at another second of the film (ValueError before it is pushed when out of range)."""

    def __init__(self, project: Project, clip_id: str, start: float) -> None:
        super().__init__(QCoreApplication.translate("TrackCommands", "Move Sound Clip"))
        check_clip(AudioClip(start=start))
        self.project, self.clip_id, self.start = project, clip_id, start
        self.old: dict[str, object] = {}

    def redo(self) -> None:
        self.old = self.project.update_audio_clip(self.clip_id, start=self.start)

    def undo(self) -> None:
        self.project.update_audio_clip(self.clip_id, **self.old)
