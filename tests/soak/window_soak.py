"""Soak driver: the real main window with takes, repainted and playing; prints None's refcount.

Run by test_window_soak.py in a child process, so a binding that corrupts refcounts aborts the child
(a failed test), not pytest. Usage: python window_soak.py FOLDER SECONDS
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import numpy as np
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

from app.project.model import Project, ProjectSettings, Shot, Take
from app.project.reel_file import save_project
from engine.video.video_io import write_clip

SHOTS, FRAMES, FPS, WIDTH, HEIGHT = 4, 32, 16, 160, 96


def film_with_takes(folder: Path) -> Project:
    """A saved project whose every shot has a real take of moving noise."""
    project = Project(
        ProjectSettings(name="Soak", width=WIDTH, height=HEIGHT, fps=FPS),
        [Shot(title=f"Shot {i}", prompt=f"a lighthouse at dusk, take {i}") for i in range(SHOTS)],
    )
    save_project(project, folder / "soak.reel")
    rng = np.random.default_rng(7)
    for i, shot in enumerate(project.shots):
        path = project.media_dir / shot.id / "take-001.mp4"
        path.parent.mkdir(parents=True)
        write_clip(rng.integers(0, 256, (FRAMES, HEIGHT, WIDTH, 3), dtype=np.uint8), FPS, path)
        take = Take(
            id=f"t{i}", path=f"{shot.id}/take-001.mp4", frames=FRAMES, fps=FPS, width=WIDTH, height=HEIGHT
        )
        project.add_take(shot.id, take)
    save_project(project, folder / "soak.reel")
    return project


class PaintCounter(QObject):
    """Counts the paint events the watched widgets receive, so the soak can prove it repainted."""

    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


def main(folder: Path, seconds: float) -> int:
    from ui_support import FakePrompts

    from ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    project = film_with_takes(folder)
    window = MainWindow(project, FakePrompts())
    window.show()
    window.set_project(project)
    player = window.preview
    player.loop.setChecked(True)
    painted = PaintCounter()
    for widget in (window.timeline.viewport(), window.ruler, player.view):
        widget.installEventFilter(painted)
    frames_shown: list[int] = []
    player.clock.frameChanged.connect(frames_shown.append)
    state = {"tick": 0, "start_refs": 0, "start": 0.0}

    def tick() -> None:
        state["tick"] += 1
        window.timeline.viewport().update()
        window.ruler.update()
        player.view.update()
        if state["tick"] % 50 == 0:  # between cards now and then, as a person clicking about would
            shot = project.shots[(state["tick"] // 50) % len(project.shots)]
            window.timeline.select_ids([shot.id])
            player.set_mode("film" if (state["tick"] // 50) % 3 == 0 else "shot")
            player.play()
        if time.monotonic() - state["start"] >= seconds:
            report = {
                "start_refs": state["start_refs"],
                "end_refs": sys.getrefcount(None),
                "paints": painted.count,
                "frames_shown": len(frames_shown),
                "distinct_frames": len(set(frames_shown)),
                "seconds": round(time.monotonic() - state["start"], 1),
            }
            print("SOAK " + json.dumps(report), flush=True)
            app.quit()

    def begin() -> None:
        window.timeline.select_ids([project.shots[0].id])
        player.set_mode("film")
        player.play()
        state["start_refs"], state["start"] = sys.getrefcount(None), time.monotonic()
        repaint.start(10)

    repaint = QTimer()
    repaint.timeout.connect(tick)
    QTimer.singleShot(500, begin)  # the window settled: first paint, thumbnails requested
    app.exec()
    repaint.stop()
    window.generation.shutdown()
    window.thumbnails.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), float(sys.argv[2])))
