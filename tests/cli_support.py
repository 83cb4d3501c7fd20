"""Shared by the command-line tests: a film made by `main.py new` from a shot list, and its takes' frames."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from app.cli.main import run_cli
from app.project.reel_file import load_project
from engine.video.video_io import read_frames

# The tests' film size; flags given after it override it (argparse keeps the last value).
TEST_SIZE = ("--width", "64", "--height", "48", "--frames", "9", "--fps", "16", "--steps", "2")


def new_film(
    folder: Path, shots: str = "A lighthouse\nGulls\n", *flags: str, shot_list: str = "shots.txt"
) -> Path:
    """FILM.reel in folder at test size, one shot per entry of the shot list (a .txt or .csv name)."""
    listed = folder / shot_list
    listed.write_text(shots, encoding="utf-8")
    path = folder / "film.reel"
    assert run_cli(["new", str(path), "--shots", str(listed), *TEST_SIZE, *flags]) == 0
    return path


def take_frames(path: Path) -> list[np.ndarray]:
    """The frames of each shot's active take, in film order."""
    project = load_project(path)
    return [read_frames(project.take_path(s.active)) for s in project.shots]
