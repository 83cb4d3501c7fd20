"""The thumbnail cache holds at most its bound in bytes, dropping the least recently used first."""

from __future__ import annotations

from ui_support import sample_project, write_video

from app.project.reel_file import save_project
from app.project.shot import Take
from ui.widgets.thumbnails import ThumbnailCache, pixmap_bytes


def _film_with_a_clip(tmp_path):
    """A saved one-shot film whose media folder holds a small clip, clip.mp4."""
    project = sample_project(1)
    save_project(project, tmp_path / "film.reel")
    write_video(tmp_path / "film.media" / "clip.mp4")
    return project


def _load(qtbot, cache: ThumbnailCache, project, take: Take):
    if cache.get(project, take) is None:
        with qtbot.waitSignal(cache.updated, timeout=20000):
            pass
    pixmap = cache.get(project, take)
    assert pixmap is not None
    return pixmap


def test_the_cache_evicts_the_least_recently_used_under_its_bound(qtbot, tmp_path):
    project = _film_with_a_clip(tmp_path)
    takes = [Take(id=f"t{i}", path="clip.mp4", frames=5, fps=16) for i in range(6)]
    one = pixmap_bytes(_load(qtbot, ThumbnailCache(), project, takes[0]))
    cache = ThumbnailCache(max_bytes=3 * one)
    for take in takes[:3]:
        _load(qtbot, cache, project, take)
    assert cache.held_bytes == 3 * one
    _load(qtbot, cache, project, takes[0])  # used again: now the most recent
    for take in takes[3:5]:
        _load(qtbot, cache, project, take)
    assert cache.held_bytes <= cache.max_bytes
    assert list(cache._pixmaps) == ["t0", "t3", "t4"]  # t1 and t2 went, the recently used t0 stayed
    _load(qtbot, cache, project, takes[1])  # an evicted card comes back (from its PNG, in the background)
    assert list(cache._pixmaps) == ["t3", "t4", "t1"] and cache.held_bytes == 3 * one
    cache.clear()
    assert cache.held_bytes == 0
    cache.shutdown()


def test_thumbnails_scrolled_past_are_forgotten_and_the_newest_is_made_first(qtbot, tmp_path, monkeypatch):
    """A scroll asks for every card it passes: only the newest WAITING_KEPT wait, newest made first, and a
    forgotten one is asked for again when a card wants it."""
    import threading

    from PySide6.QtGui import QImage

    from ui.widgets import thumbnails

    project = _film_with_a_clip(tmp_path)
    made: list[str] = []
    release = threading.Event()

    def make(path, dest) -> QImage:  # the decoding is tested above: here only which, and in what order
        release.wait(10)
        made.append(dest.stem)
        image = QImage(4, 4, QImage.Format.Format_RGB32)
        image.fill(0)
        return image

    monkeypatch.setattr(thumbnails, "_thumbnail", make)
    cache = thumbnails.ThumbnailCache()
    kept = thumbnails.WAITING_KEPT
    takes = [Take(id=f"t{i}", path="clip.mp4", frames=5, fps=16) for i in range(kept + 11)]
    for take in takes:  # t0 is made at once; the rest wait, and only the newest `kept` of them
        assert cache.get(project, take) is None
    release.set()
    assert cache.wait(20000)
    assert made[0] == "t0"
    assert made[1:] == [f"t{i}" for i in range(kept + 10, 10, -1)]  # newest first, t1..t10 forgotten
    assert all(cache.get(project, take) is not None for take in takes[11:])
    assert cache.get(project, takes[5]) is None  # forgotten, not failed: asked for again
    assert cache.wait(20000) and made[-1] == "t5" and cache.get(project, takes[5]) is not None
    cache.shutdown()


def test_waiting_after_shutdown_returns(qtbot, tmp_path):
    """The window closes while a thumbnail is made: a later wait() has nothing to wait for."""
    project = _film_with_a_clip(tmp_path)
    cache = ThumbnailCache()
    assert cache.get(project, Take(id="t", path="clip.mp4", frames=5, fps=16)) is None
    cache.shutdown()
    assert cache.wait(5000)
