"""Starting the app: the window opens without torch, diffusers or av; thumbnails load off the GUI thread."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from ui_support import make_window, sample_project, write_video

from app.project.reel_file import save_project
from app.project.shot import Take
from ui.widgets.thumbnails import ThumbnailCache, thumbnail_file

ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.slow
def test_run_opens_a_project_without_heavy_imports(tmp_path):
    path = save_project(sample_project(2), tmp_path / "film.reel")
    script = textwrap.dedent(f"""
        import sys
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication
        from ui.shell import app_main
        app = app_main.create_application()
        seen = {{}}
        def check():
            window = QApplication.activeWindow() or QApplication.topLevelWidgets()[0]
            seen["title"] = [w.windowTitle() for w in QApplication.topLevelWidgets() if w.isWindow()
                             and w.objectName() == "MainWindow"][0]
            seen["heavy"] = [m for m in ("torch", "diffusers", "av") if m in sys.modules]
            QApplication.quit()
        QTimer.singleShot(300, check)
        code = app_main.run([{str(path)!r}])
        print(code, seen["title"], seen["heavy"])
    """)
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().startswith("0 Sample[*]") and done.stdout.strip().endswith("[]"), done.stdout


def test_thumbnail_is_made_in_the_background_and_cached(qtbot, tmp_path):
    project = sample_project(1)
    save_project(project, tmp_path / "film.reel")
    write_video(tmp_path / "film.media" / "t.mp4")
    take = Take(id="t", path="t.mp4", frames=5, fps=16)
    project.add_take(project.shots[0].id, take)
    cache = ThumbnailCache()
    with qtbot.waitSignal(cache.updated, timeout=10000) as signal:
        assert cache.get(project, take) is None
    assert signal.args == ["t"]
    pixmap = cache.get(project, take)
    assert pixmap is not None and pixmap.width() == 64
    assert thumbnail_file(project.media_dir, take).is_file()
    fresh = ThumbnailCache()
    before = thumbnail_file(project.media_dir, take).stat().st_mtime_ns
    with qtbot.waitSignal(fresh.updated, timeout=10000):  # a new cache reads the PNG, off the GUI thread
        assert fresh.get(project, take) is None
    assert fresh.get(project, take) is not None
    assert thumbnail_file(project.media_dir, take).stat().st_mtime_ns == before  # read, not made again
    cache.shutdown()
    fresh.shutdown()


def test_cards_show_the_thumbnail(qtbot, tmp_path):
    project = sample_project(1)
    save_project(project, tmp_path / "film.reel")
    write_video(tmp_path / "film.media" / "t.mp4")
    project.add_take(project.shots[0].id, Take(id="t", path="t.mp4", frames=5, fps=16))
    window = make_window(qtbot, project)
    qtbot.waitUntil(lambda: "t" in window.thumbnails._pixmaps, timeout=10000)
    window.thumbnails.wait()
