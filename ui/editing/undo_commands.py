"""Undo commands over the Project API. They never touch widgets; views follow the project's events."""

from __future__ import annotations

import copy

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand

from app.film.interchange.timeline_import import TimelineEdit, apply_edit
from app.project.project import Project
from app.project.shot import Shot, Take, new_id
from ui.i18n.translation import QT_TRANSLATE_NOOP

EDIT_SHOT_ID = 1
EDIT_SETTINGS_ID = 2

# Marked for lupdate, translated when a step is named.
FIELD_LABELS = {
    "title": QT_TRANSLATE_NOOP("UndoCommands", "Title"),
    "prompt": QT_TRANSLATE_NOOP("UndoCommands", "Prompt"),
    "negative_prompt": QT_TRANSLATE_NOOP("UndoCommands", "Negative Prompt"),
    "seed": QT_TRANSLATE_NOOP("UndoCommands", "Seed"),
    "frames": QT_TRANSLATE_NOOP("UndoCommands", "Frames"),
    "width": QT_TRANSLATE_NOOP("UndoCommands", "Width"),
    "height": QT_TRANSLATE_NOOP("UndoCommands", "Height"),
    "steps": QT_TRANSLATE_NOOP("UndoCommands", "Steps"),
    "guidance_scale": QT_TRANSLATE_NOOP("UndoCommands", "Guidance (High Noise)"),
    "guidance_scale_2": QT_TRANSLATE_NOOP("UndoCommands", "Guidance (Low Noise)"),
    "trim_in": QT_TRANSLATE_NOOP("UndoCommands", "Trim In"),
    "trim_out": QT_TRANSLATE_NOOP("UndoCommands", "Trim Out"),
    "active_take": QT_TRANSLATE_NOOP("UndoCommands", "Active Take"),
    "transition": QT_TRANSLATE_NOOP("UndoCommands", "Transition"),
    "transition_duration": QT_TRANSLATE_NOOP("UndoCommands", "Transition Duration"),
}


class EditShotCommand(QUndoCommand):
    """Set fields of one shot. Edits of the same fields in one burst (e.g. typing) merge into one step."""

    def __init__(
        self, project: Project, shot_id: str, fields: dict, burst: int | None = None, text: str | None = None
    ) -> None:
        names = ", ".join(
            QCoreApplication.translate("UndoCommands", FIELD_LABELS[f]) if f in FIELD_LABELS else f
            for f in fields
        )
        label = text or QCoreApplication.translate("UndoCommands", "Edit {0}").format(names)
        super().__init__(label)
        self.project, self.shot_id, self.new, self.burst = project, shot_id, dict(fields), burst
        shot = project.shot(shot_id)
        self.old = {name: getattr(shot, name) for name in fields}
        self.take_id = shot.active_take  # trims belong to the take that was active when edited

    def id(self) -> int:
        return EDIT_SHOT_ID

    def _applicable(self, values: dict) -> dict:
        if "active_take" in values or self.project.shot(self.shot_id).active_take == self.take_id:
            return values
        # A generated take became active in between: these trims were another take's; keep its own.
        return {k: v for k, v in values.items() if k not in ("trim_in", "trim_out")}

    def mergeWith(self, other: QUndoCommand) -> bool:
        if (
            not isinstance(other, EditShotCommand)
            or self.burst is None
            or other.burst != self.burst
            or other.shot_id != self.shot_id
            or set(other.new) != set(self.new)
        ):
            return False
        self.new = dict(other.new)
        if self.new == self.old:
            self.setObsolete(True)
        return True

    def redo(self) -> None:
        if fields := self._applicable(self.new):
            self.project.update_shot(self.shot_id, **fields)

    def undo(self) -> None:
        if fields := self._applicable(self.old):
            self.project.update_shot(self.shot_id, **fields)


def apply_order(project: Project, order: list[str]) -> None:
    """Reorder the timeline to the given shot ids with the Project's move API."""
    for index, shot_id in enumerate(order):
        if project.shots[index].id != shot_id:
            project.move_shot(shot_id, index)


def order_after_move(project: Project, shot_ids: list[str], row: int) -> list[str]:
    """The timeline order after moving shot_ids (kept in their order) to insert before row."""
    current = [s.id for s in project.shots]
    moving = [sid for sid in current if sid in set(shot_ids)]
    row = len(current) if row < 0 else min(row, len(current))
    before = sum(1 for sid in current[:row] if sid in set(moving))
    rest = [sid for sid in current if sid not in set(moving)]
    at = row - before
    return rest[:at] + moving + rest[at:]


class ReorderShotsCommand(QUndoCommand):
    """Move shots on the timeline: a whole drag (or one keyboard move) is one step."""

    def __init__(self, project: Project, new_order: list[str], text: str = "") -> None:
        super().__init__(text or QCoreApplication.translate("UndoCommands", "Move Shot"))
        self.project = project
        self.old_order = [s.id for s in project.shots]
        self.new_order = list(new_order)
        if self.old_order == self.new_order:
            self.setObsolete(True)

    def redo(self) -> None:
        apply_order(self.project, self.new_order)

    def undo(self) -> None:
        apply_order(self.project, self.old_order)


