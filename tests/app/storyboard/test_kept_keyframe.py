"""The kept keyframe sketch is part of the film: saved, reopened, checked like any media path (a
hostile or wrong one is dropped and the film still opens), and a missing file is marked."""

from __future__ import annotations

import json
import logging

import pytest
from image_support import gradient, png_file

from app.project.media_paths import UnsafePath
from app.project.project import Project
from app.project.project_settings import ProjectSettings
from app.project.reel_file import ProjectError, load_project, save_project
from app.project.shot import Shot
from app.storyboard.keyframes import Sketch, animate_from_keyframe, keep_new_sketches, kept_sketch_missing


@pytest.fixture
def film(tmp_path):
    project = Project(ProjectSettings(name="Kept"), [Shot(id="a", prompt="x"), Shot(id="b", prompt="y")])
    path = save_project(project, tmp_path / "film.reel")
    (project.media_dir / "keyframes").mkdir(parents=True)
    for name in ("a-001.png", "a-002.png"):
        png_file(project.media_dir / "keyframes" / name, gradient(32, 32))
    return path


def _rewrite(path, **kept):
    doc = json.loads(path.read_text(encoding="utf-8"))
    for shot in doc["shots"]:
        shot["kept_keyframe"] = kept.get(shot["id"])
    path.write_text(json.dumps(doc), encoding="utf-8")


def test_the_kept_still_survives_save_and_reopen_and_animates_after_it(film):
    project = load_project(film)
    project.update_shot("a", kept_keyframe="keyframes/a-002.png")
    save_project(project)
    again = load_project(film)
    assert again.shot("a").kept_keyframe == "keyframes/a-002.png" and again.shot("b").kept_keyframe is None
    assert not kept_sketch_missing(again, again.shot("a"))
    animate_from_keyframe(again, "a", again.shot("a").kept_keyframe)
    image = again.shot("a").start_image
    kept_bytes = (again.media_dir / "keyframes/a-002.png").read_bytes()
    assert image is not None and (again.media_dir / image.path).read_bytes() == kept_bytes


@pytest.mark.parametrize(
    "hostile",
    ["../outside.png", "/etc/passwd", "images/a-001.png", "keyframes/b-001.png", "keyframes/a-1.png"],
)
def test_a_kept_path_outside_the_shots_sketches_is_dropped_and_the_film_opens(film, hostile, caplog):
    _rewrite(film, a=hostile, b="keyframes/b-001.png")
    with caplog.at_level(logging.WARNING, logger="app.project.reel_file"):
        project = load_project(film)
    assert (
        project.shot("a").kept_keyframe is None and project.shot("b").kept_keyframe == "keyframes/b-001.png"
    )
    assert "kept keyframe" in caplog.text
    assert kept_sketch_missing(project, project.shot("a"))  # marked in the grid until another is kept
    project.update_shot("a", kept_keyframe="keyframes/a-001.png")
    assert not kept_sketch_missing(project, project.shot("a"))


def test_a_kept_still_that_is_not_text_is_a_damaged_film_named_so(film):
    _rewrite(film, a=42)
    with pytest.raises(ProjectError, match=r"shots\[0\]\.kept_keyframe"):
        load_project(film)


def test_a_kept_path_through_a_symlink_is_marked_missing(film, tmp_path):
    project = load_project(film)
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    png_file(outside / "a-003.png", gradient(32, 32))
    keyframes = project.media_dir / "keyframes"
    for name in ("a-001.png", "a-002.png"):
        (keyframes / name).unlink()
    keyframes.rmdir()
    keyframes.symlink_to(outside, target_is_directory=True)
    project.update_shot("a", kept_keyframe="keyframes/a-003.png")
    assert kept_sketch_missing(project, project.shot("a"))
    with pytest.raises(UnsafePath):
        animate_from_keyframe(project, "a", "keyframes/a-003.png")


def test_a_kept_file_that_is_gone_opens_and_is_marked_missing(film):
    _rewrite(film, a="keyframes/a-009.png")
    project = load_project(film)
    assert project.shot("a").kept_keyframe == "keyframes/a-009.png"
    assert kept_sketch_missing(project, project.shot("a")) and not kept_sketch_missing(
        project, project.shot("b")
    )


def test_setting_a_kept_still_is_checked_and_a_new_sketch_is_kept_only_where_none_is(film):
    project = load_project(film)
    with pytest.raises(UnsafePath):
        project.update_shot("a", kept_keyframe="../x.png")
    png_file(project.media_dir / "keyframes" / "b-001.png", gradient(32, 32))
    project.update_shot("b", kept_keyframe="keyframes/b-001.png")
    new = [Sketch("a", "keyframes/a-001.png", {}), Sketch("b", "keyframes/b-002.png", {})]
    assert keep_new_sketches(project, new) == ["a"]
    assert project.shot("b").kept_keyframe == "keyframes/b-001.png"
    (project.media_dir / "keyframes" / "b-001.png").unlink()  # a kept file gone: the new one is kept
    assert (
        keep_new_sketches(project, new) == ["b"] and project.shot("b").kept_keyframe == "keyframes/b-002.png"
    )
