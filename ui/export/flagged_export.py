"""Exporting a film with flagged takes: the window asks, naming the shots, and logs the person's yes."""

from __future__ import annotations

import logging
from typing import Protocol

from PySide6.QtCore import QCoreApplication

from app.film.film_export import flagged_shots, shots_in_range
from app.project.project import Project

log = logging.getLogger(__name__)


class Asks(Protocol):
    """The window's Dialogs, as far as this needs them."""

    def confirm(self, title: str, text: str) -> bool: ...


def allow_flagged_export(project: Project, shot_ids: list[str] | None, dialogs: Asks) -> bool | None:
    """False: nothing flagged; True: flagged takes, and the person allowed them (logged); None: refused."""
    flagged = flagged_shots(project, shots_in_range(project, shot_ids))
    if not flagged:
        return False
    names = ", ".join(flagged)
    allowed = dialogs.confirm(
        QCoreApplication.translate("FlaggedExport", "Export Flagged Takes?"),
        QCoreApplication.translate(
            "FlaggedExport",
            "The safety check flagged the takes of {0}.\n\nExport them anyway? Your answer is written to the log.",
        ).format(names),
    )
    if allowed:
        log.warning("The person confirmed exporting flagged takes of: %s", names)
    else:
        log.info("Export stopped: the person did not allow the flagged takes of %s", names)
    return True if allowed else None
