"""Take the screenshots of docs/continuity.md: the three ways a shot gets its start image.

    QT_QPA_PLATFORM=offscreen python docs/make_continuity_screenshots.py [-o docs]

Renders the example film first with the tiny demo models (`main.py demo-model`, text and I2V, and
`main.py render`, a few minutes on a CPU), so the cards and the preview show real takes, then takes
continuity-image.png (a start image from a file), continuity-frame.png (the preview's
"Use This Frame as the Next Shot's Start") and continuity-continue.png (continue from the previous
shot). The example in resources/ is never modified: everything happens in a temp folder.
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
    """Generate the example's takes with the tiny random-weight text and image models."""
    from app.project.reel_file import load_project, save_project

    env = dict(os.environ, STORYREEL_HOME=str(work / "home"))
    text, image = work / "tiny-model", work / "tiny-i2v"
    for args in (["demo-model", str(text)], ["demo-model", str(image), "--arch", "i2v-a14b"]):
        subprocess.run([sys.executable, str(ROOT / "main.py"), *args], check=True, env=env, cwd=ROOT)
    project = load_project(film)  # this copy's shots with images go to the tiny I2V model
    project.settings.image_model = str(image)
    project.settings.vace_model = None  # its cast's shots: the demo model's own reference model
    save_project(project)
    render = ["render", str(film), "-o", str(work / "film.mp4"), "--model", str(text)]
    subprocess.run([sys.executable, str(ROOT / "main.py"), *render], check=True, env=env, cwd=ROOT)


def wait_for(app: object, done, seconds: float = 20) -> None:
    """Process events until done() (a script, not the app: it may wait)."""
    deadline = time.monotonic() + seconds
    while not done() and time.monotonic() < deadline:
        app.processEvents()  # type: ignore[attr-defined]
        time.sleep(0.02)


def show_shot(app: object, window: object, index: int) -> None:
    """Select a shot with the inspector scrolled to its images, and wait for every thumbnail."""
    from make_screenshot import settle

    shot = window.project.shots[index]  # type: ignore[attr-defined]
    window.timeline.select_ids([shot.id])  # type: ignore[attr-defined]
    window.inspector.ensureWidgetVisible(window.inspector.images, 0, 40)  # type: ignore[attr-defined]
    for _ in range(3):  # card thumbnails, then the insets they reveal
        settle(app, window)
    wait_for(app, lambda: window.preview.current is not None or window.preview.view.image is None, 5)  # type: ignore[attr-defined]


def with_menu(window: object, menu: object) -> object:
    """The window's picture with an open context menu painted where it pops up (menus are windows of their own)."""
    from PySide6.QtGui import QPainter

    picture = window.grab()  # type: ignore[attr-defined]
    painter = QPainter(picture)
    painter.drawPixmap(window.mapFromGlobal(menu.pos()), menu.grab())  # type: ignore[attr-defined]
    painter.end()
    return picture


def screenshot_args(doc: str, no_render: str) -> argparse.Namespace:
    """The screenshot scripts' options: -o FOLDER and --no-render (offscreen unless a display is asked for)."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("-o", "--output", type=Path, default=ROOT / "docs")
    parser.add_argument("--no-render", action="store_true", help=no_render)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    return parser.parse_args()


def example_copy(work: Path) -> Path:
    """The example film copied into work/film (resources/ is never modified), with a settings home there."""
    os.environ["STORYREEL_HOME"] = str(work / "home")  # never touch the user's settings
    film = work / "film" / EXAMPLE.name
    film.parent.mkdir()
    shutil.copy2(EXAMPLE, film)
    shutil.copytree(EXAMPLE.with_name(EXAMPLE.stem + ".media"), film.with_name(film.stem + ".media"))
    return film


def main() -> int:
    args = screenshot_args(__doc__ or "", "no takes: cards show their prompts (quick)")
    sys.path[:0] = [str(ROOT), str(ROOT / "docs")]
    with tempfile.TemporaryDirectory(prefix="storyreel-continuity-") as tmp:
        work = Path(tmp)
        film = example_copy(work)
        if not args.no_render:
            render_takes(film, work)

        from PySide6.QtCore import QPoint
        from PySide6.QtWidgets import QMenu

        from ui.shell.app_main import create_application
        from ui.shell.main_window import MainWindow

        app = create_application([sys.argv[0]])
        window = MainWindow()
        if not window.files.open_path(film, ask=False):
            return 1
        window.show()
        window.resize(*SIZE)
        window.zoom_to_fit()
        args.output.mkdir(parents=True, exist_ok=True)
        shots = window.project.shots
        keeper = next(i for i, s in enumerate(shots) if s.start_image is not None)
        continuing = next(i for i, s in enumerate(shots) if s.continue_previous)

        show_shot(app, window, keeper)
        window.grab().save(str(args.output / "continuity-image.png"))
        show_shot(app, window, continuing)
        window.grab().save(str(args.output / "continuity-continue.png"))

        # The preview on the shot before the continuing one, its right-click menu open.
        show_shot(app, window, continuing - 1)
        player = window.preview
        player.seek_frame(max(0, player.clock.length - 1))
        wait_for(app, lambda: player.current is not None)
        menu = QMenu(window)
        menu.addActions(player.view.actions())
        menu.setActiveAction(window.continuity.frame_action.action)
        menu.popup(player.view.mapToGlobal(QPoint(player.view.width() // 2, player.view.height() // 2)))
        wait_for(app, menu.isVisible, 2)
        with_menu(window, menu).save(str(args.output / "continuity-frame.png"))
        menu.close()
        window.undo_stack.setClean()
        window.close()
        app.processEvents()
    for name in ("continuity-image.png", "continuity-continue.png", "continuity-frame.png"):
        print(f"wrote {args.output / name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
