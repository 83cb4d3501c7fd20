"""Take the screenshots of docs/storyboard.md: the proposal table and the storyboard grid.

    QT_QPA_PLATFORM=offscreen python docs/make_storyboard_screenshots.py [-o docs] [--no-render]

Works on a copy of the example film in a temp folder (resources/ is never modified). The proposal
table shows resources/examples/script.txt's shots as a fixed answer (the one a language model gave
for it, checked by the same schema and settled against the film's cast), so no model is needed.
The grid's stills are sketched with the tiny random-weight Wan model (`main.py demo-model DIR`,
then `main.py keyframes`); they look like noise, as its takes do. Where this checkout cannot build
or run that model, the script says so and the grid shows its placeholders. Writes
storyboard-proposal.png and storyboard-grid.png.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SIZE = (1440, 900)
# A text shot and an image shot; the others continue a take or name the cast (the reference model).
SKETCHED = "1,4"
ANSWER = {  # what a model answered for resources/examples/script.txt (shortened prompts)
    "shots": [
        {
            "title": "Kitchen at dawn",
            "prompt": "@Mia in a green kimono fills a red cast-iron teapot from a steaming kettle, pale dawn "
            "light through paper screens, slow push-in",
            "duration": 5,
            "camera": "slow push-in",
            "cast": ["Mia"],
            "caption": "Every spring begins with one cup.",
        },
        {
            "title": "Tea field",
            "prompt": "Rows of tea bushes run down a misty hillside; @Mia walks between them, brushing the "
            "leaves, the sun rising behind the hills, wide tracking shot",
            "duration": 6,
            "camera": "tracking, left to right",
            "cast": ["Mia"],
            "caption": "",
        },
        {
            "title": "The cup",
            "prompt": "Close-up of a cup of pale green tea, one cherry blossom petal floating, steam curling "
            "up, soft morning light",
            "duration": 3,
            "camera": "static macro",
            "cast": [],
            "caption": "",
        },
        {
            "title": "Logo",
            "prompt": "The Sakura Tea logo on a cream background, a petal drifting past",
            "duration": 2,
            "camera": "static",
            "cast": ["Sakura"],
            "caption": "Sakura Tea. Brewed for spring.",
        },
    ]
}


def sketch(film: Path, work: Path) -> bool:
    """Sketch every shot's keyframe with the tiny model; False (and why) where that fails."""
    env = dict(os.environ, STORYREEL_HOME=str(work / "home"))
    model = work / "tiny-model"
    try:
        main_py = [sys.executable, str(ROOT / "main.py")]
        subprocess.run([*main_py, "demo-model", str(model)], check=True, env=env, cwd=ROOT)
        from app.project.reel_file import load_project, save_project
        from engine.generation.demo_model import demo_image_model

        project = load_project(film)  # Keeper starts from an image: the demo's start-image model sketches it
        image_model = demo_image_model(str(model))
        project.settings.image_model = str(image_model) if image_model else project.settings.image_model
        save_project(project)
        keyframes = ["keyframes", str(film), "--model", str(model), "--shots", SKETCHED]
        subprocess.run([*main_py, *keyframes], check=True, env=env, cwd=ROOT)
    except subprocess.CalledProcessError as exc:
        print(f"keyframes not sketched ({exc}): the grid shows placeholders", file=sys.stderr)
        return False
    return True


def main() -> int:
    sys.path[:0] = [str(ROOT), str(ROOT / "docs")]
    from make_continuity_screenshots import example_copy, screenshot_args

    args = screenshot_args(__doc__ or "", "no sketches: the grid shows placeholders")

    with tempfile.TemporaryDirectory(prefix="storyreel-storyboard-") as tmp:
        film = example_copy(Path(tmp))
        if not args.no_render:
            sketch(film, Path(tmp))
        take_pictures(film, args.output)
    for name in ("storyboard-proposal.png", "storyboard-grid.png"):
        print(f"wrote {args.output / name}")
    return 0


def take_pictures(film: Path, output: Path) -> None:
    """Open the film in the window and grab the proposal table and the grid."""
    from make_screenshot import settle
    from PySide6.QtCore import Qt

    from app.project.cast_member import CastMember
    from app.storyboard.proposal import proposal_from_answer
    from ui.shell.app_main import create_application
    from ui.shell.main_window import MainWindow

    app = create_application([sys.argv[0]])
    window = MainWindow()
    if not window.files.open_path(film, ask=False):
        raise SystemExit(f"{film} did not open")
    window.show()
    window.resize(*SIZE)
    output.mkdir(parents=True, exist_ok=True)
    project = window.project
    if project.cast_member("Mia") is None:  # the script's heroine, so the table shows a known @Name
        project.cast.append(CastMember("Mia", "character", "a woman in her thirties in a green kimono"))

    window.storyboard.new_from_script()
    dialog = window.storyboard.proposal_dialog
    assert dialog is not None
    dialog.script_file.setText("resources/examples/script.txt")
    dialog.show_proposal(proposal_from_answer(ANSWER, project, "en", "Qwen/Qwen2.5-1.5B-Instruct"))
    dialog.resize(1280, 560)
    for _ in range(3):
        settle(app, window)
    dialog.grab().save(str(output / "storyboard-proposal.png"))
    dialog.reject()

    window.storyboard.dock.show()
    window.storyboard.dock.setFloating(True)
    window.storyboard.dock.resize(1200, 520)
    grid = window.storyboard.panel.grid
    grid.selectionModel().select(grid.model().index(3, 0), grid.selectionModel().SelectionFlag.Select)
    for _ in range(5):
        settle(app, window)
    window.storyboard.dock.grab().save(str(output / "storyboard-grid.png"))
    window.undo_stack.setClean()
    window.setWindowState(Qt.WindowState.WindowNoState)
    window.close()
    app.processEvents()


if __name__ == "__main__":
    sys.exit(main())
