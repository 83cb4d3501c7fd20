"""A film frozen on the editing thread thaws into the same document on another, whatever is edited between."""

from __future__ import annotations

import threading

from app.paths.resources import resource_path
from app.project.project_copy import FrozenProject
from app.project.reel_file import dumps_project, load_project
from app.project.sound_track import AudioClip
from engine.film.title_elements import TitleElement


def rich_film():
    """The bundled example (cast, presets, start images, continuing shots) with a title, a sound clip and a
    pending job added."""
    film = load_project(resource_path("examples", "example.reel"))
    film.titles.append(TitleElement(kind="card", text="Harbour", start=0.0, duration=2.0))
    film.audio.append(AudioClip(kind="music", path="audio/theme.wav", start=1.0, gain_db=-6.0, text="calm"))
    film.pending_jobs = [{"shot": film.shots[0].id, "seed": 4, "model": "m", "model_revision": None}]
    return film


def test_a_thawed_film_is_the_same_document_with_its_path_and_no_listeners():
    film = rich_film()
    heard: list[str] = []
    film.subscribe(lambda event, details: heard.append(event))
    copy = FrozenProject(film).thaw()
    assert dumps_project(copy) == dumps_project(film)
    assert copy.path == film.path and copy.shots[0] is not film.shots[0]
    copy.shots[0].prompt = "changed in the copy"
    copy.remove_shot(copy.shots[1].id)
    assert heard == [] and film.shots[0].prompt != "changed in the copy"


def test_edits_after_freezing_are_not_in_the_copy_a_worker_thaws():
    film = rich_film()
    before = dumps_project(film)
    frozen = FrozenProject(film)
    film.shots[0].prompt = "edited while the worker waits"
    film.shots[0].takes.clear()
    film.cast.clear()
    film.pending_jobs.append({"shot": film.shots[1].id, "seed": 5, "model": "m", "model_revision": None})
    thawed: list[str] = []
    worker = threading.Thread(target=lambda: thawed.append(dumps_project(frozen.thaw())))
    worker.start()
    worker.join(10)
    assert thawed == [before]
