"""Undo commands for presets: set the project's default preset or shots' overrides (with the embedded copy)."""

from __future__ import annotations

import copy

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand

from app.project.cast_member import CastMember
from app.project.project import Project


class ApplyPresetCommand(QUndoCommand):
    """Use a preset for the project (shot_ids None) or for some shots, adding its cast; name None clears it.
    One step."""

    def __init__(
        self,
        project: Project,
        name: str | None,
        doc: dict | None = None,
        shot_ids: list[str] | None = None,
        text: str | None = None,
        cast: list[CastMember] | None = None,
    ) -> None:
        super().__init__(text or _label(name, shot_ids))
        self.cast = list(cast or [])  # the preset's members the film lacks (app/presets/preset_cast.py)
        self.project, self.name, self.doc, self.shot_ids = project, name, copy.deepcopy(doc), shot_ids
        self.old_doc = copy.deepcopy(project.presets.get(name)) if name else None
        self.old_default = project.settings.preset
        self.old_shots = {sid: project.shot(sid).preset for sid in shot_ids or []}

    def redo(self) -> None:
        if self.name and self.doc is not None:
            self.project.set_preset_document(self.name, copy.deepcopy(self.doc))
        if self.shot_ids is None:
            self.project.update_settings(preset=self.name)
        for sid in self.shot_ids or []:
            self.project.update_shot(sid, preset=self.name)
        for member in self.cast:
            self.project.add_cast_member(member)

    def undo(self) -> None:
        for member in reversed(self.cast):  # their images stay in FILM.media/cast/, for the redo
            self.project.remove_cast_member(member.id)
        for sid, old in self.old_shots.items():
            self.project.update_shot(sid, preset=old)
        if self.shot_ids is None:
            self.project.update_settings(preset=self.old_default)
        if self.name and self.doc is not None:
            # The files of the earlier copy stay in the media folder, so it renders as before.
            self.project.set_preset_document(self.name, copy.deepcopy(self.old_doc))


def _label(name: str | None, shot_ids: list[str] | None) -> str:
    """The undo step's name: whole sentences, as word order differs between languages."""
    count = len(shot_ids) if shot_ids is not None else 0
    if name:
        if shot_ids is None:
            return QCoreApplication.translate("ApplyPresetCommand", "Apply Preset “{0}” to Project").format(
                name
            )
        if count == 1:
            return QCoreApplication.translate("ApplyPresetCommand", "Apply Preset “{0}” to Shot").format(name)
        return QCoreApplication.translate("ApplyPresetCommand", "Apply Preset “{0}” to {1} Shots").format(
            name, count
        )
    if shot_ids is None:
        return QCoreApplication.translate("ApplyPresetCommand", "Clear Preset of Project")
    if count == 1:
        return QCoreApplication.translate("ApplyPresetCommand", "Clear Preset of Shot")
    return QCoreApplication.translate("ApplyPresetCommand", "Clear Preset of {0} Shots").format(count)
