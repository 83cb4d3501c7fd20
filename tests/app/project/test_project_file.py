"""Project file format: round trip, atomic save with backup, bad files, migrations, moving."""

from __future__ import annotations

import json
import os
import shutil

import pytest

from app.project import migrations
from app.project.migrations import FORMAT_VERSION
from app.project.project import Project
from app.project.project_settings import ProjectSettings
from app.project.reel_file import ProjectError, dumps_project, load_project, save_project, save_project_as
from app.project.shot import Shot, Take


def sample_project() -> Project:
    project = Project(ProjectSettings(name="Film", width=832, height=480, fps=16))
    shot = Shot(
        title="屋顶",
        prompt="一只猫在屋顶上看日落",
        negative_prompt="模糊",
        seed=7,
        frames=33,
        guidance_scale=4.5,
        guidance_scale_2=2.5,
        trim_in=2,
        trim_out=30,
    )
    take = Take(
        id="t1",
        path=f"{shot.id}/take-001.mp4",
        prompt=shot.prompt,
        seed=7,
        width=832,
        height=480,
        frames=33,
        fps=16,
        steps=40,
        guidance_scale=4.5,
        guidance_scale_2=2.5,
        model="m",
        versions={"diffusers": "0.42.1"},
        seconds=1.5,
    )
    shot.takes.append(take)
    shot.active_take = take.id
    project.add_shot(shot)
    project.add_shot(Shot(prompt="Ocean waves", seed=None))
    return project


def test_round_trip_keeps_every_field(tmp_path):
    project = sample_project()
    path = save_project(project, tmp_path / "film.reel")
    loaded = load_project(path)
    assert dumps_project(loaded) == dumps_project(project)
    assert loaded.shots[0].prompt == "一只猫在屋顶上看日落"
    assert loaded.shots[0].active.seed == 7
    # Non-Latin text is stored readable, not \u-escaped.
    assert "一只猫" in path.read_text(encoding="utf-8")
    assert json.loads(path.read_text(encoding="utf-8"))["format_version"] == FORMAT_VERSION


def test_save_is_atomic_and_keeps_a_backup(tmp_path, monkeypatch):
    project = sample_project()
    path = tmp_path / "film.reel"
    save_project(project, path)
    first = path.read_bytes()
    project.update_shot(project.shots[1].id, prompt="Changed")
    save_project(project)
    assert (tmp_path / "film.reel.bak").read_bytes() == first
    second = path.read_bytes()

    # A crash during the write (here: fsync fails) leaves the old file whole and no temp files.
    def broken_fsync(fd):
        raise OSError(5, "I/O error")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    project.update_shot(project.shots[1].id, prompt="Never written")
    with pytest.raises(ProjectError, match="cannot be written"):
        save_project(project)
    assert path.read_bytes() == second
    assert sorted(p.name for p in tmp_path.iterdir()) == ["film.reel", "film.reel.bak"]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "empty"),
        (b"hello world", "not a Storyreel project"),
        (b'{"format_version": 1, "settings": {"width": 10', "truncated or damaged"),
        (b"\xff\xfe\x00garbage", "not UTF-8"),
        (b"[1, 2]", "expected an object"),
        (
            b'{"format_version": 1, "settings": {"width": 0, "height": 4, "fps": 1}, "shots": []}',
            "settings.width",
        ),
        (
            b'{"format_version": 1, "settings": {"width": 8, "height": 4, "fps": 1}, "shots": [{"id": "a"}]}',
            "'prompt' is a required property",
        ),
        (b'{"format_version": "1", "settings": {}, "shots": []}', "format_version"),
        (b'{"format_version": 99, "settings": {}, "shots": []}', "newer Storyreel"),
    ],
)
def test_bad_files_give_a_clear_error_and_stay_unchanged(tmp_path, content, expected):
    path = tmp_path / "bad.reel"
    path.write_bytes(content)
    before = os.stat(path).st_mtime_ns
    with pytest.raises(ProjectError) as info:
        load_project(path)
    assert str(path) in str(info.value)
    assert expected in str(info.value)
    assert path.read_bytes() == content and os.stat(path).st_mtime_ns == before
    assert [p.name for p in tmp_path.iterdir()] == ["bad.reel"]


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(ProjectError, match="no such file"):
        load_project(tmp_path / "nope.reel")
    with pytest.raises(ProjectError, match="folder"):
        load_project(tmp_path)


