"""Helpers for the soak tests: a saved film whose shots have real takes, and a child process's environment."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np

from app.project.project import Project
from app.project.project_settings import ProjectSettings
from app.project.reel_file import save_project
from app.project.shot import Shot, Take
from engine.video.video_io import write_clip

ROOT = Path(__file__).resolve().parents[1]
SOAK_DIR = ROOT / "tests" / "soak"


def child_env(home: Path) -> dict[str, str]:
    """The child sees the project and the test helpers first, with its own user folders."""
    env = dict(os.environ)
    paths = [str(ROOT), str(ROOT / "tests")]
    if env.get("PYTHONPATH"):
        paths.append(env["PYTHONPATH"])
    env.update(
        PYTHONPATH=os.pathsep.join(paths),
        QT_QPA_PLATFORM=env.get("QT_QPA_PLATFORM", "offscreen"),
        STORYREEL_HOME=str(home),
        XDG_DATA_HOME=str(home / "xdg-data"),
        XDG_CONFIG_HOME=str(home / "xdg-config"),
        HF_HUB_OFFLINE="1",
    )
    return env


SHOTS, FRAMES, FPS, WIDTH, HEIGHT = 4, 32, 16, 160, 96


def film_with_takes(folder: Path) -> Project:
    """A saved project whose every shot has a real take of moving noise."""
    project = Project(
        ProjectSettings(name="Soak", width=WIDTH, height=HEIGHT, fps=FPS),
        [Shot(title=f"Shot {i}", prompt=f"a lighthouse at dusk, take {i}") for i in range(SHOTS)],
    )
    save_project(project, folder / "soak.reel")
    rng = np.random.default_rng(7)
    for i, shot in enumerate(project.shots):
        path = project.media_dir / shot.id / "take-001.mp4"
        path.parent.mkdir(parents=True)
        write_clip(rng.integers(0, 256, (FRAMES, HEIGHT, WIDTH, 3), dtype=np.uint8), FPS, path)
        take = Take(
            id=f"t{i}", path=f"{shot.id}/take-001.mp4", frames=FRAMES, fps=FPS, width=WIDTH, height=HEIGHT
        )
        project.add_take(shot.id, take)
    save_project(project, folder / "soak.reel")
    return project


def film_window(qtbot, folder: Path, row: int = 0):
    """The main window on film_with_takes, with shot `row` selected and its first frame in the preview."""
    from ui_support import FakeDialogs, make_window

    project = film_with_takes(folder)
    window = make_window(qtbot, project, FakeDialogs())
    window.timeline.select_ids([project.shots[row].id])
    qtbot.waitUntil(lambda: window.preview.current is not None)
    return window, project
