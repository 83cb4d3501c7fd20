"""Containment: no shot id or take path from a project file reaches outside its media folder."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from app.cli.main import run_cli
from app.generation.take_generation import next_take_path
from app.project.media_paths import UnsafePath, check_id, check_relative, contained
from app.project.reel_file import ProjectError, load_project, save_project
from engine.backends.take_record import write_sidecar
from engine.generation.request import ModelSpec

ESCAPES = [
    "/etc/passwd",  # absolute
    "\\\\server\\share\\clip.mp4",  # UNC
    "C:/Windows/clip.mp4",  # a drive
    "../../outside/take-001.mp4",  # ..
    "s1/../../x.mp4",  # .. in the middle
    "s1/./take.mp4",
    "s1//take.mp4",
    "s1\\..\\x.mp4",  # a backslash is a separator on Windows
    "CON/take.mp4",  # reserved names on Windows, with or without an extension
    "s1/nul.mp4",
    "s1/COM1",
    "s1/take.mp4.",  # Windows drops a trailing dot
    "s1/what?.mp4",
    "x" * 256 + ".mp4",  # over 255 bytes in one part
    "é" * 128 + "/take.mp4",  # 256 bytes in UTF-8
]


@pytest.mark.parametrize("relative", ESCAPES)
def test_escaping_or_unportable_paths_are_refused(tmp_path, relative):
    with pytest.raises(UnsafePath):
        contained(tmp_path / "film.media", relative)


def test_ordinary_paths_resolve_inside(tmp_path):
    media = tmp_path / "film.media"
    assert contained(media, "a1b2/take-001.mp4") == media / "a1b2" / "take-001.mp4"
    assert contained(media, "imported/My clip (2).mov") == media / "imported" / "My clip (2).mov"
    assert check_relative("é" * 127 + "/x")[1] == "x"


@pytest.mark.parametrize("value", ["../../outside", "/abs/path", "a/b", "", "-x", "x" * 65, "con.", None, 3])
def test_shot_ids_have_a_strict_pattern(value):
    with pytest.raises(UnsafePath):
        check_id(value)


def test_a_symlink_in_the_media_folder_is_not_followed(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "take-001.mp4").write_bytes(b"secret")
    media = tmp_path / "film.media"
    media.mkdir()
    os.symlink(outside, media / "s1")
    with pytest.raises(UnsafePath, match="symbolic link"):
        contained(media, "s1/take-001.mp4")
    os.symlink(outside / "take-001.mp4", media / "clip.mp4")
    with pytest.raises(UnsafePath, match="symbolic link"):
        contained(media, "clip.mp4")


def _reel(tmp_path: Path, shot: dict) -> Path:
    path = tmp_path / "film.reel"
    doc = {"format_version": 1, "settings": {"width": 64, "height": 48, "fps": 16}, "shots": [shot]}
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


@pytest.mark.parametrize("shot_id", ["../../outside", "/abs/path", "a\\b", "x" * 300])
def test_a_project_with_an_escaping_shot_id_does_not_open(tmp_path, shot_id, capsys):
    path = _reel(tmp_path, {"id": shot_id, "prompt": "p"})
    with pytest.raises(ProjectError, match="shots\\[0\\].id"):
        load_project(path)
    assert run_cli(["render", str(path), "-o", str(tmp_path / "o.mp4"), "--model", "x/y"]) == 2
    assert str(path) in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["film.reel"]  # nothing written anywhere


@pytest.mark.parametrize("take_path", ["../../../../etc/passwd", "/etc/passwd", "s1/../../x.mp4"])
def test_info_and_export_refuse_a_take_path_outside(tmp_path, take_path, capsys):
    path = _reel(tmp_path, {"id": "s1", "prompt": "p", "takes": [{"id": "t1", "path": take_path}]})
    capsys.readouterr()
    assert run_cli(["info", str(path)]) == 2
    err = capsys.readouterr().err
    assert "film.reel" in err and "path" in err
    assert run_cli(["export", str(path), "-o", str(tmp_path / "o.mp4")]) == 2
    assert not (tmp_path / "o.mp4").exists()


def test_a_take_behind_a_symlink_is_missing_and_not_exported(tmp_path, capsys):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "take-001.mp4").write_bytes(b"not ours")
    take = {"id": "t1", "path": "s1/take-001.mp4"}
    path = _reel(tmp_path, {"id": "s1", "prompt": "p", "takes": [take], "active_take": "t1"})
    (tmp_path / "film.media").mkdir()
    os.symlink(outside, tmp_path / "film.media" / "s1")
    capsys.readouterr()
    assert run_cli(["info", str(path)]) == 0
    shot = json.loads(capsys.readouterr().out)["shots"][0]
    assert shot["status"] == "missing" and shot["active_take"] is None  # existence is not revealed
    assert run_cli(["export", str(path), "-o", str(tmp_path / "o.mp4")]) == 2
    assert "symbolic link" in capsys.readouterr().err
    # Nor is a take ever written through it.
    project = load_project(path)
    project.shots[0].takes.clear()
    with pytest.raises(UnsafePath):
        next_take_path(project, project.shots[0])


def test_a_take_never_replaces_a_file_it_did_not_write(tmp_path, tiny_a14b):
    from engine.backends.local import run_take_job
    from engine.generation.pipeline_cache import PipelineCache

    path = _reel(tmp_path, {"id": "s1", "prompt": "p", "frames": 5, "steps": 1})
    project = load_project(path)
    media = project.media_dir
    (media / "s1").mkdir(parents=True)
    (media / "s1" / "take-001.json").write_text("someone else's notes", encoding="utf-8")
    # The next free take number skips a name whose sidecar is taken, not only the clip's.
    clip, relative = next_take_path(project, project.shots[0])
    assert relative == "s1/take-002.mp4"
    # And the writer itself refuses to replace either file, whoever asks.
    from app.generation.shot_requests import build_request

    request = build_request(
        project, project.shots[0], ModelSpec(str(tiny_a14b), device="cpu", dtype="float32")
    )
    (media / "s1" / "take-002.json").write_text("planted meanwhile", encoding="utf-8")
    with pytest.raises(FileExistsError):
        run_take_job(PipelineCache(), request, clip)
    assert (media / "s1" / "take-002.json").read_text(encoding="utf-8") == "planted meanwhile"
    assert not clip.exists()
    assert (media / "s1" / "take-001.json").read_text(encoding="utf-8") == "someone else's notes"


def test_a_sidecar_that_cannot_be_written_takes_its_clip_with_it(tmp_path):
    clip = tmp_path / "take-001.mp4"
    clip.write_bytes(b"clip")
    (tmp_path / "take-001.json").write_text("planted", encoding="utf-8")
    with pytest.raises(FileExistsError):
        write_sidecar(clip, {"seed": 1})
    assert not clip.exists() and (tmp_path / "take-001.json").read_text(encoding="utf-8") == "planted"


def test_saving_keeps_names_safe(tmp_path):
    path = _reel(tmp_path, {"id": "s1", "prompt": "p"})
    project = load_project(path)
    save_project(project)
    assert load_project(path).shots[0].id == "s1"
