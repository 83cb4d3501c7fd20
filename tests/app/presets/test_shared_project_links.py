"""Issue 21.5: a shared project's planted symlinks never lead a write outside it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from preset_support import make_preset

from app.presets.archive import export_preset
from app.presets.embedded import embed_from_library
from app.presets.preset import PresetError, file_sha256
from app.project.media_paths import UnsafePath, contained
from app.project.project import Project
from app.project.project_settings import ProjectSettings
from engine.storage.atomic_file import copy_file_atomic, open_unlinked, write_bytes_atomic


def _project(tmp_path: Path) -> Project:
    project = Project(ProjectSettings(width=64, height=48, fps=16))
    project.path = tmp_path / "film" / "film.reel"
    project.path.parent.mkdir(parents=True)
    return project


def _victim(tmp_path: Path) -> Path:
    victim = tmp_path / "victim" / "precious.txt"
    victim.parent.mkdir()
    victim.write_text("mine", encoding="utf-8")
    return victim


def test_applying_a_preset_does_not_follow_a_planted_temp_link(tmp_path: Path) -> None:
    """The old fixed name .<file>.tmp was copied through; planted there now, it is left alone."""
    make_preset(tmp_path)
    project = _project(tmp_path)
    victim = _victim(tmp_path)
    cube = tmp_path / "src-Brand" / "look.cube"
    folder = project.media_dir / "presets" / "Brand" / file_sha256(cube)[:16]
    folder.mkdir(parents=True)
    os.symlink(victim, folder / ".look.cube.tmp")
    doc = embed_from_library(project, "Brand")
    assert victim.read_text(encoding="utf-8") == "mine"
    assert (folder / "look.cube").read_bytes() == cube.read_bytes()
    assert doc["grade"]["lut"] == f"{folder.name}/look.cube"


def test_a_media_folder_that_is_a_link_is_refused(tmp_path: Path) -> None:
    """FILM.media itself may be the planted link: containment looks at it too."""
    make_preset(tmp_path)
    project = _project(tmp_path)
    victim = _victim(tmp_path)
    os.symlink(victim.parent, project.media_dir)
    with pytest.raises(UnsafePath, match="film.media is a symbolic link"):
        contained(project.media_dir, "s1/take-001.mp4")
    with pytest.raises(PresetError, match="symbolic link"):
        embed_from_library(project, "Brand")
    assert sorted(p.name for p in victim.parent.iterdir()) == ["precious.txt"]


def test_writes_never_go_through_a_link(tmp_path: Path) -> None:
    """The storage helpers open their files without following links, and the final name is replaced."""
    victim = _victim(tmp_path)
    link = tmp_path / "planted"
    os.symlink(victim, link)
    with pytest.raises(OSError), open_unlinked(link):
        pass
    with pytest.raises(OSError), open_unlinked(link, create=True):
        pass
    source = tmp_path / "source.bin"
    source.write_bytes(b"new")
    copy_file_atomic(source, link)  # the link itself is replaced by a file, the victim untouched
    write_bytes_atomic(tmp_path / "planted", b"newer", backup=True)
    assert victim.read_text(encoding="utf-8") == "mine"
    assert link.read_bytes() == b"newer" and not link.is_symlink()


def test_exporting_a_preset_does_not_follow_a_planted_temp_link(tmp_path: Path) -> None:
    make_preset(tmp_path)
    victim = _victim(tmp_path)
    dest = tmp_path / "out" / "brand.reelstyle"
    dest.parent.mkdir()
    os.symlink(victim, dest.with_name(f".{dest.name}.tmp"))
    assert export_preset("Brand", dest) == dest
    assert victim.read_text(encoding="utf-8") == "mine"
    assert [p.name for p in dest.parent.iterdir() if not p.is_symlink()] == ["brand.reelstyle"]
