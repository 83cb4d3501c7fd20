"""ControlOverlay: the preview's toggle that draws a take's control frames over it, read off the GUI thread."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QImage

from app.project.project import Project
from ui.widgets.background import BackgroundWorker

MAX_SIDECAR_BYTES = 4 << 20  # a take's sidecar is a few kB; a larger one is not read for an overlay
_KEY = re.compile(r"[0-9a-f]{8,64}")


def control_folder(project: Project, shot_id: str) -> Path | None:
    """The cache folder of the control frames the shot's active take was made with, or None."""
    from app.project.media_paths import UnsafePath
    from engine.backends.take_record import sidecar_path

    try:
        shot = project.shot(shot_id)
        take = shot.take(shot.active_take)
        clip = project.take_path(take) if take is not None else None
    except (KeyError, UnsafePath):
        return None
    if clip is None or project.media_dir is None:
        return None
    sidecar = sidecar_path(clip)
    try:
        if sidecar.is_symlink() or sidecar.stat().st_size > MAX_SIDECAR_BYTES:
            return None
        record = json.loads(sidecar.read_text(encoding="utf-8")).get("control")
    except (OSError, ValueError, AttributeError):
        return None
    key = record.get("key") if isinstance(record, dict) else None
    if not isinstance(key, str) or not _KEY.fullmatch(key):
        return None
    # The folder is found by its key inside this film's media, never by the path recorded: a sidecar
    # copied from elsewhere must not lead the preview out of the project.
    cache = project.media_dir / "control"
    folder = cache / key
    if cache.is_symlink() or folder.is_symlink() or not folder.is_dir():
        return None
    return folder


def read_control_frame(folder: Path, index: int) -> Any:
    """The control frame at index (the last one past the end) as an RGB array, or None if missing."""
    import numpy as np
    from PIL import Image

    from engine.conditioning.control_cache import frame_name

    path = folder / frame_name(index)
    while index > 0 and not path.exists():  # a take longer than its control holds the last frame
        index -= 1
        path = folder / frame_name(index)
    if path.is_symlink() or not path.is_file():
        return None
    with Image.open(path) as image:
        return np.ascontiguousarray(np.asarray(image.convert("RGB")))


class ControlOverlay(QObject):
    """Follows the preview's frames and shows the matching control frame over the take while checked."""

    def __init__(self, player: Any) -> None:
        # player: the PreviewPlayer, not imported here: it imports this module.
        super().__init__(player)
        self.player = player
        self.worker = BackgroundWorker(self)
        self.action = QAction(self.tr("Show &Control Frames"), self)
        self.action.setCheckable(True)
        self.action.setToolTip(
            self.tr("Draw the control frames (pose, depth, edges) the take was made with over it")
        )
        self.action.toggled.connect(self.refresh)
        player.clock.frameChanged.connect(lambda _frame: self.refresh())
        self._shown: tuple[Path, int] | None = None
        self._array: Any = None  # keeps the pixels the QImage points into alive

    def refresh(self) -> None:
        """Show the control frame for the frame on screen (or nothing when off or there is none)."""
        wanted = self._wanted() if self.action.isChecked() else None
        if wanted is None:
            self._show(None, None)
            return
        if wanted == self._shown:
            return
        folder, index = wanted
        self.worker.drop_queued()  # while playing only the newest frame matters
        self.worker.run(
            lambda: read_control_frame(folder, index),
            lambda array: self._show(wanted, array),
            lambda _exc: self._show(None, None),
        )

    def _wanted(self) -> tuple[Path, int] | None:
        player = self.player
        t = player.film_time()
        span = player.shown_span(t)
        if span is None or span.path is None:
            return None
        folder = control_folder(player.project, span.shot_id)
        return None if folder is None else (folder, span.source_frame(t))

    def _show(self, shown: tuple[Path, int] | None, array: Any) -> None:
        self._shown = shown if array is not None else None
        self._array = array
        view = self.player.view
        if array is None:
            view.control = None
        else:
            height, width = array.shape[:2]
            view.control = QImage(array.data, width, height, 3 * width, QImage.Format.Format_RGB888)
        view.update()

    def shutdown(self) -> None:
        """Wait for the frame being read; no answer follows."""
        self.worker.shutdown()
