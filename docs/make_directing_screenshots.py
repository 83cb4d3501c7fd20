"""Take the screenshots of docs/directing.md: a control overlay, a mask being painted and an extended take.

    QT_QPA_PLATFORM=offscreen python docs/make_directing_screenshots.py [-o docs] [--no-render]

Works on a film made in a temp folder: one shot whose take is a drawn figure crossing a gradient, the
take itself as the shot's edges control (extracted with OpenCV's Canny into FILM.media/control/, as a
take's sidecar names it). The extension is made with the tiny random-weight models (`main.py demo-model`,
then `main.py extend`); where this checkout cannot build or run them, the script says so and pictures
the Extend dialog instead. Writes directing-control.png, directing-mask.png and directing-extend.png.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SIZE = (1440, 900)
WIDTH, HEIGHT, FRAMES, FPS = 256, 144, 17, 16


def walking_frames() -> object:
    """A light figure walking left to right over a dusk gradient, with a sun: edges worth showing."""
    import numpy as np
    from PIL import Image, ImageDraw

    frames = []
    for index in range(FRAMES):
        image = Image.new("RGB", (WIDTH, HEIGHT))
        draw = ImageDraw.Draw(image)
        for y in range(HEIGHT):
            draw.line([(0, y), (WIDTH, y)], fill=(40 + y // 2, 30 + y // 3, 90 - y // 4))
        draw.ellipse([180, 20, 216, 56], fill=(250, 200, 120))
        draw.rectangle([0, 110, WIDTH, HEIGHT], fill=(30, 40, 30))
        x = 30 + index * 10
        step = 8 if index % 2 else -8
        draw.ellipse([x - 7, 52, x + 7, 66], fill=(235, 225, 210))  # head
        draw.line([(x, 66), (x, 92)], fill=(235, 225, 210), width=5)  # body
        draw.line([(x, 92), (x + step, 112)], fill=(235, 225, 210), width=4)  # legs
        draw.line([(x, 92), (x - step, 112)], fill=(235, 225, 210), width=4)
        draw.line([(x, 72), (x - step, 86)], fill=(235, 225, 210), width=3)  # arms
        draw.line([(x, 72), (x + step, 86)], fill=(235, 225, 210), width=3)
        frames.append(np.asarray(image))
    return np.stack(frames)


def make_film(work: Path) -> Path:
    """The one-shot film, its take, and the take's edges control recorded in the take's sidecar."""
    from app.project.project import Project
    from app.project.project_settings import GenerationDefaults, ProjectSettings
    from app.project.reel_file import save_project
    from app.project.shot import Shot, Take
    from engine.conditioning.control_extraction import extract_control
    from engine.conditioning.control_settings import ControlSettings
    from engine.video.video_io import write_clip

    settings = ProjectSettings(
        name="Directing",
        width=WIDTH,
        height=HEIGHT,
        fps=FPS,
        defaults=GenerationDefaults(frames=FRAMES, steps=2, guidance_scale=1.0, guidance_scale_2=None),
    )
    shot = Shot(title="Walk", prompt="a figure walks along the shore at dusk, the sun low", seed=5)
    project = Project(settings, [shot])
    film = work / "film" / "directing.reel"
    film.parent.mkdir()
    save_project(project, film)
    assert project.media_dir is not None
    clip = project.media_dir / shot.id / "take-001.mp4"
    clip.parent.mkdir(parents=True)
    write_clip(walking_frames(), FPS, clip)
    control = extract_control(
        clip,
        ControlSettings("edges", width=WIDTH, height=HEIGHT, fps=FPS, frames=FRAMES),
        project.media_dir / "control",
    )
    clip.with_suffix(".json").write_text(json.dumps({"prompt": shot.prompt, "control": control.record}))
    take = Take(id="t1", path=f"{shot.id}/take-001.mp4", frames=FRAMES, fps=FPS, width=WIDTH, height=HEIGHT)
    project.add_take(shot.id, take)
    save_project(project)
    return film


def extend(film: Path, work: Path) -> bool:
    """Extend the take by 8 frames with the tiny models; False (and why) where that fails."""
    from app.project.reel_file import load_project, save_project

    env = dict(os.environ, STORYREEL_HOME=str(work / "home"))
    text, vace = work / "tiny-model", work / "tiny-vace"
    try:
        for args in (["demo-model", str(vace), "--arch", "vace-a14b"], ["demo-model", str(text)]):
            subprocess.run([sys.executable, str(ROOT / "main.py"), *args], check=True, env=env, cwd=ROOT)
        project = load_project(film)
        project.settings.vace_model = str(vace)
        project.settings.model = str(text)
        save_project(project)
        command = ["extend", str(film), "1", "--frames", "8", "--model", str(text), "--device", "cpu"]
        subprocess.run([sys.executable, str(ROOT / "main.py"), *command], check=True, env=env, cwd=ROOT)
    except subprocess.CalledProcessError as exc:
        print(f"take not extended ({exc}): the picture shows the Extend dialog", file=sys.stderr)
        return False
    return True


def take_pictures(film: Path, output: Path, extended: bool) -> None:
    """Open the film and grab the overlay, the mask being painted and the extended take (or the dialog)."""
    from make_continuity_screenshots import wait_for
    from make_screenshot import settle
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtTest import QTest

    from ui.directing.direction_dialogs import ExtendDialog
    from ui.shell.app_main import create_application
    from ui.shell.main_window import MainWindow

    app = create_application([sys.argv[0]])
    window = MainWindow()
    if not window.files.open_path(film, ask=False):
        raise SystemExit(f"{film} did not open")
    window.show()
    window.resize(*SIZE)
    window.zoom_to_fit()
    output.mkdir(parents=True, exist_ok=True)
    player = window.preview
    shot = window.project.shots[0]
    extended_take = shot.active_take
    window.project.update_shot(shot.id, active_take=shot.takes[0].id)  # the take the control was made for
    window.timeline.select_ids([shot.id])
    wait_for(app, lambda: player.current is not None)
    player.seek_frame(8)
    player.control_overlay.action.setChecked(True)
    wait_for(app, lambda: player.view.control is not None)
    settle(app, window)
    window.grab().save(str(output / "directing-control.png"))

    player.control_overlay.action.setChecked(False)
    player.mask_bar.action.setChecked(True)
    view, target = player.view, player.view.target()
    scale = target.width() / WIDTH

    def at(x: float, y: float) -> QPoint:
        return QPoint(int(target.x() + x * scale), int(target.y() + y * scale))

    player.mask_bar.brush_size.setValue(18)
    QTest.mousePress(view, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, at(180, 26))
    for x, y in ((192, 30), (204, 38), (210, 48), (200, 52), (186, 46)):
        QTest.mouseMove(view, at(x, y))
    QTest.mouseRelease(view, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, at(186, 46))
    settle(app, window)
    window.grab().save(str(output / "directing-mask.png"))
    player.mask_bar.action.setChecked(False)

    if extended:
        window.project.update_shot(shot.id, active_take=extended_take)
        wait_for(app, lambda: player.clock.length == FRAMES + 8)
        player.seek_frame(FRAMES - 1)  # the take's last own frame; the 8 after it are new
        inspector = window.inspector
        inspector.ensureWidgetVisible(inspector.takes, 0, 40)
        settle(app, window)
        window.grab().save(str(output / "directing-extend.png"))
    else:
        dialog = ExtendDialog(FPS, window)
        dialog.show()
        settle(app, window)
        picture = window.grab()
        from PySide6.QtGui import QPainter

        painter = QPainter(picture)
        painter.drawPixmap(window.rect().center() - dialog.rect().center(), dialog.grab())
        painter.end()
        picture.save(str(output / "directing-extend.png"))
        dialog.close()
    window.undo_stack.setClean()
    window.close()
    app.processEvents()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-o", "--output", type=Path, default=ROOT / "docs")
    parser.add_argument("--no-render", action="store_true", help="no extension: picture the Extend dialog")
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path[:0] = [str(ROOT), str(ROOT / "docs")]
    with tempfile.TemporaryDirectory(prefix="storyreel-directing-") as tmp:
        work = Path(tmp)
        os.environ["STORYREEL_HOME"] = str(work / "home")  # never touch the user's settings
        film = make_film(work)
        extended = False if args.no_render else extend(film, work)
        take_pictures(film, args.output, extended)
    for name in ("directing-control.png", "directing-mask.png", "directing-extend.png"):
        print(f"wrote {args.output / name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
