"""A take made with colour matching at its joins is made again with it (and one made without, without)."""

from __future__ import annotations

from app.generation.take_reproduction import request_from_take
from app.project.project import Project
from app.project.project_settings import ProjectSettings
from app.project.shot import Shot, Take


def remade(segments: dict | None) -> bool:
    take = Take(id="t1", path="s1/take-001.mp4", seed=3, width=32, height=32, frames=21, fps=16, steps=2,
                model="some/model", segments=segments)  # fmt: skip
    project = Project(ProjectSettings(width=32, height=32, fps=16), [Shot(id="s1", takes=[take])])
    return request_from_take(project, take, loras=()).colour_match


def test_the_sidecars_colour_matches_turn_it_on_again() -> None:
    matched = {"count": 3, "length": 9, "overlap": 2, "colour_match": [{"method": "rgb-mean-covariance"}] * 2}
    assert remade(matched) is True
    assert remade({"count": 3, "length": 9, "overlap": 2}) is False
    assert remade(None) is False
