"""Issue 21.4: two processes on one film: a lock per film, and no save over a film changed on disk."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from cli_support import new_film

from app.cli.exit_codes import ExitCode
from app.project.film_lock import FilmLock, FilmLocked, lock_path, read_owner
from app.project.reel_file import ProjectChangedOnDisk, load_project, save_project

ROOT = Path(__file__).resolve().parents[3]


def render(path: Path, out: Path, model: Path, *flags: str) -> subprocess.Popen:
    """`main.py render` in a process of its own."""
    command = ["render", str(path), "-o", str(out), "--model", str(model), *flags]
    return subprocess.Popen(
        [sys.executable, str(ROOT / "main.py"), *command],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
    )


def wait_for_owner(path: Path, pid: int, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        owner = read_owner(path)
        if owner is not None and owner.pid == pid:
            return
        time.sleep(0.05)
    raise AssertionError(f"process {pid} never took the lock of {path}")


@pytest.mark.slow  # about 10-20 s of CPU on 2 cores
def test_a_second_render_refuses_or_waits_and_no_take_is_lost(tmp_path: Path, tiny_a14b: Path) -> None:
    path = new_film(tmp_path, "A lighthouse\nGulls\nA harbour\n")
    first = render(path, tmp_path / "a.mp4", tiny_a14b)
    wait_for_owner(path, first.pid)
    refused = render(path, tmp_path / "b.mp4", tiny_a14b)
    _, err = refused.communicate(timeout=300)
    assert refused.returncode == ExitCode.BUSY, err
    assert f"in use by render (process {first.pid} on" in err and "Traceback" not in err
    waiting = render(path, tmp_path / "c.mp4", tiny_a14b, "--wait", "600", "--json")
    out, err = first.communicate(timeout=600)
    assert first.returncode == 0, err
    out, err = waiting.communicate(timeout=600)
    assert waiting.returncode == 0, err
    events = [json.loads(line) for line in out.splitlines()]
    assert not [e for e in events if e["event"] == "take"]  # the first render's takes are used
    project = load_project(path)
    listed = sorted(project.take_path(s.active).name for s in project.shots if s.active is not None)
    on_disk = sorted(p.name for p in project.media_dir.rglob("take-*.mp4"))
    assert len(listed) == 3 and listed == on_disk
    assert not lock_path(path).exists()


def test_a_killed_render_leaves_no_lock_behind(tmp_path: Path, tiny_a14b: Path) -> None:
    path = new_film(tmp_path, "A lighthouse\n")
    first = render(path, tmp_path / "a.mp4", tiny_a14b)
    wait_for_owner(path, first.pid)
    first.send_signal(signal.SIGKILL)
    first.communicate()
    assert read_owner(path) is not None and read_owner(path).pid == first.pid  # the file stays...
    with FilmLock(path, "test") as lock:  # ...but the system let the lock go with its process
        assert lock.held and read_owner(path).pid == os.getpid()
    assert not lock_path(path).exists()


def test_one_process_sees_its_other_lock(tmp_path: Path) -> None:
    path = new_film(tmp_path, "A\n")
    with FilmLock(path, "window"):
        with pytest.raises(FilmLocked, match=r"in use by window \(process \d+ on .*, since "):
            FilmLock(path, "render").acquire(wait=0.2)


def test_a_save_does_not_overwrite_a_film_changed_on_disk(tmp_path: Path) -> None:
    path = new_film(tmp_path, "A\nB\n")
    mine, theirs = load_project(path), load_project(path)
    theirs.update_shot(theirs.shots[0].id, prompt="Their edit")
    save_project(theirs)
    mine.update_shot(mine.shots[1].id, prompt="My edit")
    with pytest.raises(ProjectChangedOnDisk, match="changed on disk since it was opened"):
        save_project(mine)
    assert load_project(path).shots[0].prompt == "Their edit"
    save_project(mine, overwrite=True)  # what the window's "Overwrite" does
    assert load_project(path).shots[1].prompt == "My edit"
    save_project(mine)  # its own save is no change underneath it


def test_render_never_overwrites_a_film_changed_underneath_it(
    tmp_path: Path, tiny_a14b: Path, monkeypatch, capsys
) -> None:
    """Another program saves the film mid-render (it ignored the lock): render exits 1, their save stays."""
    from app.cli.main import run_cli
    from app.generation import take_queue

    path = new_film(tmp_path, "A lighthouse\n")
    real = take_queue.record_finished_job

    def theirs_first(project, plan, job, shot=None):
        other = load_project(path)
        other.update_settings(name="their save")
        save_project(other)
        return real(project, plan, job, shot)

    monkeypatch.setattr(take_queue, "record_finished_job", theirs_first)
    code = run_cli(["render", str(path), "-o", str(tmp_path / "a.mp4"), "--model", str(tiny_a14b)])
    err = capsys.readouterr().err
    assert code == ExitCode.FAILED, err
    assert "changed on disk since it was opened" in err and "Traceback" not in err
    assert load_project(path).settings.name == "their save"
    assert list((tmp_path / "film.media").rglob("take-*.mp4"))  # the take is kept, to adopt next time
