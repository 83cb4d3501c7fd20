"""The real app for the Xvfb soak: ui.shell.app_main.run, plus where its cards are and what happened.

Usage: python xvfb_app.py FILM.reel GEOMETRY.json. Once the film is shown it writes the screen
centres of the cards and the preview to GEOMETRY.json; on quit it prints a line "XVFB {...}" with
how many selections, frames and play toggles the clicks and keys caused.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from ui.shell.app_main import create_application, run


def main(reel: str, geometry: Path) -> int:
    app = create_application()
    seen = {"selections": 0, "frames": 0, "toggles": 0}

    def window():
        from ui.shell.main_window import MainWindow

        return next((w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)), None)

    def describe() -> None:
        win = window()
        if win is None or not win.project.shots or not win.isVisible() or not win.parts_built:
            QTimer.singleShot(200, describe)
            return
        view = win.timeline
        cards = []
        for row in range(win.model.rowCount()):
            centre = view.visualRect(win.model.index(row, 0)).center()
            point = view.viewport().mapToGlobal(centre)
            cards.append([point.x(), point.y()])
        preview = win.preview.view.mapToGlobal(win.preview.view.rect().center())
        view.selectionModel().selectionChanged.connect(
            lambda *a: seen.__setitem__("selections", seen["selections"] + 1)
        )
        win.preview.clock.frameChanged.connect(lambda f: seen.__setitem__("frames", seen["frames"] + 1))
        win.act_play.triggered.connect(lambda *a: seen.__setitem__("toggles", seen["toggles"] + 1))
        geometry.write_text(json.dumps({"cards": cards, "preview": [preview.x(), preview.y()]}))

    app.aboutToQuit.connect(lambda: print("XVFB " + json.dumps(seen), flush=True))
    QTimer.singleShot(300, describe)
    return run([reel])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], Path(sys.argv[2])))
