"""LookIcons: each preset's look loaded and applied to a frame on a worker, so neither opening the window
nor a click on a shot grades (or builds a 3D LUT's table, about 0.1 s each) on the GUI thread."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
from PySide6.QtCore import QObject, Signal

from app.presets.preset import Preset, PresetError
from ui.widgets.background import BackgroundWorker

log = logging.getLogger(__name__)
Look = Callable[[np.ndarray], np.ndarray]
Source = tuple[Preset, Path]  # a preset and the folder its LUT and logo are in


Loaded = tuple[Look | None, str | None]  # a preset's look, or None and why it cannot be used


def _grade(
    make_frame: Callable[[], np.ndarray],
    sources: Sequence[Source | None],
    looks: dict[tuple[str, Path], Loaded],
) -> list[tuple[np.ndarray, str | None]]:
    """Runs on the worker: frame through each preset's look, or as it is and why where one cannot be used."""
    frame = make_frame()
    graded: list[tuple[np.ndarray, str | None]] = []
    for source in sources:
        look, error = _loaded(source, looks) if source else (None, None)
        if error is None:
            try:
                graded.append((look(frame) if look else frame, None))
                continue
            except ValueError as exc:
                error = str(exc)
        graded.append((frame, error))  # shown ungraded, its reason as the tip
    return graded


def _loaded(source: Source, looks: dict[tuple[str, Path], Loaded]) -> Loaded:
    """The preset's look, loaded once per reading of the library (a 3D LUT's table takes about 0.1 s)."""
    from app.film.shot_looks import look_for_preset

    key = (source[0].name, source[1])
    if key not in looks:
        try:
            looks[key] = (look_for_preset(*source), None)
        except (PresetError, ValueError) as exc:
            looks[key] = (None, str(exc))
    return looks[key]


class LookIcons(QObject):
    """Grades a frame with each preset's look in the background; `ready` carries only the newest request's."""

    ready = Signal(list)  # (graded frame, or the frame as it is and why) per preset, in the order asked

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._number = 0
        self._worker = BackgroundWorker(self, short=True)
        self._looks: dict[tuple[str, Path], Loaded] = {}  # filled on the worker, per library read

    def request(self, make_frame: Callable[[], np.ndarray], sources: Sequence[Source | None]) -> None:
        """Grade the frame make_frame gives (it runs on the worker too) with each preset's look; an older
        request still running is answered by nobody."""
        self.cancel()
        self._worker.drop_queued()
        number, sources, looks = self._number, list(sources), self._looks
        self._worker.run(
            lambda: _grade(make_frame, sources, looks),
            lambda graded: self._done(number, graded),
            self._failed,
        )

    def forget_looks(self) -> None:
        """The library was read again: its looks are loaded anew (a running grade keeps the old ones)."""
        self._looks = {}

    def cancel(self) -> None:
        """Forget the requests made so far (the list they were for changed)."""
        self._number += 1

    def wait(self) -> None:
        """Let a running grade finish (tests)."""
        self._worker.wait()

    def shutdown(self) -> None:
        """The window closes: grades not started are dropped, a running one is waited for, none answers."""
        self._worker.shutdown()

    def _failed(self, exc: BaseException) -> None:
        # A bug, not a look that failed (those come back with their reason): logged, the icons stay as they were.
        log.error("grading the preset icons failed", exc_info=exc)

    def _done(self, number: int, graded: list[tuple[np.ndarray, str | None]]) -> None:
        if number == self._number:
            self.ready.emit(graded)
