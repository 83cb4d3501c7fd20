"""The thumbnail cache holds at most its bound in bytes, dropping the least recently used first."""

from __future__ import annotations

from ui_support import sample_project, write_video

from app.project.reel_file import save_project
from app.project.shot import Take
from ui.widgets.thumbnails import ThumbnailCache, pixmap_bytes


def _load(qtbot, cache: ThumbnailCache, project, take: Take):
    if cache.get(project, take) is None:
        with qtbot.waitSignal(cache.updated, timeout=20000):
            pass
    pixmap = cache.get(project, take)
    assert pixmap is not None
    return pixmap


def test_the_cache_evicts_the_least_recently_used_under_its_bound(qtbot, tmp_path):
    project = sample_project(1)
    save_project(project, tmp_path / "film.reel")
    write_video(tmp_path / "film.media" / "clip.mp4")
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
