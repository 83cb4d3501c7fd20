"""`main.py export` and render's export flags: formats, inference from the name, exit codes."""

from __future__ import annotations

import json

import pytest
from export_support import BLUE, RED, project_with_takes, sine_tone, video_facts

from app.cli.main import run_cli
from app.diagnostics.log_file import log_path


@pytest.fixture
def film(tmp_path):
    return project_with_takes(tmp_path, [RED, BLUE], frames=16)


def test_export_infers_the_format_from_the_name(tmp_path, film, capsys):
    assert run_cli(["export", str(film.path), "-o", str(tmp_path / "out.webm"), "--json"]) == 0
    facts = video_facts(tmp_path / "out.webm")
    assert facts["codec"] == "vp9" and facts["frames"] == 32
    events = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert events[-1]["event"] == "done" and events[-1]["format"] == "webm"
    assert run_cli(["export", str(film.path), "-o", str(tmp_path / "frames")]) == 0
    assert len(list((tmp_path / "frames").iterdir())) == 32


def test_export_flags(tmp_path, film):
    tone = sine_tone(tmp_path / "tone.wav", 3.0)
    out = tmp_path / "out.mp4"
    code = run_cli(
        [
            "export",
            str(film.path),
            "-o",
            str(out),
            "--quality",
            "low",
            "--size",
            "vertical",
            "--fit",
            "fit",
            "--fps",
            "24",
            "--transition",
            "crossfade:0.5",
            "--audio",
            str(tone),
            "--shots",
            "1-2",
        ]
    )
    assert code == 0
    facts = video_facts(out)
    # 64x48 fitted into 1080x1920 keeps 4:3; 2 s at 24 fps minus a 12-frame crossfade.
    assert facts["size"] == (1080, 810) and facts["rate"] == 24 and facts["frames"] == 48 - 12
    assert film.shots[1].transition == "cut"  # --transition is not saved


def test_export_refuses_bad_input_with_exit_2(tmp_path, film, capsys):
    project = film.path
    assert run_cli(["export", str(project), "-o", str(tmp_path / "a.avi")]) == 2
    assert "unknown extension" in capsys.readouterr().err
    assert run_cli(["export", str(project), "-o", str(tmp_path / "a.mp4"), "--format", "gif"]) == 2
    assert run_cli(["export", str(project), "-o", str(tmp_path / "a.mp4"), "--size", "huge"]) == 2
    assert run_cli(["export", str(project), "-o", str(tmp_path / "a.mp4"), "--shots", "3"]) == 2
    assert run_cli(["export", str(project), "-o", str(tmp_path / "a.mp4"), "--transition", "wipe"]) == 2
    assert run_cli(["export", str(project), "-o", str(tmp_path / "a.mp4"), "--audio", "nope.mp3"]) == 2
    assert not (tmp_path / "a.mp4").exists()


def test_export_needs_every_take(tmp_path, film, capsys):
    from app.project.reel_file import save_project

    film.remove_take(film.shots[0].id, film.shots[0].active_take)
    save_project(film)
    assert run_cli(["export", str(film.path), "-o", str(tmp_path / "a.mp4")]) == 2
    assert "S1 has no take" in capsys.readouterr().err
    assert not (tmp_path / "a.mp4").exists()


def test_export_into_an_impossible_place_fails_with_exit_1(tmp_path, film, capsys):
    (tmp_path / "file").write_text("x")
    assert run_cli(["export", str(film.path), "-o", str(tmp_path / "file" / "a.mp4")]) == 1
    err = capsys.readouterr().err
    assert "not a folder" in err and "hint: Check the export's folder" in err and "Traceback" not in err
    log = log_path().read_text(encoding="utf-8")
    assert "Traceback" in log and "ExportError" in log and "app.cli.commands.export" in log


def test_render_with_export_flags_and_takes_present(tmp_path, film):
    # Every shot has a take, so render generates nothing and goes straight to the export.
    out = tmp_path / "film.gif"
    assert run_cli(["render", str(film.path), "-o", str(out), "--fps", "8", "--size", "32x24"]) == 0
    facts = video_facts(out)
    assert facts["codec"] == "gif" and facts["size"] == (32, 24) and facts["frames"] == 16
    # Transitions set on the timeline are honoured by a plain render too.
    film.update_shot(film.shots[1].id, transition="crossfade", transition_duration=0.25)
    from app.project.reel_file import save_project

    save_project(film)
    assert run_cli(["render", str(film.path), "-o", str(tmp_path / "plain.mp4")]) == 0
    assert video_facts(tmp_path / "plain.mp4")["frames"] == 28
