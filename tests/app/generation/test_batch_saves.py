"""A batch saves the project now and then and at the end, not once per take (issue 22's render overhead)."""

from __future__ import annotations

from clip_backend_support import ClipBackend

from app.generation import batch_generation
from app.generation.batch_generation import generate_missing
from app.project.project import Project
from app.project.project_settings import ProjectSettings
from app.project.reel_file import load_project, save_project
from app.project.shot import Shot
from engine.generation.request import ModelSpec


def setup(tmp_path, count: int) -> Project:
    project = Project(ProjectSettings(), [Shot(prompt=f"p{i}") for i in range(count)])
    save_project(project, tmp_path / "f.reel")
    return project


def test_takes_arriving_together_are_saved_once_at_the_end(tmp_path, monkeypatch):
    project = setup(tmp_path, count=4)
    saves = []
    real_save = batch_generation.save_project
    monkeypatch.setattr(batch_generation, "save_project", lambda p: saves.append(1) or real_save(p))
    monkeypatch.setattr(batch_generation, "SAVE_INTERVAL", 3600.0)
    done = generate_missing(project, [ClipBackend()], ModelSpec("m"), on_event=lambda e: None)
    assert len(done) == 4 and len(saves) == 2  # the queued jobs once, then the takes once at the end
    assert [len(s.takes) for s in load_project(project.path).shots] == [1, 1, 1, 1]


def test_a_long_batch_is_saved_along_the_way(tmp_path, monkeypatch):
    project = setup(tmp_path, count=3)
    saves = []
    real_save = batch_generation.save_project
    monkeypatch.setattr(batch_generation, "save_project", lambda p: saves.append(1) or real_save(p))
    monkeypatch.setattr(batch_generation, "SAVE_INTERVAL", 0.0)  # every take is "later than the interval"
    generate_missing(project, [ClipBackend()], ModelSpec("m"), on_event=lambda e: None)
    assert len(saves) == 1 + 3 + 1  # the queued jobs, each take, the end
