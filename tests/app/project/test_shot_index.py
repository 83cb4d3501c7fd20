"""Shots by id in O(1): the index follows the project's API and heals after a list changed directly."""

from __future__ import annotations

import pytest

from app.project.project import Project
from app.project.project_settings import ProjectSettings
from app.project.row_index import RowIndex
from app.project.shot import Shot


def _project(count: int) -> Project:
    return Project(ProjectSettings(), [Shot(id=f"s{i}") for i in range(count)])


def test_lookups_follow_inserts_moves_and_removals():
    project = _project(5)
    assert project.shot("s3") is project.shots[3] and project.index_of("s4") == 4
    project.add_shot(Shot(id="end"))
    project.insert_shot(0, Shot(id="first"))
    project.move_shot("s4", 1)
    project.remove_shot("s0")
    order = [s.id for s in project.shots]
    assert order == ["first", "s4", "s1", "s2", "s3", "end"]
    assert [project.index_of(i) for i in order] == list(range(6))
    with pytest.raises(KeyError):
        project.shot("s0")


def test_a_list_changed_behind_the_api_is_read_again():
    project = _project(3)
    assert project.index_of("s2") == 2
    project.shots.append(Shot(id="late"))  # tests and importers build lists directly
    assert project.shot("late") is project.shots[3]
    project.shots.pop(0)
    assert project.index_of("s2") == 1
    project.shots = [Shot(id="other")]
    assert project.index_of("other") == 0
    with pytest.raises(KeyError):
        project.shot("s2")


def test_the_index_costs_one_pass_per_change_not_per_lookup():
    reads = [0]

    def key(item: str) -> str:
        reads[0] += 1
        return item

    items = [f"i{n}" for n in range(2000)]
    index: RowIndex[str] = RowIndex(key)
    for n in range(0, 2000, 7):
        assert index.find(items, f"i{n}") == n
    assert index.find(items, "missing") is None
    assert reads[0] < 2000 + 2 * 300  # one rebuild, then one check per hit
    items.append("new")
    index.appended(items)
    assert index.find(items, "new") == 2000
