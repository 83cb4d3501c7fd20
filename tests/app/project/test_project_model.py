"""The Qt-free project model: its editing API and the events it sends."""

from __future__ import annotations

import pytest

from app.project.project import Project
from app.project.shot import Shot, Take


def project_with_events():
    project = Project()
    events: list[tuple[str, dict]] = []
    project.subscribe(lambda event, details: events.append((event, details)))
    return project, events


def test_shot_edits_send_events_and_return_old_values():
    project, events = project_with_events()
    a, b, c = (project.add_shot(Shot(prompt=p)) for p in "abc")
    project.move_shot(a.id, 2)
    assert [s.prompt for s in project.shots] == ["b", "c", "a"]
    old = project.update_shot(b.id, prompt="B", seed=5)
    assert old == {"prompt": "b", "seed": None} and project.shot(b.id).seed == 5
    index, removed = project.remove_shot(c.id)
    assert (index, removed) == (1, c)
    assert [e for e, _ in events] == ["shot_added"] * 3 + ["shot_moved", "shot_changed", "shot_removed"]
    with pytest.raises(AttributeError):
        project.update_shot(b.id, takes=[])
    with pytest.raises(KeyError):
        project.shot("nope")


def test_takes_activate_and_removing_the_active_one_resets_trims():
    project, events = project_with_events()
    shot = project.add_shot(Shot(prompt="x", error="old failure"))
    project.add_take(shot.id, Take(id="t1", path="x/1.mp4"))
    assert shot.active_take == "t1" and shot.error is None
    project.update_shot(shot.id, trim_in=3, trim_out=9)
    project.add_take(shot.id, Take(id="t2", path="x/2.mp4"), make_active=False)
    assert shot.active_take == "t1" and (shot.trim_in, shot.trim_out) == (3, 9)
    project.insert_take(shot.id, 0, Take(id="t0", path="x/0.mp4"), make_active=False)
    assert [t.id for t in shot.takes] == ["t0", "t1", "t2"]
    project.remove_take(shot.id, "t2")
    assert (shot.trim_in, shot.trim_out) == (3, 9)  # not the active take: trims stay
    index, take = project.remove_take(shot.id, "t1")
    assert (index, take.id) == (1, "t1")
    assert shot.active_take == "t0" and (shot.trim_in, shot.trim_out) == (0, None)
    assert ("take_removed", {"shot_id": shot.id, "take_id": "t1"}) in events


def test_film_length_subtracts_crossfades_like_the_exporter():
    from app.film.shot_timing import film_seconds
    from app.project.project_settings import ProjectSettings

    project = Project(ProjectSettings(fps=16))
    project.settings.defaults.frames = 33  # 2.0625 s each
    for _ in range(3):
        project.add_shot(Shot(prompt="x"))
    assert film_seconds(project) == 3 * 33 / 16
    project.update_shot(project.shots[1].id, transition="crossfade", transition_duration=0.5)
    project.update_shot(project.shots[2].id, transition="fade", transition_duration=0.5)
    assert film_seconds(project) == 3 * 33 / 16 - 0.5  # a fade through black keeps the length
    project.update_shot(project.shots[2].id, transition="crossfade", transition_duration=5.0)
    # At most half a neighbour, in whole frames as the exporter counts them: 33 // 2 = 16 frames.
    assert film_seconds(project) == 3 * 33 / 16 - 0.5 - 16 / 16


def test_a_message_names_a_shot_once():
    from app.generation.shot_conditioning import ConditioningError, resolve_conditioning

    shot = Shot(id="a", title="Shot a", continue_previous=True)
    with pytest.raises(ConditioningError, match=r"^Shot a is the first shot"):
        resolve_conditioning(Project(shots=[shot]), shot)
    assert Shot(id="a", title="Shot a").named() == "Shot a"  # was "Shot Shot a"
    assert Shot(id="a", title="shot 3").named() == "shot 3"
    assert Shot(id="a", title="Harbour").named() == "Shot Harbour"
    assert Shot(id="a", title="Shots of the bay").named() == "Shot Shots of the bay"
    assert Shot(id="x7").named() == "Shot x7"
