"""File > Export Timeline… and Import Timeline…: the film for an editor, and an editor's changes back."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoStack

from app.film.film_export import project_snapshot
from app.film.interchange.timeline_export import TimelineOptions, write_timeline
from app.film.interchange.timeline_import import plan_edit, read_timeline
from app.project.project import Project
from engine.errors import StoryreelError
from ui.editing.project_session import StatusSink
from ui.editing.undo_commands import ImportTimelineCommand
from ui.runtime.event_loop import start_task
from ui.widgets.dialogs import EDITED_TIMELINE_FILTER, Dialogs

log = logging.getLogger(__name__)


def export_timeline(
    project: Project, dialogs: Dialogs, status: StatusSink, path: Path | None = None
) -> Path | None:
    """Write the timeline on a worker (its title clips take seconds to render), asking where unless path
    is given; the path being written, or None. The status bar says when it is written; a failure is
    shown and logged."""
    if project.path is None:
        dialogs.error(
            QCoreApplication.translate("TimelineHandoff", "Export Timeline"),
            QCoreApplication.translate(
                "TimelineHandoff", "Save the project first: the timeline names its takes."
            ),
        )
        return None
    path = path or dialogs.save_timeline_path(project.path.with_suffix(".otio"))
    if path is None:
        return None
    written = path
    snapshot = project_snapshot(project)  # the user may edit on while the worker reads

    def done(summary: dict[str, object]) -> None:
        status.showMessage(
            QCoreApplication.translate("TimelineHandoff", "Timeline written: {0}").format(written), 5000
        )

    def failed(exc: BaseException) -> None:  # start_task has logged it with its traceback
        dialogs.error(QCoreApplication.translate("TimelineHandoff", "Export Timeline"), str(exc))

    work = asyncio.to_thread(write_timeline, snapshot, list(snapshot.shots), written, TimelineOptions())
    start_task(work, done, failed)
    status.showMessage(
        QCoreApplication.translate("TimelineHandoff", "Writing the timeline {0}…").format(path)
    )
    return path


def import_timeline(
    project: Project, undo_stack: QUndoStack, dialogs: Dialogs, status: StatusSink, path: Path | None = None
) -> bool:
    """Bring back an edited .otio's order and trims as one undoable step (asking which unless given)."""
    start = project.path.parent if project.path is not None else None
    path = path or dialogs.open_path(
        start, QCoreApplication.translate("TimelineHandoff", "Import Timeline"), EDITED_TIMELINE_FILTER
    )
    if path is None:
        return False
    try:
        edit = plan_edit(project, read_timeline(path), path.resolve().parent)
    except StoryreelError as exc:
        log.warning("Importing the timeline %s refused: %s", path, exc)
        dialogs.error(QCoreApplication.translate("TimelineHandoff", "Import Timeline"), str(exc))
        return False
    undo_stack.push(ImportTimelineCommand(project, edit))
    status.showMessage(
        QCoreApplication.translate("TimelineHandoff", "Brought back the order and trims of {0} shots").format(
            len(edit.shots)
        ),
        5000,
    )
    return True
