"""A small film made by the CLI, and a child process that saves a project in a loop, to be killed mid-save
(tests and bench/kill_saves.py)."""

from pathlib import Path

from app.cli.main import run_cli

# Format with root=the checkout; argv[1] is the project. It prints "ready" once loaded.
KILL_SAVES = """
import sys
sys.path.insert(0, {root!r})
from app.project.reel_file import load_project, save_project
project = load_project(sys.argv[1])
print("ready", flush=True)
n = 0
while True:
    n += 1
    project.update_settings(name=f"save {{n}}")
    save_project(project)
"""


def make_project(tmp_path: Path, prompts: str = "A lighthouse\nGulls\n") -> Path:
    """FILM.reel at test size with one shot per line of prompts, made by `main.py new`."""
    shots = tmp_path / "shots.txt"
    shots.write_text(prompts, encoding="utf-8")
    path = tmp_path / "film.reel"
    flags = ["--width", "64", "--height", "48", "--frames", "9", "--fps", "16", "--steps", "2"]
    assert run_cli(["new", str(path), "--shots", str(shots), *flags]) == 0
    return path
