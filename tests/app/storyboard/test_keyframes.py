"""Keyframe sketches on the tiny Wan model: one frame through the shot's own request path, a PNG and
its record in FILM.media/keyframes/, equal to a direct one-frame WanPipeline call from that record;
a kept sketch becomes the shot's start image."""

from __future__ import annotations

import json

import numpy as np
import pytest
from PIL import Image

from app.project.reel_file import new_project_file
from app.project.shot import Shot
from app.storyboard.keyframes import animate_from_keyframe, shot_sketches, sketch_keyframes
from engine.generation.pipeline_cache import PipelineCache
from engine.generation.request import ModelSpec
from engine.generation.wan_run import to_uint8


@pytest.fixture
def film(tmp_path, tiny_a14b):
    project = new_project_file(tmp_path / "film.reel")
    project.settings.model = str(tiny_a14b)
    project.settings.width = project.settings.height = 32
    project.settings.defaults.steps = 2
    project.add_shot(Shot(id="a", prompt="a lighthouse at dusk", seed=7, frames=9))
    project.add_shot(Shot(id="b", prompt=""))  # nothing to sketch
    return project


@pytest.mark.slow
def test_a_sketch_equals_a_direct_one_frame_call_from_its_record(film, tiny_a14b):
    import torch
    from diffusers import WanPipeline

    cache = PipelineCache()
    try:
        [sketch] = sketch_keyframes(
            film, ["a", "b"], cache, ModelSpec(str(tiny_a14b), device="cpu", dtype="float32")
        )
    finally:
        cache.release()
    png = film.media_dir / sketch.path
    assert sketch.path == "keyframes/a-001.png" and png.is_file()
    record = json.loads(png.with_suffix(".json").read_text(encoding="utf-8"))
    assert record == sketch.record
    assert (record["frames"], record["seed"], record["width"], record["prompt"]) == (
        1,
        7,
        32,
        "a lighthouse at dusk",
    )
    assert record["made_from"]["keyframe_of"] == "a"
    ours = np.asarray(Image.open(png).convert("RGB"))

    pipe = WanPipeline.from_pretrained(tiny_a14b, dtype=torch.float32)
    call = {
        "prompt": record["prompt"],
        "negative_prompt": record["negative_prompt"],
        "height": record["height"],
        "width": record["width"],
        "num_frames": record["frames"],
        "num_inference_steps": record["steps"],
        "guidance_scale": record["guidance_scale"],
        "generator": torch.Generator("cpu").manual_seed(record["seed"]),
        "output_type": "np",
    }
    if record["guidance_scale_2"] is not None:
        call["guidance_scale_2"] = record["guidance_scale_2"]
    direct = to_uint8(pipe(**call).frames[0])
    assert direct.shape == (1, 32, 32, 3) and np.array_equal(ours, direct[0])
    assert ours.std() > 0


@pytest.mark.slow
def test_another_sketch_gets_the_next_name_and_a_kept_one_starts_the_shot(film, tiny_a14b):
    cache = PipelineCache()
    spec = ModelSpec(str(tiny_a14b), device="cpu", dtype="float32")
    try:
        first = sketch_keyframes(film, ["a"], cache, spec)[0]
        second = sketch_keyframes(film, ["a"], cache, spec, new_seed=True)[0]
    finally:
        cache.release()
    assert second.path == "keyframes/a-002.png" and shot_sketches(film, film.shot("a")) == [
        first.path,
        second.path,
    ]
    old = animate_from_keyframe(film, "a", second.path)
    assert old["start_image"] is None
    image = film.shot("a").start_image
    assert image is not None and image.path.startswith("images/")
    assert (film.media_dir / image.path).read_bytes() == (film.media_dir / second.path).read_bytes()


def test_a_sketch_path_outside_the_media_folder_is_refused(film, tmp_path):
    from app.project.media_paths import UnsafePath

    with pytest.raises(UnsafePath):
        animate_from_keyframe(film, "a", "../outside.png")


@pytest.mark.slow
def test_the_keyframes_command_keeps_a_shots_first_still_and_not_the_next(film, tiny_a14b, capsys):
    from app.cli.exit_codes import ExitCode
    from app.cli.main import run_cli
    from app.project.reel_file import load_project, save_project

    path = save_project(film)
    args = ["keyframes", str(path), "--shots", "1", "--device", "cpu", "--dtype", "float32", "--json"]
    assert run_cli(args) == ExitCode.OK
    [row] = json.loads(capsys.readouterr().out)
    assert row["shot"] == "a" and (film.media_dir / row["path"]).is_file() and row["record"]["frames"] == 1
    assert row["kept"] and load_project(path).shot("a").kept_keyframe == row["path"]
    assert run_cli([*args, "--new-seed"]) == ExitCode.OK  # another still: the first stays kept
    [again] = json.loads(capsys.readouterr().out)
    assert again["path"] == "keyframes/a-002.png" and not again["kept"]
    assert load_project(path).shot("a").kept_keyframe == row["path"]


@pytest.mark.slow
def test_a_cast_shot_is_sketched_on_the_reference_model_with_its_references(tmp_path, tiny_a14b, tiny_vace):
    from image_support import gradient, png_file

    from app.project.cast_images import import_cast_images
    from app.project.cast_member import CastMember
    from app.project.project import Project
    from app.project.project_settings import ProjectSettings
    from app.project.reel_file import save_project
    from app.project.shot_images import import_image
    from app.project.shot_inputs import ShotKeyframe

    settings = ProjectSettings(width=32, height=32, fps=16, model=str(tiny_a14b), vace_model=str(tiny_vace))
    settings.defaults.frames, settings.defaults.steps = 9, 2
    project = Project(settings, [Shot(id="s1", prompt="@Mei pours tea", seed=1)])
    save_project(project, tmp_path / "film" / "film.reel")
    mei = import_cast_images(project, [png_file(tmp_path / "mei.png", gradient(24, 24, seed=3))])
    project.add_cast_member(CastMember("Mei", description="a girl in a red hanfu", images=mei))
    key = import_image(project, png_file(tmp_path / "key.png", gradient(32, 32, seed=4)))
    project.update_shot("s1", keyframes=[ShotKeyframe(8, key)])  # the clip's, not the sketch's
    cache = PipelineCache()
    try:
        [sketch] = sketch_keyframes(
            project, ["s1"], cache, ModelSpec(str(tiny_a14b), device="cpu", dtype="float32")
        )
    finally:
        cache.release()
    record = sketch.record
    assert record["model"] == str(tiny_vace) and record["frames"] == 1
    assert record["prompt"] == "a girl in a red hanfu pours tea"
    assert record["made_from"]["cast"] == ["Mei"] and len(record["made_from"]["references"]) == 1
    assert (project.media_dir / sketch.path).is_file()