def test_older_format_is_migrated_in_order(tmp_path, monkeypatch):
    calls = []

    def v1_to_v2(doc):
        calls.append(1)
        doc["settings"] = {**doc["settings"], "name": doc["settings"]["name"].upper()}
        return doc

    def v2_to_v3(doc):
        calls.append(2)
        doc["settings"] = {**doc["settings"], "name": doc["settings"]["name"] + "!"}
        return doc

    path = save_project(sample_project(), tmp_path / "old.reel")
    original = path.read_bytes()
    monkeypatch.setattr(migrations, "FORMAT_VERSION", 3)
    monkeypatch.setattr(migrations, "MIGRATIONS", {1: v1_to_v2, 2: v2_to_v3})
    doc, version = migrations.migrate(json.loads(original), target=3)
    assert calls == [1, 2] and version == 1
    assert doc["format_version"] == 3 and doc["settings"]["name"] == "FILM!"


def test_failed_migration_is_a_clear_error(tmp_path, monkeypatch):
    def broken(doc):
        raise KeyError("shots")

    doc = {"format_version": 1}
    monkeypatch.setattr(migrations, "MIGRATIONS", {1: broken})
    with pytest.raises(migrations.MigrationError, match="from format 1 failed"):
        migrations.migrate(doc, target=2)
    with pytest.raises(migrations.MigrationError, match="no migration from format 2"):
        migrations.migrate({"format_version": 2}, target=3)


def test_moved_project_folder_still_opens_with_its_takes(tmp_path):
    project = sample_project()
    folder = tmp_path / "a"
    path = save_project(project, folder / "film.reel")
    clip = project.take_path(project.shots[0].active)
    clip.parent.mkdir(parents=True)
    clip.write_bytes(b"clip")
    shutil.move(folder, tmp_path / "b")
    moved = load_project(tmp_path / "b" / "film.reel")
    assert moved.take_path(moved.shots[0].active).read_bytes() == b"clip"
    assert path.name == "film.reel"


def test_save_as_brings_the_media_folder(tmp_path):
    project = sample_project()
    save_project(project, tmp_path / "film.reel")
    clip = project.take_path(project.shots[0].active)
    clip.parent.mkdir(parents=True)
    clip.write_bytes(b"clip")
    save_project_as(project, tmp_path / "other" / "copy.reel")
    assert project.media_dir == tmp_path / "other" / "copy.media"
    assert project.take_path(project.shots[0].active).read_bytes() == b"clip"
    assert clip.exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [("seed", -1), ("steps", 10**6), ("width", 100001), ("seed", 10**45), ("model_revision", 123)],
)
def test_save_refuses_a_value_the_loader_would_refuse(tmp_path, field, value):
    """Issue 21.1: an out-of-range take value never reaches the disk, and the film and backup still open."""
    project = sample_project()
    path = save_project(project, tmp_path / "film.reel")
    project.update_shot(project.shots[1].id, prompt="Second save")
    save_project(project)
    before = path.read_bytes(), (tmp_path / "film.reel.bak").read_bytes()
    setattr(project.shots[0].takes[0], field, value)
    with pytest.raises(ProjectError, match="not saved, because the file would not open again"):
        save_project(project)
    with pytest.raises(ProjectError, match="not saved"):
        save_project(project)  # a second try does not replace the backup either
    assert (path.read_bytes(), (tmp_path / "film.reel.bak").read_bytes()) == before
    load_project(path)
    load_project(tmp_path / "film.reel.bak")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["film.reel", "film.reel.bak"]


def test_a_damaged_film_never_becomes_the_backup(tmp_path):
    """Issue 21.1: the .bak is only replaced by a file that loads; the damaged one is set aside."""
    project = sample_project()
    path = save_project(project, tmp_path / "film.reel")
    save_project(project)
    good_backup = (tmp_path / "film.reel.bak").read_bytes()
    path.write_text('{"format_version": 1, "settings": {"width": 0}}', encoding="utf-8")
    save_project(project, overwrite=True)  # changed on disk since it was read: only on purpose
    assert (tmp_path / "film.reel.bak").read_bytes() == good_backup
    assert (tmp_path / "film.reel.damaged").read_text(encoding="utf-8").startswith('{"format_version": 1')
    load_project(path)
