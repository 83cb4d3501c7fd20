"""`make demo`'s path at test size: the example film renders, continuing shot, start image and cast included."""

from __future__ import annotations

import shutil

import pytest

from app.cli.main import run_cli
from app.paths.resources import resource_path
from app.project.reel_file import load_project, save_project


@pytest.mark.slow
def test_the_example_renders_with_the_tiny_text_image_and_reference_models(
    tmp_path, capsys, tiny_a14b, tiny_i2v, tiny_vace
):
    example = resource_path("examples", "example.reel")
    film = tmp_path / "film" / "example.reel"
    film.parent.mkdir()
    shutil.copy2(example, film)
    shutil.copytree(example.with_name("example.media"), film.with_name("example.media"))
    project = load_project(film)
    # What the Makefile does (the tiny I2V model for the shots with images, the tiny VACE model for the
    # cast's shots), at a size the suite affords.
    project.settings.image_model = str(tiny_i2v)
    project.settings.vace_model = str(tiny_vace)
    project.settings.width = project.settings.height = 32
    project.settings.defaults.frames, project.settings.defaults.steps = 5, 2
    save_project(project)
    out = tmp_path / "example.mp4"
    assert run_cli(["render", str(film), "-o", str(out), "--model", str(tiny_a14b)]) == 0, capsys.readouterr()
    assert out.is_file()
    done = load_project(film)
    by_title = {shot.title: shot for shot in done.shots}
    dawn, gulls, keeper = by_title["Dawn"], by_title["Gulls"], by_title["Keeper"]
    assert all(shot.active is not None for shot in done.shots)
    assert gulls.active.conditioning["kind"] == "continue"
    # With a reference model set, a continuing shot goes on from the last frames on it (issue 24, item 4).
    assert gulls.active.conditioning["from_take"] == dawn.active.id and gulls.active.model == str(tiny_vace)
    assert keeper.active.conditioning["image"]["sha256"] == keeper.start_image.sha256
    assert dawn.active.conditioning == {} and dawn.active.model == str(tiny_a14b)
    (elias,) = done.cast
    for shot in (by_title["Stairs"], by_title["Gallery"]):  # the cast's two shots, on the reference model
        assert shot.active.model == str(tiny_vace) and shot.active.conditioning["cast"] == [elias.name]
        assert shot.active.conditioning["references"] == [
            {"path": elias.images[0].path, "sha256": elias.images[0].sha256}
        ]
        assert shot.active.prompt.startswith(elias.description)
