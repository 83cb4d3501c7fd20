"""Issue 21.7: leftovers are removed by their owner's liveness, per film, and a full disk is a failed write."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from cli_support import new_film

from app.cli.main import run_cli
from app.project.reel_file import load_project, save_project
from app.project.stale_files import remove_stale_temp_files
from engine.storage.atomic_file import temp_prefix
from engine.storage.stale_temp import remove_stale_partials


def dead_pid() -> int:
    """The id of a process that has just ended."""
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


@pytest.fixture
def live_main_py(tmp_path: Path):
    """Another Storyreel-looking process (a script named main.py) that runs through the test."""
    script = tmp_path / "other" / "main.py"
    script.parent.mkdir()
    script.write_text("import time\ntime.sleep(120)\n", encoding="utf-8")
    process = subprocess.Popen([sys.executable, str(script)])
    time.sleep(0.3)
    yield process
    process.kill()
    process.wait()


def plant(path: Path, folder: bool = False) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if folder:
        path.mkdir()
        (path / "frame_00001.png").write_bytes(b"half written")
    else:
        path.write_bytes(b"half written")
    return path


def test_a_dead_writers_leftovers_go_while_another_storyreel_runs(tmp_path: Path, live_main_py) -> None:
    """The old rule kept everything younger than any live main.py; the owner's id decides now."""
    path = new_film(tmp_path)
    project = load_project(path)
    shot = project.shots[0].id
    gone, alive = dead_pid(), live_main_py.pid
    ours = [
        plant(tmp_path / f".film.{gone}-ab12cd_9.reel"),
        plant(tmp_path / f".film.reel.{gone}-0123abcd.tmp"),
        plant(project.media_dir / shot / f".take-001.{gone}-x1y2z3w4.mp4"),
    ]
    kept = [
        plant(tmp_path / f".film.{alive}-ab12cd_9.reel"),  # the live process may be writing it
        plant(project.media_dir / shot / f".take-002.{os.getpid()}-x1y2z3w4.mp4"),  # and so may we
        plant(tmp_path / ".film.ab12cd_9.reel"),  # no owner recorded, younger than a live Storyreel
    ]
    assert sorted(remove_stale_temp_files(project)) == sorted(ours)
    assert all(p.exists() for p in kept)


def test_export_partials_of_killed_exports_are_removed(tmp_path: Path, live_main_py) -> None:
    gone, alive = dead_pid(), live_main_py.pid
    film, frames = tmp_path / "film.mp4", tmp_path / "frames"
    ours = [
        plant(tmp_path / f".film.{gone}-abcdefgh.mp4"),
        plant(tmp_path / f".frames.{gone}-abcdefgh", folder=True),
        plant(tmp_path / f".frames.{gone}-zyxwvuts.old", folder=True),
    ]
    kept = [
        plant(tmp_path / f".film.{alive}-abcdefgh.mp4"),
        plant(tmp_path / f".film.{gone}-abcdefgh.mp4.keep"),
        plant(tmp_path / f".other.{gone}-abcdefgh.mp4"),
    ]
    os.symlink(tmp_path / "film.reel", tmp_path / f".film.{gone}-linklink.mp4")
    assert sorted(remove_stale_partials(film) + remove_stale_partials(frames)) == sorted(ours)
    assert all(p.exists() for p in kept) and not any(p.exists() for p in ours)
    assert temp_prefix(film) == f".film.{os.getpid()}-"


def test_a_killed_export_leaves_nothing_after_the_next(tmp_path: Path, tiny_a14b: Path) -> None:
    """A real export killed mid-way by SIGKILL: the next export of that film removes its partial."""
    path = new_film(tmp_path, "A lighthouse\n")
    out = tmp_path / "out" / "film.mp4"
    assert run_cli(["render", str(path), "-o", str(out), "--model", str(tiny_a14b)]) == 0
    partial = out.with_name(f".film.{dead_pid()}-abcdefgh.mp4")
    partial.write_bytes(out.read_bytes()[:1000])
    assert run_cli(["export", str(path), "-o", str(out)]) == 0
    assert sorted(p.name for p in out.parent.iterdir()) == ["film.mp4"]


def test_a_full_disk_at_the_project_save_exits_1_and_keeps_the_shots_errors(
    tmp_path: Path, tiny_a14b: Path, monkeypatch, capsys
) -> None:
    path = new_film(tmp_path, "A lighthouse\nGulls\n")
    project = load_project(path)
    project.update_shot(project.shots[1].id, prompt="")
    save_project(project)

    def full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("app.project.reel_file.write_bytes_atomic", full)
    code = run_cli(["render", str(path), "-o", str(tmp_path / "a.mp4"), "--model", str(tiny_a14b)])
    err = capsys.readouterr().err
    assert code == 1, err
    assert f"Not enough free space in {tmp_path}" in err
    assert f"{project.shots[1].id}:" in err and "project file:" in err
