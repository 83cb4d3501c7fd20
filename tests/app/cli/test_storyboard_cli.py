"""`main.py storyboard` and `main.py enhance` against a loopback chat server: the proposal printed,
--apply adds the shots under the film's lock, a bad answer exits 1 and leaves the film's bytes."""

from __future__ import annotations

import json

from app.cli.exit_codes import ExitCode
from app.cli.main import run_cli
from app.paths.resources import resource_path
from app.project.reel_file import load_project, new_project_file, save_project
from app.project.shot import Shot

ANSWER = {
    "shots": [
        {
            "title": "Tea field",
            "prompt": "Wide shot of a tea field at dawn.",
            "duration": 5,
            "camera": "aerial",
            "cast": [],
            "caption": "",
        },
        {
            "title": "Cup",
            "prompt": "Close-up of steam over a cup.",
            "duration": 2,
            "camera": "static",
            "cast": [],
            "caption": "Taste spring.",
        },
    ]
}


def make_film(tmp_path):
    path = tmp_path / "film.reel"
    project = new_project_file(path)
    project.add_shot(Shot(id="a", prompt="a cat"))
    save_project(project)
    return path


def test_storyboard_prints_the_proposal_and_changes_nothing(tmp_path, chat_server, capsys):
    _, url = chat_server([json.dumps(ANSWER)])
    film = make_film(tmp_path)
    before = film.read_bytes()
    code = run_cli(
        ["storyboard", str(film), str(resource_path("examples", "script.txt")), "--llm", url, "--json"]
    )
    assert code == ExitCode.OK
    printed = json.loads(capsys.readouterr().out)
    assert [s["title"] for s in printed["shots"]] == ["Tea field", "Cup"] and printed["shots"][1][
        "frames"
    ] == 33
    assert film.read_bytes() == before


def test_storyboard_apply_adds_the_shots(tmp_path, chat_server, capsys):
    _, url = chat_server([json.dumps(ANSWER)])
    film = make_film(tmp_path)
    script = tmp_path / "brief.txt"
    script.write_text("A 10-second ad for Sakura tea, two scenes, warm.", encoding="utf-8")
    assert run_cli(["storyboard", str(film), str(script), "--llm", url, "--apply"]) == ExitCode.OK
    assert "2. Cup (2 s, 33 frames, static)" in capsys.readouterr().out
    shots = load_project(film).shots
    assert [s.title for s in shots] == ["", "Tea field", "Cup"] and shots[1].frames == 81


def test_a_bad_answer_exits_1_and_leaves_the_film(tmp_path, chat_server, capsys):
    _, url = chat_server(["not json at all"])
    film = make_film(tmp_path)
    before = film.read_bytes()
    script = tmp_path / "brief.txt"
    script.write_text("a brief", encoding="utf-8")
    assert run_cli(["storyboard", str(film), str(script), "--llm", url, "--apply"]) == ExitCode.FAILED
    err = capsys.readouterr().err
    assert "twice" in err and "Traceback" not in err
    assert film.read_bytes() == before


def test_a_script_that_is_not_text_is_bad_input(tmp_path, capsys):
    film = make_film(tmp_path)
    script = tmp_path / "script.txt"
    script.write_bytes(b"\xff\xfe\x00bad")
    assert (
        run_cli(["storyboard", str(film), str(script), "--llm", "http://127.0.0.1:9/v1"])
        == ExitCode.BAD_INPUT
    )
    assert "not UTF-8" in capsys.readouterr().err


def test_enhance_apply_keeps_the_original(tmp_path, chat_server, capsys):
    _, url = chat_server([json.dumps({"prompt": "A grey cat walks along a sunlit wall."})])
    film = make_film(tmp_path)
    assert run_cli(["enhance", str(film), "--shots", "1", "--llm", url, "--apply"]) == ExitCode.OK
    assert "was: a cat" in capsys.readouterr().out
    shot = load_project(film).shots[0]
    assert (shot.prompt, shot.prompt_original) == ("A grey cat walks along a sunlit wall.", "a cat")
