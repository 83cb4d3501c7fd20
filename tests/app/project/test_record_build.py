"""build_record makes the same dataclass records as their own __init__, with fresh defaults each time."""

from __future__ import annotations

import dataclasses

import pytest

from app.project.record_build import build_record
from app.project.shot import Shot, Take


def test_a_record_equals_the_one_init_makes_field_for_field_and_in_order() -> None:
    data = {
        "id": "t1",
        "path": "s1/take-001.mp4",
        "seed": 7,
        "speed": {"cache": True},
        "from_a_newer_writer": 1,
    }
    built = build_record(Take, data)
    made = Take(**{k: v for k, v in data.items() if k != "from_a_newer_writer"})
    assert built == made
    assert list(vars(built)) == list(vars(made)) == [f.name for f in dataclasses.fields(Take)]
    assert not hasattr(built, "from_a_newer_writer")


def test_each_record_gets_its_own_default_containers() -> None:
    first, second = build_record(Take, {"id": "a", "path": "a"}), build_record(Take, {"id": "b", "path": "b"})
    first.versions["torch"] = "2"
    first.scores["clip"] = {"value": 1}
    assert second.versions == {} and second.scores == {}
    shots = [build_record(Shot, {"id": f"s{n}"}) for n in range(2)]
    shots[0].takes.append(first)
    assert shots[1].takes == [] and shots[1].keyframes == []


def test_a_missing_required_field_fails_as_init_does() -> None:
    with pytest.raises(TypeError, match="path"):
        build_record(Take, {"id": "t1"})


@dataclasses.dataclass(frozen=True)
class _Frozen:
    name: str = ""


@dataclasses.dataclass
class _Checked:
    size: int = 0

    def __post_init__(self) -> None:
        if self.size < 0:
            raise ValueError("size below 0")


def test_frozen_and_checked_dataclasses_still_go_through_init() -> None:
    assert build_record(_Frozen, {"name": "a", "extra": 1}) == _Frozen("a")
    with pytest.raises(ValueError, match="below 0"):
        build_record(_Checked, {"size": -1})
