"""Thumbnails of takes (the first frame, cached as a small PNG) and of shot images, decoded off the GUI thread."""

from __future__ import annotations

from collections import OrderedDict
from pathlib import Path

from PySide6.QtCore import QDeadlineTimer, QObject, Signal
from PySide6.QtGui import QImage, QImageReader, QImageWriter, QPixmap

from app.project.media_paths import UnsafePath, contained
from app.project.project import Project
from app.project.shot import Take
from app.project.shot_inputs import ShotImage
from app.settings.user_settings import DEFAULT_THUMBNAIL_CACHE_MB
from ui.widgets.background import BackgroundWorker, deliver_answers

THUMB_HEIGHT = 180
THUMB_FOLDER = ".thumbs"


def thumbnail_file(media_dir: Path, take: Take) -> Path:
    """Where a take's cached thumbnail lives."""
    return media_dir / THUMB_FOLDER / f"{take.id}.png"


def render_thumbnail(video: Path, dest: Path, height: int = THUMB_HEIGHT) -> QImage:
    """Decode the first frame of a video, scale it down, save it as PNG; returns the image."""
    from engine.video.freed_memory import decoded_one
    from engine.video.video_io import read_frames

    frame = read_frames(video, 0, 1)[0]
    decoded_one()
    h, w = frame.shape[:2]
    image = QImage(frame.tobytes(), w, h, 3 * w, QImage.Format.Format_RGB888).copy()
    if h > height:
        image = image.scaledToHeight(height, mode=_smooth())
    dest.parent.mkdir(parents=True, exist_ok=True)
    # QImageWriter, not QImage.save: PySide6's stub types save's format as bytes, its binding takes str.
    QImageWriter(str(dest), b"PNG").write(image)
    return image


def read_still_thumbnail(path: Path, height: int = THUMB_HEIGHT) -> QImage:
    """A shot image decoded straight to thumbnail size (a null image if it cannot be read)."""
    reader = QImageReader(str(path))
    reader.setAutoTransform(True)
    size = reader.size()
    if size.isValid() and size.height() > height:
        reader.setScaledSize(size.scaled(size.width(), height, _keep_aspect()))
    return reader.read()


def _keep_aspect():
    from PySide6.QtCore import Qt

    return Qt.AspectRatioMode.KeepAspectRatio


def _smooth():
    from PySide6.QtCore import Qt

    return Qt.TransformationMode.SmoothTransformation


def _fresh(cached: Path, video: Path) -> bool:
    try:
        return cached.stat().st_mtime >= video.stat().st_mtime
    except OSError:
        return False


def _thumbnail(path: Path, dest: Path | None) -> QImage:
    """Runs on the worker: no thumbnail is decoded on the GUI thread, not even the PNG made before."""
    if dest is None:  # path is a shot image, read at thumbnail size and kept in memory only
        return read_still_thumbnail(path)
    image = QImageReader(str(dest)).read() if _fresh(dest, path) else QImage()
    return render_thumbnail(path, dest) if image.isNull() else image


def pixmap_bytes(pixmap: QPixmap) -> int:
    """Memory a pixmap holds (its pixels)."""
    return pixmap.width() * pixmap.height() * max(1, pixmap.depth()) // 8


DEFAULT_CACHE_BYTES = DEFAULT_THUMBNAIL_CACHE_MB << 20
# Thumbnails asked for and not started, newest made first; older ones are forgotten (asked again when a
# paint wants them). A scroll along 2,000 cards asked for every card it passed: the pool made them for
# tens of seconds afterwards, beside the clicks, for cards no longer on screen.
WAITING_KEPT = 48
STILL_PREFIX = "image:"  # a shot image's key: the prefix and its picture's SHA-256


def still_key(image: ShotImage) -> str:
    """A shot image's key in the cache (and in `updated`): the same picture is decoded once, whichever shots use it."""
    return STILL_PREFIX + image.sha256


