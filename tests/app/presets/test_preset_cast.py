"""Brand presets that carry cast members: a .reelstyle round trip into a film, and hostile archives."""

from __future__ import annotations

import json
import os
import zipfile
from pathlib import Path

import pytest
from image_support import bad_images, png_file, still
from memory_support import refused_peak
from preset_support import TEAPOT, make_cast_preset

from app.cli.main import run_cli
from app.paths.resources import resource_path
from app.presets.archive import export_preset, import_preset
from app.presets.library import delete_preset, library_dir
from app.presets.preset import MAX_PRESET_CAST, PresetError, preset_format
from app.presets.preset_cast import add_preset_cast, library_preset_cast
from app.project.cast_images import cast_image_bytes
from app.project.cast_member import CAST_KINDS, MAX_CAST_IMAGES, CastMember
from app.project.reel_file import load_project, new_project_file, save_project
from app.project.shot_inputs import ShotImage


def film(tmp_path: Path, name: str = "film.reel"):
    return new_project_file(tmp_path / name)


def test_a_reelstyle_carries_its_cast_into_a_film_with_the_same_image_bytes(tmp_path):
    images = make_cast_preset(tmp_path)
    archive = export_preset("Brand", tmp_path / "brand.reelstyle")
    with zipfile.ZipFile(archive) as zf:
        assert {"cast/mei-front.png", "cast/mei-side.png", "cast/teapot.png"} <= set(zf.namelist())
    delete_preset("Brand")
    imported = import_preset(archive)
    assert [m.name for m in imported.cast] == ["Mei", "茶壶"]

    project = film(tmp_path)
    assert add_preset_cast(project, "Brand") is None  # nothing clashed
    mei, teapot = project.cast
    assert (mei.name, mei.kind, mei.description) == ("Mei", "character", "a girl in a red hanfu")
    assert (teapot.name, teapot.kind) == ("茶壶", "product")
    sent = [images["cast/mei-front.png"], images["cast/mei-side.png"], images["cast/teapot.png"]]
    got = [cast_image_bytes(project, image) for image in mei.images + teapot.images]
    assert got == [path.read_bytes() for path in sent]
    assert all(image.path.startswith("cast/") for image in mei.images + teapot.images)
    save_project(project)
    again = load_project(project.path)
    assert [(m.name, [i.sha256 for i in m.images]) for m in again.cast] == [
        (m.name, [i.sha256 for i in m.images]) for m in project.cast
    ]
    # The copy embedded in the film holds what renders shots; the members live in the film's cast.
    assert "cast" not in project.presets.get("Brand", {}) or not project.presets["Brand"]["cast"]


def test_new_with_a_preset_adds_its_cast_and_a_clash_keeps_the_films_member(tmp_path, capsys):
    make_cast_preset(tmp_path)
    assert run_cli(["new", str(tmp_path / "new.reel"), "--preset", "Brand"]) == 0
    assert [m.name for m in load_project(tmp_path / "new.reel").cast] == ["Mei", "茶壶"]
    capsys.readouterr()
    assert run_cli(["preset", "list", "--json"]) == 0
    rows = {row["name"]: row for row in json.loads(capsys.readouterr().out)}
    assert rows["Brand"]["cast"] == ["Mei", "茶壶"] and rows["Monochrome"]["cast"] == []
    assert run_cli(["preset", "list"]) == 0
    assert "cast Mei, 茶壶" in capsys.readouterr().out

    project = film(tmp_path, "own.reel")
    own = CastMember("mei", "character", "our own Mei", [ShotImage("cast/" + "a" * 64 + ".png", "a" * 64)])
    project.add_cast_member(own)
    cast = library_preset_cast(project, "Brand")
    assert [m.name for m in cast.members] == ["茶壶"] and cast.kept == ["Mei"]
    notice = add_preset_cast(project, "Brand")
    assert notice is not None and "Mei" in notice and "keeps its own" in notice
    assert [m.description for m in project.cast] == ["our own Mei", "a celadon teapot"]
    # Applied again: the teapot it added is the preset's own, so only the film's Mei is named.
    assert library_preset_cast(project, "Brand").kept == ["Mei"]
    assert len(project.cast) == 2


def test_the_schema_matches_the_project_s_cast_rules():
    schema = json.loads(resource_path("presets", "preset.schema.json").read_text(encoding="utf-8"))
    member = schema["$defs"]["castMember"]
    assert tuple(member["properties"]["kind"]["enum"]) == CAST_KINDS
    assert member["properties"]["images"]["maxItems"] == MAX_CAST_IMAGES
    assert schema["properties"]["cast"]["maxItems"] == MAX_PRESET_CAST


