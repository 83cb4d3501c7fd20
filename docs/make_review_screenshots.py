"""Take the screenshots of docs/review.md: a shot's ranked takes in the window, and the review report.

    QT_QPA_PLATFORM=offscreen python docs/make_review_screenshots.py [-o docs]

Works on a copy of the example film in a temp folder (resources/ is never modified). The first shot
gets three takes from the tiny random-weight demo model (`main.py demo-model`, then `main.py render
--takes 3 --pick best`), scored on the worker by the scorers that need no download (motion, flicker,
look); the window then shows them sorted by the combined score (review-takes.png), and the report is
written and rendered by headless Chromium (review-report.png).
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
SCORERS = ["motion", "flicker", "look"]  # the ones that load no model: this script downloads nothing


def make_takes(film: Path, work: Path) -> None:
    """Three takes of the first shot with the tiny demo model, scored as they are written."""
    from app.settings.review_settings import ReviewSettings, store_review_settings
    from app.settings.user_settings import load_settings, save_settings

    settings = load_settings()
    store_review_settings(settings, ReviewSettings(enabled=SCORERS))
    save_settings(settings)
    model = work / "tiny-model"
    env = dict(os.environ, STORYREEL_HOME=str(work / "home"))
    subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "demo-model", str(model)], check=True, env=env, cwd=ROOT
    )
    from app.project.reel_file import load_project, save_project
    from engine.generation.demo_model import demo_image_model

    project = load_project(film)  # the film names the Hub's models: this copy uses the demo model's own
    image_model = demo_image_model(str(model))
    project.settings.image_model = str(image_model) if image_model else project.settings.image_model
    project.settings.vace_model = None
    save_project(project)
    for args in (
        ["render", str(film), "-o", str(work / "film.mp4"), "--model", str(model), "--shots", "1"]
        + ["--takes", "3", "--pick", "best", "--quality", "final"],
    ):
        subprocess.run([sys.executable, str(ROOT / "main.py"), *args], check=True, env=env, cwd=ROOT)


def take_window_picture(film: Path, output: Path) -> None:
    """The window with the first shot selected and its takes sorted by the combined score."""
    from PySide6.QtCore import Qt

    from ui.shell.app_main import create_application
    from ui.shell.main_window import MainWindow

    app = create_application([sys.argv[0]])
    from app.project.reel_file import load_project

    window = MainWindow(load_project(film))
    window.resize(*SIZE)
    window.show()
    window.timeline.select_ids([window.project.shots[0].id])
    # The inspector wide enough for every score column, scrolled down to the takes.
    window.resizeDocks([window.inspector_dock], [760], Qt.Orientation.Horizontal)
    window.inspector.takes.view.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:  # a script, not the app: it may wait for the thumbnails
        window.thumbnails.wait(100)
        app.processEvents()
    window.inspector.ensureWidgetVisible(window.inspector.takes)
    app.processEvents()
    window.grab().save(str(output))
    window.close()


def take_report_picture(film: Path, output: Path, work: Path) -> None:
    """The report as headless Chromium shows it."""
    from app.project.reel_file import load_project
    from app.review.review_report import write_report
    from app.settings.review_settings import ReviewSettings

    report = write_report(load_project(film), work / "review.html", ReviewSettings(enabled=SCORERS))
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        raise SystemExit("chromium not found: the report's picture needs Debian's chromium")
    command = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars"]
    command += [f"--screenshot={output}", "--window-size=1100,1400", report.as_uri()]
    subprocess.run(command, check=True, capture_output=True, timeout=120)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-o", "--output", type=Path, default=ROOT / "docs")
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(ROOT))
    with tempfile.TemporaryDirectory(prefix="storyreel-review-") as tmp:
        work = Path(tmp)
        os.environ["STORYREEL_HOME"] = str(work / "home")  # never touch the user's settings
        film = work / "film" / EXAMPLE.name
        film.parent.mkdir()
        shutil.copy2(EXAMPLE, film)
        shutil.copytree(EXAMPLE.with_name(EXAMPLE.stem + ".media"), film.with_name(film.stem + ".media"))
        make_takes(film, work)
        take_window_picture(film, args.output / "review-takes.png")
        take_report_picture(film, args.output / "review-report.png", work)
    return 0


if __name__ == "__main__":
    sys.exit(main())
