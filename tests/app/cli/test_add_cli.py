"""`main.py add FILM CLIP...`: video files become shots, as dropping them on the timeline does."""

from __future__ import annotations

import json

from export_support import BLUE, RED, flat_clip, project_with_takes

from app.cli.main import run_cli
from app.project.reel_file import load_project


def test_clips_become_shots_at_the_end(tmp_path, capsys):
    film = project_with_takes(tmp_path, [RED], frames=16)
    first = flat_clip(tmp_path / "beach day.mp4", BLUE, frames=9)
    second = flat_clip(tmp_path / "night.mp4", RED, frames=5, fps=24)
    assert run_cli(["add", str(film.path), str(first), str(second), "--json"]) == 0
    events = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [e["title"] for e in events] == ["beach day", "night"]
    shots = load_project(film.path).shots
    assert [s.title for s in shots] == ["S1", "beach day", "night"]
    take = shots[2].active
    assert take.imported and take.frames == 5 and take.fps == 24
    assert (film.media_dir / take.path).is_file() and take.path.startswith("imported/")


def test_a_clip_it_cannot_decode_adds_nothing(tmp_path, capsys):
    film = project_with_takes(tmp_path, [RED], frames=16)
    good = flat_clip(tmp_path / "good.mp4", BLUE, frames=9)
    broken = tmp_path / "broken.mp4"
    broken.write_bytes(b"\x00\x00\x00\x18ftypmp42 not really a video")
    saved = film.path.read_bytes()
    assert run_cli(["add", str(film.path), str(good), str(broken)]) == 2
    err = capsys.readouterr().err
    assert "broken.mp4: not a video Storyreel can read" in err and "No shot was added" in err
    assert "Traceback" not in err
    assert film.path.read_bytes() == saved
    assert not (film.media_dir / "imported").exists() or not any((film.media_dir / "imported").iterdir())
