"""`main.py repaint` and `main.py extend`: the shot by id or position, clear refusals that leave the film as
it was, and a repainted take made and saved on the tiny reference model."""

from __future__ import annotations

import io

import numpy as np
import pytest
from control_support import make_clip, moving_frames
from PIL import Image

from app.cli.exit_codes import ExitCode
from app.cli.main import run_cli
from app.project.project import Project
from app.project.project_settings import ProjectSettings
from app.project.reel_file import load_project, save_project
from app.project.shot import Shot, Take


def film(tmp_path, text="text-model", vace="vace-model"):
    settings = ProjectSettings(width=32, height=32, fps=16, model=str(text))
    settings.vace_model = str(vace)
    settings.defaults.frames, settings.defaults.steps = 9, 2
    project = Project(
        settings, [Shot(id="intro", prompt="a title"), Shot(id="s2", prompt="a square", seed=3)]
    )
    save_project(project, tmp_path / "film" / "film.reel")
    make_clip(project.media_dir / "s2" / "take-001.mp4", moving_frames(9))
    project.add_take("s2", Take(id="t1", path="s2/take-001.mp4", frames=9, width=32, height=32))
    save_project(project)
    return project.path


def mask(path, size=32):
    image = np.zeros((size, size), dtype=np.uint8)
    image[:16, :16] = 255
    Image.fromarray(image).save(path)
    return str(path)


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["repaint", "{film}", "7", "--mask", "{mask}"], "position from 1 to 2"),
        (["repaint", "{film}", "1", "--mask", "{mask}"], "no take to repaint"),
        (["repaint", "{film}", "2", "--mask", "{big}"], "64×64 but the take is 32×32"),
        (["extend", "{film}", "s2", "--frames", "0"], "1 to"),
        (["extend", "{film}", "2", "--frames", "9999"], "1 to"),
        (["extend", "{film}", "2", "--frames", "100"], "Extending s2/take-001.mp4 by 100 frames"),
    ],
)
def test_bad_requests_are_refused_clearly_and_change_nothing(tmp_path, capsys, args, words):
    path = film(tmp_path)
    before = path.read_bytes()
    names = {"film": str(path), "mask": mask(tmp_path / "m.png"), "big": mask(tmp_path / "big.png", 64)}
    code = run_cli([a.format(**names) for a in args])
    assert code == ExitCode.BAD_INPUT, code
    assert words in capsys.readouterr().err
    assert path.read_bytes() == before


@pytest.mark.slow
def test_repaint_by_position_makes_and_saves_a_new_take(tmp_path, tiny_a14b, tiny_vace, capsys):
    path = film(tmp_path, tiny_a14b, tiny_vace)
    args = [
        "repaint",
        str(path),
        "2",
        "--mask",
        mask(tmp_path / "m.png"),
        "--prompt",
        "a circle",
        "--seed",
        "5",
    ]
    assert run_cli([*args, "--device", "cpu", "--dtype", "float32"]) == ExitCode.OK
    shot = load_project(path).shot("s2")
    assert len(shot.takes) == 2 and shot.active.prompt == "a circle" and shot.active.seed == 5
    assert "s2/take-002.mp4" in capsys.readouterr().out


@pytest.mark.slow
def test_extend_before_ends_with_the_frames_it_extends(tmp_path, tiny_a14b, tiny_vace, capsys):
    from app.generation.take_reproduction import read_sidecar, request_from_sidecar
    from engine.video.video_io import read_frames

    path = film(tmp_path, tiny_a14b, tiny_vace)
    args = ["extend", str(path), "s2", "--frames", "8", "--before", "--seed", "2"]
    assert run_cli([*args, "--device", "cpu", "--dtype", "float32"]) == ExitCode.OK
    project = load_project(path)
    take = project.shot("s2").active
    made, old = read_frames(project.take_path(take)), moving_frames(9)
    assert len(made) == take.frames == 17
    error = np.mean((made[8:].astype(float) - old.astype(float)) ** 2)
    assert 10 * np.log10(255.0**2 / max(error, 1e-9)) >= 35  # the take's frames, after the 8 new ones
    record = read_sidecar(project.take_path(take))["made_from"]["extend"]
    assert record["before"] is True and record["context"] >= 8 and record["frames"] == 8
    # The context was the take's first K frames, given after the 8 new ones.
    control = request_from_sidecar(path, project.take_path(take)).control
    given = np.stack([np.asarray(Image.open(io.BytesIO(png))) for png in control.frames])
    first = read_frames(project.media_dir / "s2" / "take-001.mp4")[: record["context"]]
    assert control.offset == 8 and control.before and np.array_equal(given, first)
    assert "s2/take-002.mp4" in capsys.readouterr().out
