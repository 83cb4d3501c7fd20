"""Take docs/screenshot.png (the main window at 1440×900 with the example project) and docs/start-page.png.

    QT_QPA_PLATFORM=offscreen python docs/make_screenshot.py [--lang en zh_CN] [--no-render]

The start page is taken first, as a new user sees it on the first run: no film open, the example
in the recent films, no model set yet. Both in the default (dark) theme.

Takes are made first for the example with the tiny demo model (`main.py demo-model` and
`main.py render`, about a minute on a CPU), so the cards show thumbnails; --no-render skips that
and the cards show their prompts. The example in resources/ is never modified: everything happens
in a temp folder.

--lang takes one or more languages (English, "en", by default); another language's pictures are
named with it (docs/screenshot-zh.png) and need its catalogue, resources/i18n/storyreel_LANG.qm.
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
    model, image_model = work / "tiny-model", work / "tiny-i2v"
    env = dict(os.environ, STORYREEL_HOME=str(work / "home"))

    def run(*args: str) -> None:
        subprocess.run([sys.executable, str(ROOT / "main.py"), *args], check=True, env=env, cwd=ROOT)

    run("demo-model", str(model))
    run("demo-model", str(image_model), "--arch", "i2v-a14b")
    # The film names the Hub's I2V-A14B for its shots with images; this copy uses the tiny one (as make demo).
    from app.project.reel_file import load_project, save_project

    project = load_project(film)
    project.settings.image_model = str(image_model)
    project.settings.vace_model = None  # its cast's shots: the demo model's own reference model
    save_project(project)
    run("render", str(film), "-o", str(work / "film.mp4"), "--model", str(model))


def settle(app: object, window: object) -> None:
    """Until the window's thumbnails are painted (a script, not the app: it may wait)."""
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        window.thumbnails.wait(100)  # type: ignore[attr-defined]
        app.processEvents()  # type: ignore[attr-defined]
        if not window.thumbnails._pending:  # type: ignore[attr-defined]
            break


def install_language(app: object, language: str) -> bool:
    """Translate the windows built from now on; False when the language's catalogue is not there."""
    # the window's own language switch (English removes others)
    from ui.i18n.translation import install_translators

    return install_translators(app, language) == language  # type: ignore[arg-type]


def named(path: Path, language: str) -> Path:
    """docs/screenshot.png for English, docs/screenshot-zh.png for Chinese (the language without its region)."""
    short = language.split("_")[0]
    return path if language == "en" else path.with_name(f"{path.stem}-{short}{path.suffix}")


def take_pictures(app: object, film: Path, main_path: Path, start_path: Path, select: int) -> bool:
    """The start page, then the film open in the main window; False if the film does not open."""
    from PySide6.QtWidgets import QApplication

    from ui.shell.main_window import MainWindow

    window = MainWindow()
    window.show()
    window.resize(*SIZE)
    settle(app, window)
    start_path.parent.mkdir(parents=True, exist_ok=True)
    window.grab().save(str(start_path))
    print(f"wrote {start_path}")
    if not window.files.open_path(film, ask=False):
        return False
    window.show()
    window.resize(*SIZE)
    QApplication.processEvents()
    shots = window.project.shots
    if shots:
        window.timeline.select_ids([shots[min(select, len(shots) - 1)].id])
    window.zoom_to_fit()
    settle(app, window)
    window.statusBar().clearMessage()
    QApplication.processEvents()
    main_path.parent.mkdir(parents=True, exist_ok=True)
    window.grab().save(str(main_path))
    print(f"wrote {main_path}")
    window.undo_stack.setClean()
    window.close()
    QApplication.processEvents()
    return True


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-o", "--output", type=Path, default=ROOT / "docs" / "screenshot.png")
    parser.add_argument("--project", type=Path, default=EXAMPLE)
    parser.add_argument("--no-render", action="store_true", help="no takes: the cards show their prompts")
    parser.add_argument("--lang", nargs="+", default=["en"], help="languages, e.g. en zh_CN (default: en)")
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
        if not args.no_render:
            render_takes(film, work)

        from app.settings.user_settings import load_settings, save_settings
        from ui.shell.app_main import create_application

        settings = load_settings()
        settings.add_recent(film)
        settings.reopen_last = False  # the first run: the start page, not the last film
        save_settings(settings)
        app = create_application([sys.argv[0]])
        for language in args.lang:
            if not install_language(app, language):
                print(f"no {language} translation (resources/i18n/storyreel_{language}.qm): skipped")
                continue
            pictures = (named(args.output, language), named(args.start_page, language))
            if not take_pictures(app, film, *pictures, args.select):
                return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
