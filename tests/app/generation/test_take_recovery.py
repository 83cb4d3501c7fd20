"""Clean after a crash: stale temp files removed, orphaned finished takes adopted, a .bak at every instant."""

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
from crash_support import KILL_SAVES

from app.cli.main import run_cli
from app.generation.take_recovery import recover_after_crash
from app.project.reel_file import load_project, save_project
from app.project.stale_files import remove_stale_temp_files

ROOT = Path(__file__).resolve().parents[3]
LONG_AGO = 946684800  # 2000-01-01: before any live process started


def plant(path: Path, old: bool = True) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"half written")
    if old:
        os.utime(path, (LONG_AGO, LONG_AGO))
    return path


def test_stale_temp_files_of_our_own_patterns_are_removed(tmp_path):
    path = new_film(tmp_path)
    project = load_project(path)
    shot = project.shots[0].id
    media = project.media_dir
    ours = [
        plant(tmp_path / ".film.ab12cd_9.reel"),  # a killed save
        plant(tmp_path / ".film.reel.0123abcd.tmp"),  # a killed backup
        plant(media / shot / ".take-001.x1y2z3w4.mp4"),  # a killed encode
        plant(media / shot / ".take-001.q9w8e7r6.json"),
    ]
    kept = [
        plant(tmp_path / ".film.ab12cd_9.reel.keep"),  # not our pattern
        plant(tmp_path / ".other.ab12cd_9.reel"),  # another project's
        plant(media / shot / "notes.txt"),
        plant(media / shot / ".take-002.abcdefgh.mp4", old=False),  # a live write, maybe
        plant(media / "unlisted" / ".take-001.abcdefgh.mp4"),  # not a shot of this project
    ]
    os.symlink(tmp_path / "film.reel", media / shot / ".take-003.abcdefgh.mp4")
    removed = remove_stale_temp_files(project)
    assert sorted(removed) == sorted(ours)
    assert not any(p.exists() for p in ours) and all(p.exists() for p in kept)
    assert (media / shot / ".take-003.abcdefgh.mp4").is_symlink()


def test_a_temp_file_younger_than_a_live_storyreel_is_kept(tmp_path):
    path = new_film(tmp_path)
    project = load_project(path)
    temp = plant(tmp_path / ".film.ab12cd_9.reel", old=False)
    # As if another Storyreel had started just before this file was written.
    assert remove_stale_temp_files(project, before=temp.stat().st_mtime - 1) == []
    assert temp.exists()


def test_a_finished_take_the_project_does_not_list_is_adopted_not_generated_again(
    tmp_path, tiny_a14b, capsys
):
    path = new_film(tmp_path)
    assert run_cli(["render", str(path), "-o", str(tmp_path / "a.mp4"), "--model", str(tiny_a14b)]) == 0
    # As if killed after the take was written but before the project was saved.
    rendered = load_project(path)
    lost = rendered.shots[1].active
    clip = rendered.take_path(lost)
    rendered.remove_take(rendered.shots[1].id, lost.id)
    save_project(rendered)
    before = clip.read_bytes()
    capsys.readouterr()
    assert (
        run_cli(["render", str(path), "-o", str(tmp_path / "b.mp4"), "--model", str(tiny_a14b), "--json"])
        == 0
    )
    events = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [e for e in events if e["event"] == "recovered"][0]["adopted"] == [lost.path]
    assert not [e for e in events if e["event"] == "take"]  # no generation at all
    saved = load_project(path)
    take = saved.shots[1].active
    assert take.path == lost.path and take.seed == lost.seed and take.prompt == "Gulls"
    assert saved.take_path(take).read_bytes() == before
    assert sorted(p.name for p in clip.parent.iterdir()) == ["take-001.json", "take-001.mp4"]


def test_an_orphan_made_with_other_settings_or_a_broken_sidecar_is_not_adopted(tmp_path, tiny_a14b):
    path = new_film(tmp_path)
    assert run_cli(["render", str(path), "-o", str(tmp_path / "a.mp4"), "--model", str(tiny_a14b)]) == 0
    project = load_project(path)
    first, second = project.shots
    a, b = first.active, second.active
    project.remove_take(first.id, a.id)
    project.remove_take(second.id, b.id)
    project.update_shot(first.id, prompt="Something else now")
    sidecar = project.take_path(b).with_suffix(".json")
    sidecar.write_text(sidecar.read_text(encoding="utf-8")[:40], encoding="utf-8")  # truncated
    assert recover_after_crash(project).adopted == []
    assert first.takes == [] and second.takes == []


def test_adoption_refuses_a_sidecar_whose_values_do_not_fit_a_project(tmp_path, tiny_a14b):
    path = new_film(tmp_path, "A lighthouse\n")
    assert run_cli(["render", str(path), "-o", str(tmp_path / "a.mp4"), "--model", str(tiny_a14b)]) == 0
    project = load_project(path)
    shot = project.shots[0]
    take = shot.active
    sidecar = project.take_path(take).with_suffix(".json")
    meta = json.loads(sidecar.read_text(encoding="utf-8"))
    sidecar.write_text(json.dumps({**meta, "versions": {"torch": 5}}), encoding="utf-8")
    project.remove_take(shot.id, take.id)
    assert recover_after_crash(project).adopted == []


@pytest.mark.slow
def test_the_backup_survives_kills_at_any_moment_of_a_save(tmp_path):
    """kill -9 a process that saves in a loop, many times: a .bak is always there and opens."""
    path = new_film(tmp_path)
    save_project(load_project(path))  # a first backup
    script = KILL_SAVES.format(root=str(ROOT))
    kills = 25
    for attempt in range(kills):
        proc = subprocess.Popen([sys.executable, "-c", script, str(path)], stdout=subprocess.PIPE)
        assert proc.stdout is not None and proc.stdout.readline().strip() == b"ready"
        time.sleep(0.02 + (attempt % 7) * 0.013)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        assert load_project(path).shots, f"kill {attempt}: the project does not open"
        bak = path.with_name("film.reel.bak")
        assert bak.exists(), f"kill {attempt}: the backup vanished"
        assert load_project(bak).shots
    # Whatever the kills left is tidied at the next open, and only that.
    leftovers = [p for p in tmp_path.iterdir() if p.name.startswith(".film")]
    for p in leftovers:
        os.utime(p, (LONG_AGO, LONG_AGO))
    recover_after_crash(load_project(path))
    assert [p for p in tmp_path.iterdir() if p.name.startswith(".film")] == []