class ImportTimelineCommand(QUndoCommand):
    """An editor's timeline brought back: the order and trims of the shots it knows, as one step."""

    def __init__(self, project: Project, edit: TimelineEdit) -> None:
        super().__init__(QCoreApplication.translate("UndoCommands", "Import Timeline"))
        self.project, self.edit = project, edit

    def redo(self) -> None:
        apply_edit(self.project, self.edit)

    def undo(self) -> None:
        apply_order(self.project, self.edit.previous_order)
        for edited in self.edit.shots:
            trim_in, trim_out = self.edit.previous_trims[edited.shot_id]
            self.project.update_shot(edited.shot_id, trim_in=trim_in, trim_out=trim_out)


class InsertShotsCommand(QUndoCommand):
    """Insert shots at timeline positions (add, duplicate, import)."""

    def __init__(self, project: Project, index: int, shots: list[Shot], text: str = "") -> None:
        super().__init__(text or QCoreApplication.translate("UndoCommands", "Add Shot"))
        self.project, self.shots = project, list(shots)
        self.index = len(project.shots) if index < 0 else min(index, len(project.shots))

    def redo(self) -> None:
        for offset, shot in enumerate(self.shots):
            self.project.insert_shot(self.index + offset, shot)

    def undo(self) -> None:
        for shot in reversed(self.shots):
            self.project.remove_shot(shot.id)


class RemoveShotsCommand(QUndoCommand):
    """Delete shots; undo puts each back where it was."""

    def __init__(self, project: Project, shot_ids: list[str], text: str | None = None) -> None:
        one, many = (
            QCoreApplication.translate("UndoCommands", "Delete Shot"),
            QCoreApplication.translate("UndoCommands", "Delete {0} Shots").format(len(shot_ids)),
        )
        super().__init__(text or (one if len(shot_ids) == 1 else many))
        self.project = project
        positions = sorted((project.index_of(sid), sid) for sid in shot_ids)
        self.removed: list[tuple[int, Shot]] = [(i, project.shot(sid)) for i, sid in positions]

    def redo(self) -> None:
        for _, shot in reversed(self.removed):
            self.project.remove_shot(shot.id)

    def undo(self) -> None:
        for index, shot in self.removed:
            self.project.insert_shot(index, shot)


def duplicate_shot(shot: Shot) -> Shot:
    """A copy of a shot with new ids for it and its takes (the take files are shared)."""
    twin = copy.deepcopy(shot)
    twin.id = new_id()
    mapping = {}
    for take in twin.takes:
        mapping[take.id] = take.id = new_id()
    twin.active_take = mapping.get(shot.active_take) if shot.active_take else None
    twin.kept_keyframe = None  # sketches are named by their shot's id: the original's are not the copy's
    if twin.title:
        twin.title = QCoreApplication.translate("UndoCommands", "{0} (copy)").format(twin.title)
    return twin


class RemoveTakeCommand(QUndoCommand):
    """Detach a take from its shot (the file stays on disk so undo can bring it back)."""

    def __init__(self, project: Project, shot_id: str, take_id: str) -> None:
        super().__init__(QCoreApplication.translate("UndoCommands", "Remove Take"))
        self.project, self.shot_id, self.take_id = project, shot_id, take_id
        shot = project.shot(shot_id)
        self.saved = {f: getattr(shot, f) for f in ("active_take", "trim_in", "trim_out", "error")}
        self.index = 0
        self.take: Take | None = None

    def redo(self) -> None:
        # Captured now, not at construction: a generated take may have arrived since the last undo.
        shot = self.project.shot(self.shot_id)
        self.saved = {f: getattr(shot, f) for f in ("active_take", "trim_in", "trim_out", "error")}
        self.index, self.take = self.project.remove_take(self.shot_id, self.take_id)

    def undo(self) -> None:
        assert self.take is not None
        self.project.insert_take(self.shot_id, self.index, self.take, make_active=False)
        self.project.update_shot(self.shot_id, **self.saved)


def set_active_take_command(project: Project, shot_id: str, take_id: str) -> EditShotCommand:
    """Choose the take used in the film (trims start over, as for a new take)."""
    return EditShotCommand(
        project,
        shot_id,
        {"active_take": take_id, "trim_in": 0, "trim_out": None},
        text=QCoreApplication.translate("UndoCommands", "Choose Take"),
    )


class EditSettingsCommand(QUndoCommand):
    """Change project settings (one dialog's OK is one step)."""

    def __init__(self, project: Project, fields: dict, text: str = "") -> None:
        super().__init__(text or QCoreApplication.translate("UndoCommands", "Edit Project Settings"))
        self.project, self.new = project, dict(fields)
        self.old = {name: copy.deepcopy(getattr(project.settings, name)) for name in fields}

    def id(self) -> int:
        return EDIT_SETTINGS_ID

    def redo(self) -> None:
        self.project.update_settings(**copy.deepcopy(self.new))

    def undo(self) -> None:
        self.project.update_settings(**copy.deepcopy(self.old))
