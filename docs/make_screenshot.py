"""Take docs/screenshot.png (the main window at 1440×900 with the example project) and docs/start-page.png.

    QT_QPA_PLATFORM=offscreen python docs/make_screenshot.py [--render] [-o docs/screenshot.png]

The start page is taken first, as a new user sees it on the first run: no film open, the example
in the recent films, no model set yet.

--render first makes takes for the example with the tiny demo model (`main.py demo-model` and
`main.py render`, about a minute on a CPU), so the cards show thumbnails; without it they show
their prompts. The example in resources/ is never modified: everything happens in a temp folder.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "resources" / "examples" / "example.reel"
SIZE = (1440, 900)


def render_takes(film: Path, work: Path) -> None:
    """Generate the example's takes with the tiny random-weight model."""
    model = work / "tiny-model"
    env = dict(os.environ, STORYREEL_HOME=str(work / "home"))
    for args in (
        ["demo-model", str(model)],
        ["render", str(film), "-o", str(work / "film.mp4"), "--model", str(model)],
    ):
        subprocess.run([sys.executable, str(ROOT / "main.py"), *args], check=True, env=env, cwd=ROOT)


def settle(app: object, window: object) -> None:
    """Until the window's thumbnails are painted (a script, not the app: it may wait)."""
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        window.thumbnails.wait(100)  # type: ignore[attr-defined]
        app.processEvents()  # type: ignore[attr-defined]
        if not window.thumbnails._pending:  # type: ignore[attr-defined]
            break


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-o", "--output", type=Path, default=ROOT / "docs" / "screenshot.png")
    parser.add_argument("--project", type=Path, default=EXAMPLE)
    parser.add_argument("--render", action="store_true", help="make takes with the tiny demo model first")
    parser.add_argument("--start-page", type=Path, default=ROOT / "docs" / "start-page.png")
    parser.add_argument("--select", type=int, default=1, help="which shot the inspector shows (0-based)")
    args = parser.parse_args()

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(ROOT))
    with tempfile.TemporaryDirectory(prefix="storyreel-shot-") as tmp:
        work = Path(tmp)
        os.environ["STORYREEL_HOME"] = str(work / "home")  # never touch the user's settings
        film = work / "film" / args.project.name
        film.parent.mkdir()
        shutil.copy2(args.project, film)
        media = args.project.with_name(args.project.stem + ".media")
        if media.is_dir():
            shutil.copytree(media, film.with_name(film.stem + ".media"))
        if args.render:
            render_takes(film, work)

        from PySide6.QtWidgets import QApplication

        from app.settings.user_settings import load_settings, save_settings
        from ui.app_main import create_application
        from ui.main_window import MainWindow

        settings = load_settings()
        settings.add_recent(film)
        settings.reopen_last = False  # the first run: the start page, not the last film
        save_settings(settings)
        app = create_application([sys.argv[0]])
        window = MainWindow()
        window.show()
        window.resize(*SIZE)
        settle(app, window)
        args.start_page.parent.mkdir(parents=True, exist_ok=True)
        window.grab().save(str(args.start_page))
        print(f"wrote {args.start_page}")
        if not window.files.open_path(film, ask=False):
            return 1
        window.show()
        window.resize(*SIZE)
        app.processEvents()
        shots = window.project.shots
        if shots:
            window.timeline.select_ids([shots[min(args.select, len(shots) - 1)].id])
        window.zoom_to_fit()
        settle(app, window)
        window.statusBar().clearMessage()
        app.processEvents()
        args.output.parent.mkdir(parents=True, exist_ok=True)
        window.grab().save(str(args.output))
        window.undo_stack.setClean()
        window.close()
        QApplication.processEvents()
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
