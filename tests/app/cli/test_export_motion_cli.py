"""export --fps 32 --motion repeat | blend | interpolate, and the refusals that keep the film as it was."""

from __future__ import annotations

import numpy as np
import pytest
from export_support import RED, project_with_takes
from ifnet_support import direct, tiny_ifnet_folder
from PIL import Image

from app.cli.main import run_cli
from app.project.reel_file import save_project
from app.settings.model_settings import ModelSettings, store_model_settings
from app.settings.user_settings import load_settings, save_settings
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


@pytest.fixture
def textured(tmp_path):
    """A 9-frame take 60x44 (no side a multiple of the tiny model's 8) of a sliding texture."""
    project = project_with_takes(tmp_path, [RED], frames=9, width=60, height=44)
    y, x = np.mgrid[0:44, 0:60].astype(np.float64)
    frames = np.stack(
        [
            np.stack([127 + 100 * np.sin((x - 1.5 * k) / 3.0) * np.cos(y / 4.0 + c) for c in range(3)], -1)
            for k in range(9)
        ]
    ).astype(np.uint8)
    write_clip(frames, 16, project.media_dir / "take0.mp4")
    return project


def _in_betweens_equal_the_module(project, out, model):
    source = read_frames(project.media_dir / "take0.mp4")
    made = np.stack([np.asarray(Image.open(p).convert("RGB")) for p in sorted(out.glob("*.png"))])
    assert len(made) == 18
    np.testing.assert_array_equal(made[0:16:2], source[:8])  # source frames pass as they are
    for k in range(8):
        expected = direct(model, source[k], source[k + 1], 0.5, (48, 64))
        np.testing.assert_array_equal(made[2 * k + 1], expected)


def test_the_learned_interpolator_makes_the_in_betweens(tmp_path, textured):
    folder, model = tiny_ifnet_folder(tmp_path / "rife")
    out = tmp_path / "frames"
    args = ["export", str(textured.path), "-o", str(out), "--fps", "32", "--motion", "interpolate"]
    assert run_cli([*args, "--interpolator", str(folder)]) == 0
    _in_betweens_equal_the_module(textured, out, model)


def test_the_interpolator_set_in_preferences_is_used_without_the_flag(tmp_path, textured):
    folder, model = tiny_ifnet_folder(tmp_path / "rife", seed=5)
    user = load_settings()
    store_model_settings(user, ModelSettings(interpolator=str(folder)))
    save_settings(user)
    out = tmp_path / "frames"
    assert (
        run_cli(["export", str(textured.path), "-o", str(out), "--fps", "32", "--motion", "interpolate"]) == 0
    )
    _in_betweens_equal_the_module(textured, out, model)


def test_pickled_interpolator_weights_are_refused_and_nothing_is_written(tmp_path, textured, capsys):
    folder = tmp_path / "pickled"
    folder.mkdir()
    (folder / "flownet.pkl").write_bytes(b"not loaded")
    out = tmp_path / "film.mp4"
    args = ["export", str(textured.path), "-o", str(out), "--fps", "32", "--motion", "interpolate"]
    assert run_cli([*args, "--interpolator", str(folder)]) != 0
    assert "no interpolation weights in safetensors" in capsys.readouterr().err
    assert not out.exists()


@pytest.mark.parametrize(("fps", "trim", "message"), [
    ("16", None, "already at 16 fps and the film at 16 fps"),
    ("32", 1, "S1 shows one frame: there is nothing to interpolate between"),
])  # fmt: skip
def test_the_refusals_come_before_the_learned_model_loads(tmp_path, film, capsys, fps, trim, message):
    film.shots[0].trim_out = trim
    save_project(film, film.path)
    out = tmp_path / "film.mp4"
    args = ["export", str(film.path), "-o", str(out), "--fps", fps, "--motion", "interpolate"]
    assert run_cli([*args, "--interpolator", str(tmp_path / "no-such-model")]) == 2
    assert message in capsys.readouterr().err
    assert not out.exists()


def test_an_interpolator_without_interpolate_is_refused(tmp_path, film, capsys):
    out = tmp_path / "film.mp4"
    assert run_cli(["export", str(film.path), "-o", str(out), "--fps", "32", "--interpolator", "x"]) == 2
    assert "add --motion interpolate" in capsys.readouterr().err
