"""Accepting a proposal, in whole or in part, as one change of the film (one undo step in the window)."""

from __future__ import annotations

from app.project.project import Project
from app.project.shot import Shot, checked_caption
from app.storyboard.proposal import Proposal


def proposal_shots(proposal: Proposal, chosen: list[int] | None = None) -> list[Shot]:
    """New shots for the chosen proposal rows (all when None), in proposal order; IndexError for a bad row."""
    rows = range(len(proposal.shots)) if chosen is None else sorted(set(chosen))
    shots: list[Shot] = []
    for row in rows:
        if not 0 <= row < len(proposal.shots):
            raise IndexError(f"the proposal has no shot {row + 1}")
        item = proposal.shots[row]
        caption = checked_caption(item.caption)  # the script's line lands on the shot, for titles and voice
        shots.append(Shot(title=item.title, prompt=item.prompt, frames=item.frames, caption=caption))
    return shots


def apply_proposal(
    project: Project, proposal: Proposal, chosen: list[int] | None = None, at_index: int | None = None
) -> list[Shot]:
    """Insert the chosen rows' shots at at_index (the end when None); returns them, for undo."""
    shots = proposal_shots(proposal, chosen)  # every row checked before the film changes
    index = len(project.shots) if at_index is None else max(0, min(at_index, len(project.shots)))
    for offset, shot in enumerate(shots):
        project.insert_shot(index + offset, shot)
    return shots
