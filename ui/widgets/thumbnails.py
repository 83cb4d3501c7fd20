"""Thumbnails of takes: the first frame, decoded off the GUI thread and cached as a small PNG."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal
from PySide6.QtGui import QImage, QImageWriter, QPixmap

from app.project.media_paths import UnsafePath
from app.project.model import Project, Take

THUMB_HEIGHT = 180
THUMB_FOLDER = ".thumbs"


def thumbnail_file(media_dir: Path, take: Take) -> Path:
    """Where a take's cached thumbnail lives."""
    return media_dir / THUMB_FOLDER / f"{take.id}.png"


def render_thumbnail(video: Path, dest: Path, height: int = THUMB_HEIGHT) -> QImage:
    """Decode the first frame of a video, scale it down, save it as PNG; returns the image."""
    from engine.video.video_io import read_frames

    frame = read_frames(video, 0, 1)[0]
    h, w = frame.shape[:2]
    image = QImage(frame.tobytes(), w, h, 3 * w, QImage.Format.Format_RGB888).copy()
    if h > height:
        image = image.scaledToHeight(height, mode=_smooth())
    dest.parent.mkdir(parents=True, exist_ok=True)
    # QImageWriter, not QImage.save: PySide6's stub types save's format as bytes, its binding takes str.
    QImageWriter(str(dest), b"PNG").write(image)
    return image


def _smooth():
    from PySide6.QtCore import Qt

    return Qt.TransformationMode.SmoothTransformation


class _Signals(QObject):
    done = Signal(str, QImage)  # take id, image (null on failure)


class _ThumbnailJob(QRunnable):
    def __init__(self, take_id: str, video: Path, dest: Path, signals: _Signals) -> None:
        super().__init__()
        self.take_id, self.video, self.dest, self.signals = take_id, video, dest, signals

    def run(self) -> None:
        try:
            image = render_thumbnail(self.video, self.dest)
        except Exception:  # any unreadable clip just keeps its placeholder
            image = QImage()
        self.signals.done.emit(self.take_id, image)


class ThumbnailCache(QObject):
    """Pixmaps by take id; missing ones are made in a background pool and announced by `updated`."""

    updated = Signal(str)  # take id

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pixmaps: dict[str, QPixmap] = {}
        self._pending: set[str] = set()
        self._failed: set[str] = set()
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._signals = _Signals()
        self._signals.done.connect(self._on_done)

    def get(self, project: Project, take: Take | None) -> QPixmap | None:
        """The thumbnail if ready; otherwise None, and one is requested."""
        if take is None:
            return None
        if take.id in self._pixmaps:
            return self._pixmaps[take.id]
        if take.id in self._pending or take.id in self._failed:
            return None
        try:
            media, video = project.media_dir, project.take_path(take)
        except UnsafePath:
            return None
        if media is None or video is None or not video.exists():
            return None
        cached = thumbnail_file(media, take)
        if cached.exists() and cached.stat().st_mtime >= video.stat().st_mtime:
            pixmap = QPixmap(str(cached))
            if not pixmap.isNull():
                self._pixmaps[take.id] = pixmap
                return pixmap
        self._pending.add(take.id)
        self._pool.start(_ThumbnailJob(take.id, video, cached, self._signals))
        return None

    def _on_done(self, take_id: str, image: QImage) -> None:
        self._pending.discard(take_id)
        if image.isNull():
            self._failed.add(take_id)
        else:
            self._pixmaps[take_id] = QPixmap.fromImage(image)
        self.updated.emit(take_id)

    def clear(self) -> None:
        """Forget everything (another project was opened)."""
        self._pixmaps.clear()
        self._failed.clear()

    def wait(self, msecs: int = -1) -> bool:
        """Wait for background work to end (tests, shutdown)."""
        return self._pool.waitForDone(msecs)

    def shutdown(self) -> None:
        """Drop queued work and wait for the running job."""
        self._pool.clear()
        self._pool.waitForDone()
