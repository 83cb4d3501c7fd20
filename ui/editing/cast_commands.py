"""Undo commands for the film's cast and shots' keyframes, over the Project API (never widgets)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand

from app.project.cast_member import CastMember
from app.project.cast_mentions import rename_in_prompts
from app.project.project import Project
from app.project.shot_inputs import ShotKeyframe
from ui.editing.undo_commands import EditShotCommand


class AddCastMemberCommand(QUndoCommand):
    """Add a member to the cast (at the end, or at index)."""

    def __init__(self, project: Project, member: CastMember, index: int | None = None) -> None:
        super().__init__(
            QCoreApplication.translate("CastCommands", "Add {0} to the Cast").format(member.name)
        )
        self.project, self.member, self.index = project, member, index

    def redo(self) -> None:
        self.project.add_cast_member(self.member, self.index)

    def undo(self) -> None:
        self.project.remove_cast_member(self.member.id)


class RemoveCastMemberCommand(QUndoCommand):
    """Take a member out of the cast; undo puts it back in its place (its images stay in media)."""

    def __init__(self, project: Project, member_id: str) -> None:
        member = project.cast_member_by_id(member_id)
        super().__init__(
            QCoreApplication.translate("CastCommands", "Remove {0} from the Cast").format(member.name)
        )
        self.project, self.member, self.index = project, member, project.cast.index(member)

    def redo(self) -> None:
        self.index, self.member = self.project.remove_cast_member(self.member.id)

    def undo(self) -> None:
        self.project.add_cast_member(self.member, self.index)


class EditCastMemberCommand(QUndoCommand):
    """Set a member's fields; a new name is written into every prompt that names the member."""

    def __init__(self, project: Project, member_id: str, fields: dict[str, object], text: str = "") -> None:
        member = project.cast_member_by_id(member_id)
        renamed = "name" in fields and fields["name"] != member.name
        label = (
            QCoreApplication.translate("CastCommands", "Rename {0} to {1}")
            if renamed
            else QCoreApplication.translate("CastCommands", "Edit {0}")
        )
        super().__init__(text or label.format(member.name, fields.get("name")))
        self.project, self.member_id, self.new = project, member_id, dict(fields)
        self.old: dict[str, object] = {}
        self.old_prompts: dict[str, str] = {}

    def redo(self) -> None:
        before = self.project.cast_member_by_id(self.member_id).name
        self.old = self.project.update_cast_member(self.member_id, **self.new)
        name = self.new.get("name")
        if isinstance(name, str) and name != before:
            self.old_prompts = rename_in_prompts(self.project, before, name)

    def undo(self) -> None:
        for shot_id, prompt in self.old_prompts.items():
            self.project.update_shot(shot_id, prompt=prompt)
        self.old_prompts = {}
        self.project.update_cast_member(self.member_id, **self.old)


def set_keyframes_command(
    project: Project, shot_id: str, keyframes: list[ShotKeyframe], text: str
) -> EditShotCommand:
    """Replace a shot's keyframes (kept sorted by frame, one per frame) in one undo step."""
    by_frame = {k.frame: k for k in keyframes}  # a later image at the same frame replaces the earlier
    ordered = [by_frame[frame] for frame in sorted(by_frame)]
    return EditShotCommand(project, shot_id, {"keyframes": ordered}, text=text)


def add_keyframe_command(project: Project, shot_id: str, keyframe: ShotKeyframe) -> EditShotCommand:
    """Pin an image at a frame of the shot (replacing one already at that frame)."""
    current = project.shot(shot_id).keyframes
    text = QCoreApplication.translate("CastCommands", "Pin Keyframe at Frame {0}").format(keyframe.frame)
    return set_keyframes_command(project, shot_id, [*current, keyframe], text)


def remove_keyframe_command(project: Project, shot_id: str, frame: int) -> EditShotCommand:
    """Unpin the image at this frame of the shot."""
    current = project.shot(shot_id).keyframes
    text = QCoreApplication.translate("CastCommands", "Remove Keyframe at Frame {0}").format(frame)
    return set_keyframes_command(project, shot_id, [k for k in current if k.frame != frame], text)
