"""Image entries from files people share (.reel, shot lists): hostile paths refused, good ones kept."""

from __future__ import annotations

import json
import os

import pytest
from image_support import gradient, png_file

from app.project.reel_file import ProjectError, load_project, new_project_file
from app.project.shot_list import ShotListError, load_shot_list

SHA = "ab" * 32


def reel(tmp_path, shot_extra: dict) -> object:
    doc = {
        "format_version": 1,
        "settings": {"width": 64, "height": 48, "fps": 16, "image_model": "some/i2v"},
        "shots": [{"id": "s1", "prompt": "p", **shot_extra}],
    }
    path = tmp_path / "film.reel"
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("image_path", "phrase"),
    [
        ("../outside.png", "images/"),
        ("images/../../outside.png", "images/"),
        ("/etc/passwd", "images/"),
        ("C:/Windows/x.png", "images/"),
        ("images\\..\\x.png", "images/"),
        ("s1/take-001.mp4", "images/"),
        ("images/sub/x.png", "images/"),
        ("images/..", "images/"),
        ("images/CON.png", "images/"),
    ],
)
def test_hostile_image_paths_in_a_reel_are_refused(tmp_path, image_path, phrase):
    path = reel(tmp_path, {"start_image": {"path": image_path, "sha256": SHA}})
    with pytest.raises(ProjectError) as info:
        load_project(path)
    assert str(path) in str(info.value) and phrase in str(info.value)


@pytest.mark.parametrize(
    ("extra", "phrase"),
    [
        ({"end_image": {"path": "../x.png", "sha256": SHA}}, "end_image"),
        ({"start_image": {"path": f"images/{SHA}.png", "sha256": "nothex"}}, "sha256"),
        ({"start_image": {"path": f"images/{SHA}.png", "sha256": SHA, "fit": "stretch"}}, "fit"),
        (
            {"start_image": {"path": f"images/{SHA}.png", "sha256": SHA}, "continue_previous": True},
            "only one",
        ),
        ({"continue_previous": "yes"}, "continue_previous"),
        ({"takes": [{"id": "t", "path": "s1/t.mp4", "segments": {"count": -1}}]}, "segments"),
    ],
)
def test_bad_image_fields_in_a_reel_are_refused(tmp_path, extra, phrase):
    with pytest.raises(ProjectError, match=phrase):
        load_project(reel(tmp_path, extra))


def test_image_fields_load(tmp_path):
    start = {
        "path": f"images/{SHA}.png",
        "sha256": SHA,
        "fit": "fit",
        "source": "take-frame",
        "source_take": "t0",
    }
    project = load_project(reel(tmp_path, {"start_image": start, "future_key": 1}))
    shot = project.shots[0]
    assert shot.start_image.path == start["path"] and shot.start_image.source_take == "t0"
    assert shot.end_image is None and not shot.continue_previous
    assert project.settings.image_model == "some/i2v" and project.settings.image_model_revision is None


def test_shot_list_image_and_continue_columns(tmp_path):
    png_file(tmp_path / "start.png")
    (tmp_path / "stills").mkdir()
    png_file(tmp_path / "stills" / "two.png", gradient(seed=2))
    listing = tmp_path / "shots.csv"
    listing.write_text(
        "prompt,image,continue\nOpening,start.png,\nShe turns,,true\nClose up,stills/two.png,no\n",
        encoding="utf-8",
    )
    project = new_project_file(tmp_path / "film.reel")
    first, second, third = load_shot_list(listing, project)
    assert first.start_image.path.startswith("images/") and not first.continue_previous
    assert second.start_image is None and second.continue_previous
    assert third.start_image.sha256 != first.start_image.sha256
    assert (project.media_dir / first.start_image.path).is_file()


@pytest.mark.parametrize(
    ("cell", "phrase"),
    [
        ("../start.png", "'..' is not allowed"),
        ("/etc/passwd", "not an image"),  # the person's own path is read, and checked like any image
        ("C:/x.png", "absolute path"),
        ("missing.png", "no such file"),
        ("link.png", "symbolic link"),
        ("notes.png", "not an image"),
    ],
)
def test_shot_list_hostile_images_are_refused(tmp_path, cell, phrase):
    folder = tmp_path / "list"
    folder.mkdir()
    png_file(tmp_path / "start.png")
    os.symlink(tmp_path / "start.png", folder / "link.png")
    (folder / "notes.png").write_text("not a picture", encoding="utf-8")
    listing = folder / "shots.csv"
    listing.write_text(f"prompt,image\nOpening,{cell}\n", encoding="utf-8")
    project = new_project_file(tmp_path / "film.reel")
    with pytest.raises(ShotListError) as info:
        load_shot_list(listing, project)
    assert "line 2" in str(info.value) and phrase in str(info.value)


def test_shot_list_takes_an_absolute_image_path_and_copies_it(tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    png_file(elsewhere / "start.png")
    listing = tmp_path / "list" / "shots.csv"
    listing.parent.mkdir()
    listing.write_text(f"prompt,image\nOpening,{elsewhere / 'start.png'}\n", encoding="utf-8")
    project = new_project_file(tmp_path / "film.reel")
    (shot,) = load_shot_list(listing, project)
    copy = project.media_dir / shot.start_image.path
    assert copy.read_bytes() == (elsewhere / "start.png").read_bytes()
    assert copy.is_relative_to(project.media_dir)


def test_shot_list_images_need_a_saved_film_and_one_choice(tmp_path):
    png_file(tmp_path / "start.png")
    listing = tmp_path / "shots.csv"
    listing.write_text("prompt,image\nOpening,start.png\n", encoding="utf-8")
    with pytest.raises(ShotListError, match="save the film first"):
        load_shot_list(listing)
    listing.write_text("prompt,image,continue\nOpening,start.png,true\n", encoding="utf-8")
    with pytest.raises(ShotListError, match="not both"):
        load_shot_list(listing)
    listing.write_text("prompt,continue\nOpening,maybe\n", encoding="utf-8")
    with pytest.raises(ShotListError, match="true or false"):
        load_shot_list(listing)
