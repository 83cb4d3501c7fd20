"""Undo commands for the storyboard: enhanced prompts (the originals kept) and shots from a script."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand

from app.project.project import Project
from app.storyboard.prompt_enhance import Enhancement, apply_enhancements
from app.storyboard.proposal import Proposal
from app.storyboard.proposal_apply import proposal_shots
from ui.editing.undo_commands import InsertShotsCommand


class EnhancePromptsCommand(QUndoCommand):
    """Use enhanced prompts, each shot keeping its first original; undo puts every prompt back."""

    def __init__(self, project: Project, enhancements: list[Enhancement]) -> None:
        super().__init__(
            QCoreApplication.translate("StoryboardCommands", "Enhance {0} Prompt(s)").format(
                len(enhancements)
            )
        )
        self.project, self.enhancements = project, list(enhancements)
        self.old: dict[str, dict[str, object]] = {}

    def redo(self) -> None:
        self.old = apply_enhancements(self.project, self.enhancements)

    def undo(self) -> None:
        for shot_id, fields in self.old.items():
            self.project.update_shot(shot_id, **fields)


def accept_proposal_command(project: Project, proposal: Proposal, rows: list[int]) -> InsertShotsCommand:
    """The chosen rows' shots added at the end of the film, as one step."""
    shots = proposal_shots(proposal, rows)
    text = QCoreApplication.translate("StoryboardCommands", "Add {0} Shot(s) From Script").format(len(shots))
    return InsertShotsCommand(project, len(project.shots), shots, text)
