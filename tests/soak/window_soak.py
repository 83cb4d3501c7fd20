"""Soak driver: the real main window with takes, repainted and playing; prints None's refcount.

Run by test_window_soak.py in a child process, so a binding that corrupts refcounts aborts the child
(a failed test), not pytest. Usage: python window_soak.py FOLDER SECONDS
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication


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
    from soak_support import film_with_takes
    from ui_support import FakeDialogs

    from ui.shell.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    project = film_with_takes(folder)
    window = MainWindow(project, FakeDialogs())
    window.show()
    window.session.show(project)
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
