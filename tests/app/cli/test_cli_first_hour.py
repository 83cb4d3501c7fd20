"""A new user's first hour on the CLI: hints that fit the error, and a first film that starts small."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]


def cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
        check=False,
    )


def test_info_on_a_missing_file_speaks_of_no_backup(tmp_path):
    done = cli("info", "nope.reel", cwd=tmp_path)
    assert done.returncode == 2
    assert "no such file" in done.stderr and "hint:" in done.stderr
    assert "backup" not in done.stderr, done.stderr


def test_a_missing_shot_list_is_not_a_line_to_fix(tmp_path):
    done = cli("new", "film.reel", "--shots", "shots.csv", cwd=tmp_path)
    assert done.returncode == 2
    assert "shots.csv: no such file" in done.stderr
    assert "line" not in done.stderr, done.stderr


@pytest.mark.slow  # about 10-20 s of CPU on 2 cores
def test_model_errors_on_the_cli_name_no_window_menu(tmp_path):
    (tmp_path / "shots.txt").write_text("A lighthouse at dusk\n", encoding="utf-8")
    assert cli("new", "film.reel", "--shots", "shots.txt", cwd=tmp_path).returncode == 0
    for model in (str(tmp_path / "no-model"), "nobody/no-such-model"):
        done = cli("render", "film.reel", "-o", "film.mp4", "--model", model, cwd=tmp_path)
        assert done.returncode == 2 and "hint:" in done.stderr
        assert "Preferences" not in done.stderr, done.stderr
        assert "Traceback" not in done.stderr


def test_an_absolute_image_path_in_a_shot_list_is_copied_in(tmp_path):
    from image_support import png_file

    png_file(tmp_path / "mine.png")
    (tmp_path / "film").mkdir()
    listing = tmp_path / "film" / "shots.csv"
    listing.write_text(f"prompt,image\nOpening,{tmp_path / 'mine.png'}\n", encoding="utf-8")
    done = cli("new", "film.reel", "--shots", "shots.csv", cwd=tmp_path / "film")
    assert done.returncode == 0, done.stderr
    copies = list((tmp_path / "film" / "film.media" / "images").iterdir())
    assert [c.read_bytes() for c in copies] == [(tmp_path / "mine.png").read_bytes()]


def _settings(folder) -> dict:
    return json.loads(cli("info", "film.reel", cwd=folder).stdout)["settings"]


def test_new_without_a_gpu_starts_small_and_says_so(tmp_path):
    import torch

    if torch.cuda.is_available():
        pytest.skip("this machine has a GPU")
    done = cli("new", "film.reel", cwd=tmp_path)
    assert done.returncode == 0 and "Starting small (256×144, 17 frames, 4 steps)" in done.stdout
    settings = _settings(tmp_path)
    assert (settings["width"], settings["height"]) == (256, 144)
    assert (settings["defaults"]["frames"], settings["defaults"]["steps"]) == (17, 4)


def test_new_for_the_demo_model_starts_small_but_keeps_what_was_given(tmp_path, tiny_a14b):
    done = cli("new", "film.reel", "--model", str(tiny_a14b), "--steps", "6", cwd=tmp_path)
    assert done.returncode == 0 and "demo model" in done.stdout
    settings = _settings(tmp_path)
    assert (settings["width"], settings["defaults"]["frames"], settings["defaults"]["steps"]) == (256, 17, 6)
    flags = ("--width", "640", "--height", "360", "--frames", "9", "--steps", "2")
    done = cli("new", "big.reel", "--model", str(tiny_a14b), *flags, cwd=tmp_path)
    assert done.returncode == 0 and "small" not in done.stdout
