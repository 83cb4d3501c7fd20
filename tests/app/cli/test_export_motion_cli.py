"""export --fps 32 --motion repeat | blend | interpolate, and the refusals that keep the film as it was."""

from __future__ import annotations

import numpy as np
import pytest
from export_support import RED, project_with_takes

from app.cli.main import run_cli
from app.project.reel_file import save_project
from engine.video.video_io import read_frames, write_clip


@pytest.fixture
def film(tmp_path):
    project = project_with_takes(tmp_path, [RED], frames=6)
    # Dark and light frames by turns: any in-between is mid grey, a repeated frame never is.
    frames = np.zeros((6, 48, 64, 3), np.uint8)
    frames[1::2] = 200
    write_clip(frames, 16, project.media_dir / "take0.mp4")
    return project


@pytest.mark.parametrize(("motion", "greys"), [("repeat", 0), ("blend", 5), ("interpolate", 5)])
def test_the_in_betweens_of_each_motion(tmp_path, film, motion, greys):
    out = tmp_path / f"{motion}.mp4"
    assert run_cli(["export", str(film.path), "-o", str(out), "--fps", "32", "--motion", motion]) == 0
    levels = read_frames(out).reshape(12, -1).mean(axis=1)
    assert len(levels) == 12
    assert int(np.sum((levels > 60) & (levels < 140))) == greys


def test_interpolating_without_a_higher_rate_is_refused(tmp_path, film, capsys):
    out = tmp_path / "same.mp4"
    assert run_cli(["export", str(film.path), "-o", str(out), "--fps", "16", "--motion", "interpolate"]) == 2
    err = capsys.readouterr().err
    assert "already at 16 fps and the film at 16 fps" in err and "--fps 32" in err
    assert not out.exists()


def test_interpolating_a_one_frame_shot_is_refused(tmp_path, film, capsys):
    film.shots[0].trim_out = 1
    save_project(film, film.path)
    out = tmp_path / "one.mp4"
    assert run_cli(["export", str(film.path), "-o", str(out), "--fps", "32", "--motion", "interpolate"]) == 2
    assert "S1 shows one frame: there is nothing to interpolate between" in capsys.readouterr().err
    assert not out.exists()


def test_a_4x_upscale_of_a_4k_take_is_refused_before_anything_is_written(tmp_path, film, capsys):
    take = film.shots[0].active
    take.width, take.height = 3840, 2160
    save_project(film, film.path)
    out = tmp_path / "huge.mp4"
    code = run_cli(
        ["export", str(film.path), "-o", str(out), "--upscale", "4", "--upscale-model", "any/repo"]
    )
    assert code == 2
    assert "×4 upscale of 3840x2160 would be 15360x8640" in capsys.readouterr().err
    assert not out.exists()