class ThumbnailCache(QObject):
    """Pixmaps by take id, least recently used dropped past max_bytes; missing ones are made in a
    background pool and announced by `updated`."""

    updated = Signal(str)  # take id, or "image:<sha256>" for a shot image
    stillUpdated = Signal(str)  # the same, for a shot image's thumbnail only

    def __init__(self, parent: QObject | None = None, max_bytes: int = DEFAULT_CACHE_BYTES) -> None:
        super().__init__(parent)
        self.max_bytes = max_bytes
        self.held_bytes = 0
        self._pixmaps: OrderedDict[str, QPixmap] = OrderedDict()  # least recently used first
        self._pending: set[str] = set()  # waiting or being made
        self._failed: set[str] = set()
        self._waiting: OrderedDict[str, tuple[Path, Path | None]] = OrderedDict()  # oldest first
        self._making: str | None = None  # the one on the worker: one at a time, so the newest goes next
        self._worker = BackgroundWorker(self, short=True)

    def get(self, project: Project, take: Take | None) -> QPixmap | None:
        """The thumbnail if ready; otherwise None, and one is requested."""
        if take is None:
            return None
        pixmap = self._hit(take.id)
        if pixmap is not None or take.id in self._pending or take.id in self._failed:
            return pixmap
        try:
            media, video = project.media_dir, project.take_path(take)
        except UnsafePath:
            return None
        if media is None or video is None or not video.exists():
            return None
        self._pending.add(take.id)
        self._request(take.id, video, thumbnail_file(media, take))
        return None

    def _hit(self, key: str) -> QPixmap | None:
        pixmap = self._pixmaps.get(key)
        if pixmap is not None:
            self._pixmaps.move_to_end(key)
        return pixmap

    def _keep(self, key: str, pixmap: QPixmap) -> None:
        old = self._pixmaps.pop(key, None)
        if old is not None:
            self.held_bytes -= pixmap_bytes(old)
        self._pixmaps[key] = pixmap
        self.held_bytes += pixmap_bytes(pixmap)
        while self.held_bytes > self.max_bytes and len(self._pixmaps) > 1:
            _, dropped = self._pixmaps.popitem(last=False)
            self.held_bytes -= pixmap_bytes(dropped)

    def still(self, project: Project, image: ShotImage) -> QPixmap | None:
        """A shot image's thumbnail if ready; otherwise None, and one is requested (`updated` says when)."""
        key = still_key(image)
        pixmap = self._hit(key)
        if pixmap is not None:
            return pixmap
        if key in self._pending or key in self._failed or project.media_dir is None:
            return None
        try:
            path = contained(project.media_dir, image.path)
        except UnsafePath:
            return None
        self._pending.add(key)
        self._request(key, path, None)
        return None

    def _request(self, key: str, path: Path, dest: Path | None) -> None:
        self._waiting[key] = (path, dest)
        while len(self._waiting) > WAITING_KEPT:
            self._pending.discard(self._waiting.popitem(last=False)[0])
        self._make_next()

    def _make_next(self) -> None:
        if self._making is not None or not self._waiting:
            return
        key, (path, dest) = self._waiting.popitem()  # the newest: after a scroll, the cards on screen
        self._making = key
        self._worker.run(
            lambda: _thumbnail(path, dest),
            lambda image: self._on_done(key, image),
            lambda _exc: self._on_done(key, QImage()),  # any unreadable clip just keeps its placeholder
        )

    def _on_done(self, take_id: str, image: QImage) -> None:
        self._making = None
        self._pending.discard(take_id)
        if image.isNull():
            self._failed.add(take_id)
        else:
            self._keep(take_id, QPixmap.fromImage(image))
        self.updated.emit(take_id)
        if take_id.startswith(STILL_PREFIX):
            self.stillUpdated.emit(take_id)
        self._make_next()

    def clear(self) -> None:
        """Forget everything (another project was opened)."""
        self._pixmaps.clear()
        self.held_bytes = 0
        self._failed.clear()
        self._forget_waiting()

    def wait(self, msecs: int = -1) -> bool:
        """Make every thumbnail asked for and hand it over now (tests, benches); False past msecs."""
        deadline = QDeadlineTimer(msecs)
        while self._making is not None:
            if not self._worker.wait(deadline):
                return False
            making = self._making
            deliver_answers()  # the one made: its answer starts the next
            if self._making == making and not self._worker.busy():
                break  # no answer is coming (shut down)
        return True

    def shutdown(self) -> None:
        """Forget the waiting ones and wait for the one being made."""
        self._forget_waiting()
        self._worker.shutdown()
        self._making = None

    def _forget_waiting(self) -> None:
        for key in self._waiting:
            self._pending.discard(key)
        self._waiting.clear()