def write_style(path: Path, cast: list[dict], members: dict[str, bytes]) -> Path:
    doc = {"format_version": 1, "name": "Hostile", "cast": cast}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("preset.json", json.dumps(doc))
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def library_is_empty() -> bool:
    root = library_dir()
    return not root.exists() or not any(p for p in root.iterdir())


@pytest.mark.parametrize(
    "image",
    ["../evil.png", "/etc/evil.png", "cast/../../evil.png", "C:/evil.png", "cast/..", "..\\evil.png"],
)
def test_a_cast_image_name_that_leaves_the_preset_is_refused(tmp_path, image):
    style = write_style(tmp_path / "t.reelstyle", [{"name": "Mei", "images": [image]}], {image: still()})
    with pytest.raises(PresetError, match=r"invalid preset at cast\[0\]\.images\[0\]"):
        import_preset(style)
    assert library_is_empty() and not (tmp_path / "evil.png").exists()


def test_a_huge_cast_image_is_refused_before_it_is_unpacked(tmp_path):
    style = tmp_path / "huge.reelstyle"
    with zipfile.ZipFile(style, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "preset.json",
            json.dumps(
                {"format_version": 1, "name": "Huge", "cast": [{"name": "Mei", "images": ["cast/mei.png"]}]}
            ),
        )
        with archive.open("cast/mei.png", "w", force_zip64=True) as out:
            block = b"\0" * (1 << 20)
            for _ in range(80):
                out.write(block)
    assert style.stat().st_size < 1 << 20
    preset_format().validate({"format_version": 1, "name": "Warm"})  # the schema compiled beforehand
    _, peak = refused_peak(lambda: import_preset(style), PresetError, "cast/mei.png unpacks to 80 MB")
    assert peak < 4 << 20, f"peak {peak >> 20} MB"
    assert library_is_empty()


@pytest.mark.parametrize("name", ["not an image", "20000x20000", "16-bit colour", "animated PNG"])
def test_a_cast_image_that_is_no_usable_image_is_refused(tmp_path, name):
    data, phrase = bad_images()[name]
    style = write_style(
        tmp_path / "t.reelstyle", [{"name": "Mei", "images": ["cast/mei.png"]}], {"cast/mei.png": data}
    )
    with pytest.raises(PresetError, match=f"cast member 'Mei'.*{phrase}"):
        import_preset(style)
    assert library_is_empty()


@pytest.mark.parametrize(
    ("cast", "phrase"),
    [
        ([{"name": f"M{i}", "images": [f"cast/{i}.png"]} for i in range(100)], "invalid preset at cast:"),
        ([{"name": "Mei", "images": [f"cast/{i}.png" for i in range(5)]}], "invalid preset"),
        ([{"name": "Mei", "images": []}], "invalid preset"),
        ([{"name": "Mei", "kind": "villain", "images": ["cast/0.png"]}], "invalid preset"),
        ([{"name": "Mei Li", "images": ["cast/0.png"]}], "cannot be written as @name"),
        (
            [{"name": "Mei", "images": ["cast/0.png"]}, {"name": "MEI", "images": ["cast/0.png"]}],
            "two cast members",
        ),
    ],
)
def test_a_cast_no_film_could_take_is_refused(tmp_path, cast, phrase):
    members = {f"cast/{i}.png": still() for i in range(min(len(cast), 5))}
    with pytest.raises(PresetError, match=phrase):
        import_preset(write_style(tmp_path / "t.reelstyle", cast, members))
    assert library_is_empty()


def test_a_symlinked_cast_image_in_the_library_is_neither_exported_nor_applied(tmp_path):
    outside = png_file(tmp_path / "secret.png")
    make_cast_preset(tmp_path, cast=(TEAPOT,))
    teapot = library_dir() / "Brand" / "cast" / "teapot.png"
    teapot.unlink()
    os.symlink(outside, teapot)
    with pytest.raises(PresetError, match="symlink|link"):
        export_preset("Brand", tmp_path / "out.reelstyle")
    assert not (tmp_path / "out.reelstyle").exists()
    project = film(tmp_path)
    with pytest.raises(PresetError, match="symlink|link"):
        library_preset_cast(project, "Brand")
    assert not any((project.media_dir / "cast").glob("*")) if (project.media_dir / "cast").exists() else True
