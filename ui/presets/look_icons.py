"""LookIcons: each preset's look applied to a frame on a pool thread, so a click on a shot never grades."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from app.presets.preset import PresetError

Look = Callable[[np.ndarray], np.ndarray]


class _Signals(QObject):
    done = Signal(int, list)  # request number, a graded frame (or None: the look failed) per look


class _GradeJob(QRunnable):
    def __init__(
        self, number: int, frame: np.ndarray, looks: Sequence[Look | None], signals: _Signals
    ) -> None:
        super().__init__()
        self.number, self.frame, self.looks, self.signals = number, frame, list(looks), signals

    def run(self) -> None:
        graded: list[np.ndarray | None] = []
        for look in self.looks:
            try:
                graded.append(look(self.frame) if look else self.frame)
            except (PresetError, ValueError):  # shown as the ungraded frame, as the list does
                graded.append(None)
        self.signals.done.emit(self.number, graded)


class LookIcons(QObject):
    """Grades a frame with each look in the background; `ready` carries only the newest request's."""

    ready = Signal(list)  # a graded frame or None per look, in the order asked

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._number = 0
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._signals = _Signals(self)
        self._signals.done.connect(self._done)

    def request(self, frame: np.ndarray, looks: Sequence[Look | None]) -> None:
        """Grade frame with each look; an older request still running is answered by nobody."""
        self.cancel()
        self._pool.clear()
        self._pool.start(_GradeJob(self._number, frame, looks, self._signals))

    def cancel(self) -> None:
        """Forget the requests made so far (the list they were for changed)."""
        self._number += 1

    def wait(self) -> None:
        """Let a running grade finish (tests, shutdown)."""
        self._pool.waitForDone()

    def _done(self, number: int, graded: list) -> None:
        if number == self._number:
            self.ready.emit(graded)
