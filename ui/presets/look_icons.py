"""LookIcons: each preset's look applied to a frame on a worker thread, so a click on a shot never grades."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

import numpy as np
from PySide6.QtCore import QObject, Signal

from app.presets.preset import PresetError
from ui.widgets.background import BackgroundWorker

log = logging.getLogger(__name__)
Look = Callable[[np.ndarray], np.ndarray]


def _grade(frame: np.ndarray, looks: Sequence[Look | None]) -> list[np.ndarray | None]:
    """Runs on the worker: frame through each look (None where the look failed)."""
    graded: list[np.ndarray | None] = []
    for look in looks:
        try:
            graded.append(look(frame) if look else frame)
        except (PresetError, ValueError):  # shown as the ungraded frame, as the list does
            graded.append(None)
    return graded


class LookIcons(QObject):
    """Grades a frame with each look in the background; `ready` carries only the newest request's."""

    ready = Signal(list)  # a graded frame or None per look, in the order asked

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._number = 0
        self._worker = BackgroundWorker(self)

    def request(self, frame: np.ndarray, looks: Sequence[Look | None]) -> None:
        """Grade frame with each look; an older request still running is answered by nobody."""
        self.cancel()
        self._worker.drop_queued()
        number, looks = self._number, list(looks)
        self._worker.run(
            lambda: _grade(frame, looks), lambda graded: self._done(number, graded), self._failed
        )

    def cancel(self) -> None:
        """Forget the requests made so far (the list they were for changed)."""
        self._number += 1

    def wait(self) -> None:
        """Let a running grade finish (tests, shutdown)."""
        self._worker.wait()

    def _failed(self, exc: BaseException) -> None:
        # A bug, not a look that failed (those come back as None): logged, and the icons stay as they were.
        log.error("grading the preset icons failed", exc_info=exc)

    def _done(self, number: int, graded: list[np.ndarray | None]) -> None:
        if number == self._number:
            self.ready.emit(graded)
