"""Launch to film: seconds from starting `main.py FILM.reel` until the film's timeline has painted,
against a bare PySide6 process showing an empty QMainWindow, as the median of interleaved pairs.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python bench/launch_time.py FILM.reel [--pairs 5]
(bench/scale.py runs it on its films.) Both processes start with compiled bytecode in a private
pycache (a warm-up launch each first), as an installed app does; the time is what a person waits
after a double-click, imports included.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHOWN = "shown"


def _child(kind: str, film: str | None) -> None:
    """In the launched process: print SHOWN once the window has painted (the film's cards, for a film)."""
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow

    class Watch(QObject):
        done = False

        def eventFilter(self, obj, event):  # noqa: N802 - Qt's name
            if not self.done and event.type() == QEvent.Type.Paint and self._the_one(obj):
                self.done = True
                QTimer.singleShot(0, self._report)  # after this paint has been drawn
            return False

        def _the_one(self, obj) -> bool:
            if kind == "bare":
                return isinstance(obj, QMainWindow)
            views = sys.modules.get("ui.timeline.timeline_view")
            parent = obj.parent()
            return (
                views is not None
                and isinstance(parent, views.TimelineView)
                and parent.model() is not None
                and parent.model().rowCount() > 0
            )

        def _report(self) -> None:
            print(SHOWN, flush=True)
            os._exit(0)  # the time is taken; closing the app is not part of it

    app = QApplication(["storyreel"])  # the app's create_application takes this one over
    watch = Watch()
    app.installEventFilter(watch)
    if kind == "bare":
        window = QMainWindow()
        window.show()
        app.exec()
        return
    sys.path.insert(0, str(ROOT))
    import main

    main.main([film or ""])


def launch_seconds(kind: str, film: Path | None, env: dict[str, str]) -> float:
    """One launch: seconds from the process's start until it says the window is shown."""
    command = [sys.executable, __file__, "--child", kind] + ([str(film)] if film else [])
    start = time.perf_counter()
    with subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env, cwd=ROOT
    ) as process:
        assert process.stdout is not None
        line = process.stdout.readline().strip()
        seconds = time.perf_counter() - start
        process.wait(timeout=60)
    if line != SHOWN:
        raise RuntimeError(f"the {kind} launch ended without showing its window")
    return seconds


def launch_ratio(film: Path, pairs: int, home: Path) -> tuple[float, float, float]:
    """(film / bare as the median of pairs, median film seconds, median bare seconds)."""
    with tempfile.TemporaryDirectory() as pycache:
        env = dict(os.environ, STORYREEL_HOME=str(home), PYTHONPYCACHEPREFIX=pycache)
        env.pop("PYTHONDONTWRITEBYTECODE", None)  # an installed app has its .pyc files
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
        launch_seconds("bare", None, env)  # warm-ups: bytecode written, files in the page cache
        launch_seconds("film", film, env)
        measured = [
            (launch_seconds("film", film, env), launch_seconds("bare", None, env)) for _ in range(pairs)
        ]
    ratio = statistics.median(a / b for a, b in measured)
    return ratio, statistics.median(a for a, _ in measured), statistics.median(b for _, b in measured)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("film", nargs="?", type=Path)
    parser.add_argument("--pairs", type=int, default=5)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(args.child, str(args.film) if args.film else None)
        return 0
    if args.film is None:
        parser.error("give a .reel film to launch")
    with tempfile.TemporaryDirectory() as home:
        ratio, film_s, bare_s = launch_ratio(args.film.resolve(), args.pairs, Path(home))
    print(
        f"launch to film painted {film_s:.2f} s, bare window {bare_s:.2f} s: {ratio:.2f}x (median of pairs)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
