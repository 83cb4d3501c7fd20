"""Take the screenshots of docs/cast.md: the Cast dock, a prompt naming a member, and keyframes.

    QT_QPA_PLATFORM=offscreen python docs/make_cast_screenshots.py [-o docs] [--no-render]

Works on a copy of the example film in a temp folder (resources/ is never modified). Where the copy
has no cast yet, it is given one member, Keeper, whose reference image is the example's picture of
the keeper's room, named in three shots. Those shots are rendered first with the tiny random-weight
reference model (`main.py demo-model DIR --arch vace-a14b`, then `main.py render --shots`), so the
cards show the takes it made; where this checkout cannot build or run that model, the script says so
and the cards show their prompts. Writes cast-dock.png (the dock, the selected shot's prompt and
what it sends), cast-completion.png (the @ popup in the prompt box) and cast-keyframes.png (frames
pinned in the inspector and on the card).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "resources" / "examples" / "example.reel"
SIZE = (1440, 900)
MEMBER = "Keeper"
PROMPTS = {  # the shots that name the member, by title, when the example does not already (not Gulls:
    # it continues Dawn's take, which the reference model cannot do)
    "Dawn": "A lighthouse on a rocky coast at dawn, @Keeper walks along the cliff, waves breaking, wide shot",
    "灯塔": "@Keeper 提着灯走上灯塔的螺旋楼梯，电影感，柔和的晨光",
    "Keeper": "@Keeper pours tea by the window, warm interior, shallow depth of field",
}


def give_cast(film: Path) -> list[str]:
    """The copy's cast member and the ids of the shots that name it (added where the example has none)."""
    from app.project.cast_images import import_cast_image
    from app.project.cast_member import CastMember
    from app.project.cast_mentions import mentioned_members
    from app.project.reel_file import load_project, save_project

    project = load_project(film)
    if not project.cast:
        keeper = next(s for s in project.shots if s.start_image is not None)
        assert project.media_dir is not None and keeper.start_image is not None
        image = import_cast_image(project, project.media_dir / keeper.start_image.path)
        project.cast.append(
            CastMember(MEMBER, "character", "an old lighthouse keeper with a white beard", [image])
        )
        for shot in project.shots:
            shot.prompt = PROMPTS.get(shot.title, shot.prompt)
        save_project(project)
    return [s.id for s in project.shots if mentioned_members(s.prompt, project.cast)]


def render_cast_shots(film: Path, work: Path, shot_ids: list[str]) -> bool:
    """Make the cast shots' takes with the tiny reference model; False (and why) where that fails."""
    from app.project.reel_file import load_project, save_project

    env = dict(os.environ, STORYREEL_HOME=str(work / "home"))
    text, vace = work / "tiny-model", work / "tiny-vace"
    try:
        # The reference model first: where this checkout cannot build it, nothing else is spent.
        for args in (["demo-model", str(vace), "--arch", "vace-a14b"], ["demo-model", str(text)]):
            subprocess.run([sys.executable, str(ROOT / "main.py"), *args], check=True, env=env, cwd=ROOT)
        from engine.generation.demo_model import demo_image_model

        project = load_project(film)
        project.settings.vace_model = str(vace)
        image_model = demo_image_model(str(text))  # the film names the Hub's I2V-A14B (as make demo)
        project.settings.image_model = str(image_model) if image_model else project.settings.image_model
        save_project(project)
        indices = ",".join(str(i + 1) for i, s in enumerate(project.shots) if s.id in shot_ids)
        render = ["render", str(film), "-o", str(work / "film.mp4"), "--model", str(text), "--shots", indices]
        subprocess.run([sys.executable, str(ROOT / "main.py"), *render], check=True, env=env, cwd=ROOT)
    except subprocess.CalledProcessError as exc:
        print(f"takes not rendered ({exc}): the cards show their prompts", file=sys.stderr)
        return False
    return True


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-o", "--output", type=Path, default=ROOT / "docs")
    parser.add_argument("--no-render", action="store_true", help="no takes: cards show their prompts (quick)")
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path[:0] = [str(ROOT), str(ROOT / "docs")]
    with tempfile.TemporaryDirectory(prefix="storyreel-cast-") as tmp:
        work = Path(tmp)
        os.environ["STORYREEL_HOME"] = str(work / "home")  # never touch the user's settings
        film = work / "film" / EXAMPLE.name
        film.parent.mkdir()
        shutil.copy2(EXAMPLE, film)
        shutil.copytree(EXAMPLE.with_name(EXAMPLE.stem + ".media"), film.with_name(film.stem + ".media"))
        named = give_cast(film)
        if not args.no_render:
            render_cast_shots(film, work, named)
        take_pictures(film, args.output, named)
    for name in ("cast-dock.png", "cast-completion.png", "cast-keyframes.png"):
        print(f"wrote {args.output / name}")
    return 0


def take_pictures(film: Path, output: Path, named: list[str]) -> None:
    """Open the film in the window and grab the three views."""
    from make_continuity_screenshots import wait_for, with_menu
    from make_screenshot import settle
    from PySide6.QtCore import Qt

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
    # The Cast dock beside the queue, in front, so the dock and the inspector show at once.
    window.tabifyDockWidget(window.queue_dock, window.cast.dock)
    window.cast.dock.raise_()
    window.inspector_dock.raise_()  # moving the Cast tab left the presets in front on the right
    inspector = window.inspector

    window.timeline.select_ids([named[-1]])
    inspector.verticalScrollBar().setValue(0)
    for _ in range(3):
        settle(app, window)
    window.grab().save(str(output / "cast-dock.png"))

    # Typing "@K" at the end of a prompt: the popup offers the cast.
    window.timeline.select_ids([named[-1]])
    prompt = inspector.prompt
    prompt.setFocus()
    cursor = prompt.textCursor()
    cursor.movePosition(cursor.MoveOperation.End)
    prompt.setTextCursor(cursor)
    prompt.insertPlainText(", then @K")
    popup = inspector.mentions.popup
    wait_for(app, popup.isVisible, 5)
    # The offscreen screen is smaller than the window, and Qt keeps popups on the screen: put it back
    # under the cursor, where a real screen shows it.
    popup.move(prompt.viewport().mapToGlobal(prompt.cursorRect().bottomLeft()))
    settle(app, window)
    with_menu(window, popup).save(str(output / "cast-completion.png"))
    popup.hide()
    window.undo_stack.undo()

    # Two frames pinned on a cast shot: the strip in the inspector and on its card.
    shot = window.project.shots[window.project.index_of(named[0])]
    window.timeline.select_ids([shot.id])
    media = window.project.media_dir
    stills = sorted((media / "images").glob("*.png")) + sorted((media / "cast").glob("*.png"))
    last = inspector.keyframes.frame.maximum()
    for frame, still in ((0, stills[0]), (last, stills[-1])):
        window.cast.pin_file(shot.id, frame, str(still))
        wait_for(app, lambda: not window.cast.tasks.busy(), 10)
    inspector.ensureWidgetVisible(inspector.keyframes, 0, 40)
    window.cast.dock.setVisible(True)
    window.queue_dock.raise_()
    for _ in range(3):
        settle(app, window)
    app.processEvents()
    window.grab().save(str(output / "cast-keyframes.png"))
    window.undo_stack.setClean()
    window.setWindowState(Qt.WindowState.WindowNoState)
    window.close()
    app.processEvents()


if __name__ == "__main__":
    sys.exit(main())
