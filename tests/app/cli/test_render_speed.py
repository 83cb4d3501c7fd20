"""render --quality draft|final, the speed flags and --gpus, through the real CLI on the tiny model."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tiny_draft import write_tiny_draft_loras

from app.cli.main import run_cli
from app.project.reel_file import load_project, save_project
from engine.generation.request import DraftLoras

SUBFOLDER = DraftLoras.high_noise.split("/")[0]  # the Hub repo's layout: one folder per release


@pytest.fixture
def film(tmp_path: Path) -> Path:
    shots = tmp_path / "shots.txt"
    shots.write_text("A lighthouse at dawn\n", encoding="utf-8")
    path = tmp_path / "film.reel"
    flags = ["--width", "32", "--height", "32", "--frames", "5", "--steps", "6"]
    assert run_cli(["new", str(path), "--shots", str(shots), *flags]) == 0
    return path


def test_render_quality_draft_makes_a_draft_take_with_its_levers_recorded(
    film, tmp_path, tiny_a14b, capsys
) -> None:
    loras = tmp_path / "lightning"
    write_tiny_draft_loras(tiny_a14b, loras / SUBFOLDER)
    base = ["render", str(film), "-o", str(tmp_path / "film.mp4"), "--model", str(tiny_a14b)]
    code = run_cli([*base, "--quality", "draft", "--quality", "low", "--draft-loras", str(loras)])
    assert code == 0, capsys.readouterr().err
    take = load_project(film).shots[0].active
    assert take.quality == "draft" and take.steps == 4
    assert (take.guidance_scale, take.guidance_scale_2) == (1.0, 1.0)
    assert take.speed["quality"] == "draft" and take.speed["flow_shift"] == 5.0
    sidecar = json.loads(load_project(film).take_path(take).with_suffix(".json").read_text(encoding="utf-8"))
    assert sidecar["quality"] == "draft" and sidecar["speed"]["experts"] == ["transformer", "transformer_2"]

    # Final with the step cache: the same shot again after its take is removed.
    project = load_project(film)
    project.remove_take(project.shots[0].id, take.id)
    save_project(project)
    assert (
        run_cli([*base, "--step-cache", "first_block", "--cache-threshold", "0.3", "--fp8", "storage"]) == 0
    )
    final = load_project(film).shots[0].active
    assert final.quality == "final" and final.steps == 6
    assert final.speed["step_cache"] == "first_block" and final.speed["cache_threshold"] == 0.3
    assert final.speed["fp8"] == "storage"


@pytest.mark.parametrize(
    ("flags", "message"),
    [
        (["--gpus", "2"], "needs CUDA GPUs"),
        (["--gpus", "0"], "use 1 to 64"),
        (["--gpus", "99999999999"], "use 1 to 64"),
        (["--attention", "flash"], "needs a CUDA GPU"),
        (["--fp8", "compute"], "Ada or Hopper"),
        (["--cache-threshold", "nan"], "at most 1"),
        (["--cache-threshold", "7"], "at most 1"),
    ],
)
def test_speed_flags_the_machine_cannot_do_are_refused_clearly(
    film, tmp_path, tiny_a14b, capsys, flags, message
) -> None:
    try:
        code = run_cli(
            ["render", str(film), "-o", str(tmp_path / "f.mp4"), "--model", str(tiny_a14b), *flags]
        )
    except SystemExit as exc:  # argparse's own refusal of a bad value
        code = exc.code
    err = capsys.readouterr().err
    assert code == 2 and message in err and "Traceback" not in err
    assert not load_project(film).shots[0].takes
