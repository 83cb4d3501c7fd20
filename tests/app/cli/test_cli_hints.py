"""The hint under a CLI error fits that error: no backups for a missing file, no window menus."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

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
