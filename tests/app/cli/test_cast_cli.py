"""`main.py cast add | list | remove | rename` and `new --vace-model`: names checked, images checked,
the film locked and saved, prompts renamed, clear refusals that leave the film as it was."""

from __future__ import annotations

import json

import pytest
from image_support import bad_images, gradient, png_file

from app.cli.exit_codes import ExitCode
from app.cli.main import run_cli
from app.project.film_lock import FilmLock
from app.project.reel_file import load_project, new_project_file, save_project
from app.project.shot import Shot


@pytest.fixture
def film(tmp_path):
    path = tmp_path / "film.reel"
    project = new_project_file(path)
    project.add_shot(Shot(id="a", prompt="@Mei pours tea, @mei smiles"))
    project.add_shot(Shot(id="b", prompt="mail@Mei at the @Teapot"))
    save_project(project)
    return path


def images(tmp_path, count):
    return [str(png_file(tmp_path / f"img{i}.png", gradient(16, 16, seed=i))) for i in range(count)]


def add(film, name, *paths, extra=()):
    args = ["cast", "add", str(film), name]
    for path in paths:
        args += ["--image", path]
    return run_cli([*args, *extra])


def test_new_sets_the_reference_model(tmp_path, capsys):
    film = tmp_path / "new.reel"
    argv = ["new", str(film), "--width", "64", "--height", "64", "--frames", "9", "--steps", "2"]
    assert run_cli([*argv, "--vace-model", "org/vace", "--vace-model-revision", "v1"]) == 0
    settings = load_project(film).settings
    assert (settings.vace_model, settings.vace_model_revision) == ("org/vace", "v1")
    assert run_cli([*argv, "--force", "--vace-model-revision", "v1"]) == ExitCode.BAD_INPUT
    assert "needs --vace-model" in capsys.readouterr().err


def test_add_list_rename_remove(film, tmp_path, capsys):
    one, two, three = images(tmp_path, 3)
    assert add(film, "Mei", one, two, extra=["--description", "a young woman in red"]) == 0
    assert add(film, "Teapot", three, extra=["--kind", "product"]) == 0
    capsys.readouterr()
    assert run_cli(["cast", "list", str(film), "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(r["name"], r["kind"], len(r["images"]), r["shots"]) for r in rows] == [
        ("Mei", "character", 2, ["a"]),
        ("Teapot", "product", 1, ["b"]),
    ]
    assert all(p.startswith("cast/") for r in rows for p in r["images"])
    assert run_cli(["cast", "list", str(film)]) == 0
    assert "@Mei (character, 2 image(s), 1 shot(s)): a young woman in red" in capsys.readouterr().out
    assert run_cli(["cast", "rename", str(film), "mei", "小美"]) == 0
    project = load_project(film)
    assert [m.name for m in project.cast] == ["小美", "Teapot"]
    assert [s.prompt for s in project.shots] == ["@小美 pours tea, @小美 smiles", "mail@Mei at the @Teapot"]
    assert "Renamed @mei to @小美; 1 prompt(s) updated." in capsys.readouterr().out
    assert run_cli(["cast", "remove", str(film), "TEAPOT"]) == 0
    assert "still name @Teapot and will not generate: b" in capsys.readouterr().out
    assert [m.name for m in load_project(film).cast] == ["小美"]


@pytest.mark.parametrize(
    "argv, phrase",
    [
        (["add", "Mei Lin"], "cannot be written as @name"),
        (["add", "mei"], "already has a cast member named 'mei'"),
        (["remove", "Lin"], "no cast member named 'Lin'"),
        (["add", "Lin", "--description", "x" * 2001], "keep it under 2000"),
        (["rename", "Mei", "Teapot"], "already has a cast member named 'Teapot'"),
        (["rename", "Mei", "x-"], "cannot be written"),
    ],
)
def test_refusals_leave_the_film_as_it_was(film, tmp_path, capsys, argv, phrase):
    one, two = images(tmp_path, 2)
    assert add(film, "Mei", one) == 0 and add(film, "Teapot", two) == 0
    before = film.read_bytes()
    capsys.readouterr()
    action, *rest = argv
    args = ["cast", action, str(film), *rest]
    if action == "add":
        args += ["--image", one]
    assert run_cli(args) == ExitCode.BAD_INPUT
    captured = capsys.readouterr()
    assert phrase in captured.err + captured.out and "Traceback" not in captured.err
    assert film.read_bytes() == before


def test_bad_images_and_too_many_are_refused_with_nothing_copied(film, tmp_path, capsys):
    bomb = tmp_path / "bomb.png"
    bomb.write_bytes(bad_images()["20000x20000"][0])
    assert add(film, "Mei", str(bomb)) == ExitCode.BAD_INPUT
    assert "too large" in capsys.readouterr().err
    assert add(film, "Mei", *images(tmp_path, 5)) == ExitCode.BAD_INPUT
    assert "at most 4 reference images" in capsys.readouterr().err
    assert add(film, "Mei", str(tmp_path / "missing.png")) == ExitCode.BAD_INPUT
    assert not (film.with_suffix(".media") / "cast").exists() and load_project(film).cast == []


def test_a_locked_film_is_not_edited(film, tmp_path, capsys):
    with FilmLock(film, "render"):
        assert add(film, "Mei", *images(tmp_path, 1)) == ExitCode.BUSY
    assert "render" in capsys.readouterr().err and load_project(film).cast == []


def test_info_shows_each_shots_cast_and_keyframes(film, tmp_path, capsys):
    from app.project.shot_images import import_image
    from app.project.shot_inputs import ShotKeyframe

    assert add(film, "Mei", *images(tmp_path, 1)) == 0
    project = load_project(film)
    key = import_image(project, png_file(tmp_path / "k.png"))
    project.update_shot("b", keyframes=[ShotKeyframe(4, key)])
    save_project(project)
    capsys.readouterr()
    assert run_cli(["info", str(film)]) == 0
    shots = json.loads(capsys.readouterr().out)["shots"]
    assert [(s["cast"], s["keyframes"]) for s in shots] == [
        (["Mei"], []),
        ([], [{"frame": 4, "image": key.path}]),
    ]


def test_render_refuses_an_unknown_name_before_any_generation(film, tmp_path, capsys):
    assert add(film, "Mei", *images(tmp_path, 1)) == 0
    capsys.readouterr()
    out = tmp_path / "film.mp4"
    assert run_cli(["render", str(film), "-o", str(out), "--device", "cpu"]) == ExitCode.FAILED
    err = capsys.readouterr().err
    assert "name someone not in the cast; nothing was generated" in err
    assert "b: Shot b names @Teapot, who is not in the film's cast." in err and "Traceback" not in err
    assert not out.exists() and all(not s.takes for s in load_project(film).shots)


def test_a_rename_keeps_takes_current_where_the_member_has_a_description(film, tmp_path):
    from app.generation.shot_requests import request_key

    assert add(film, "Mei", *images(tmp_path, 1), extra=["--description", "a woman"]) == 0
    before = request_key(load_project(film), load_project(film).shot("a"))
    assert run_cli(["cast", "rename", str(film), "Mei", "Lin"]) == 0
    project = load_project(film)
    assert request_key(project, project.shot("a")) == before
