"""Takes made remotely are scored on a worker as local ones are, from what was captured when they were
queued: a `serve` stand-in over loopback, tiny CLIP, DINOv2 and ViT models, the real window."""

from __future__ import annotations

import json
import logging
import threading

import pytest
from PIL import Image
from remote_support import REQUEST, Replicas, make_clip
from ui_support import tiny_project, tiny_window, wait_finished

from app.project.cast_images import cast_image_bytes, import_cast_image
from app.project.cast_member import CastMember
from app.project.reel_file import load_project, save_project
from app.serve.server import ServerThread
from app.settings.review_settings import ReviewSettings, store_review_settings
from engine.backends.remote import RemoteBackend
from engine.backends.take_record import sidecar_path
from engine.review import take_review
from engine.review.review_config import ModelRef, ReviewConfig
from engine.review.take_review import TakeInputs, review_take
from tests.review_support import tiny_review_models

WAIT = 60_000


@pytest.fixture(scope="module")
def models(tmp_path_factory):
    return tiny_review_models(tmp_path_factory.mktemp("remote-review-models"))


def remote_window(qtbot, tmp_path, url: str, review: ReviewSettings, project=None):
    project = project or tiny_project(tmp_path, count=1)
    # The model is the endpoint's: nothing is loaded here.
    window = tiny_window(qtbot, tmp_path / "no-local-model", project, backend="remote")
    window.settings.endpoints = [url]
    store_review_settings(window.settings, review)
    return window, project


def scoring_threads(monkeypatch) -> list[str]:
    """The threads reviews run on (the real review, watched)."""
    names: list[str] = []
    real = take_review.review_take

    def watched(*args, **kwargs):
        names.append(threading.current_thread().name)
        return real(*args, **kwargs)

    monkeypatch.setattr("engine.backends.review_hook.review_take", watched)
    return names


@pytest.mark.slow  # a window, a loopback server and tiny models: 5-15 s on two shared cores
def test_a_remote_take_is_scored_on_a_worker_and_recorded_in_sidecar_and_film(
    qtbot, qt_loop, models, tmp_path, monkeypatch
):
    clip, _ = make_clip(tmp_path)
    threads = scoring_threads(monkeypatch)
    review = ReviewSettings(
        clip_model=str(models["clip"]), safety_model=str(models["safety"]), sample_frames=3
    )
    with ServerThread(Replicas(clip, workers=1, latency=0.0, applied=REQUEST).app) as server:
        window, project = remote_window(qtbot, tmp_path, server.url, review)
        jobs = window.generation.generate([project.shots[0].id])
        wait_finished(qtbot, window, jobs)
    assert [j.error for j in jobs] == [None]
    take = project.shots[0].active
    assert threads and threading.main_thread().name not in threads  # never on the GUI thread
    prompt = take.scores["prompt"]
    assert (
        prompt["status"] == "ok" and prompt["model"] == str(models["clip"]) and prompt["frames"] == [0, 2, 4]
    )
    assert {"motion", "flicker"} <= set(take.scores) and take.safety["verdict"] == "clear"
    # The same figures as scoring the take's file directly, with the prompt as sent.
    path = project.take_path(take)
    direct = review_take(path, review.config(), TakeInputs(take.prompt))
    assert prompt["value"] == pytest.approx(direct.scores["prompt"]["value"], abs=1e-4)
    sidecar = json.loads(sidecar_path(path).read_text(encoding="utf-8"))
    assert sidecar["scores"] == take.scores and sidecar["safety"] == take.safety
    save_project(project)
    again = load_project(project.path).shots[0].active
    assert again.scores == take.scores and again.safety == take.safety


@pytest.mark.slow  # a window, a loopback server and tiny models: 5-15 s on two shared cores
def test_a_remote_take_whose_scoring_fails_is_kept_with_the_failure_recorded_and_logged(
    qtbot, qt_loop, tmp_path, caplog
):
    clip, _ = make_clip(tmp_path)
    missing = tmp_path / "no-clip-model"
    review = ReviewSettings(clip_model=str(missing), enabled=["prompt", "flicker"], sample_frames=3)
    with ServerThread(Replicas(clip, workers=1, latency=0.0, applied=REQUEST).app) as server:
        window, project = remote_window(qtbot, tmp_path, server.url, review)
        with caplog.at_level(logging.ERROR):
            jobs = window.generation.generate([project.shots[0].id])
            wait_finished(qtbot, window, jobs)
    take = project.shots[0].active
    assert take is not None and project.take_path(take).is_file()  # the take is kept
    assert take.scores["prompt"]["status"] == "failed" and str(missing) in take.scores["prompt"]["reason"]
    assert take.scores["flicker"]["status"] == "ok"
    failure = next(r for r in caplog.records if "prompt score failed" in r.getMessage())
    assert failure.exc_info is not None  # with its traceback, for storyreel.log


def _png(path, colour):
    Image.new("RGB", (40, 40), colour).save(path)
    return path


@pytest.mark.slow  # a window, a loopback server and tiny models: 5-15 s on two shared cores
def test_editing_the_prompt_cast_and_preferences_while_a_take_is_scored_changes_none_of_its_inputs(
    qtbot, qt_loop, models, tmp_path, monkeypatch
):
    clip, _ = make_clip(tmp_path)
    project = tiny_project(tmp_path, count=1)
    project.settings.vace_model = "remote/reference-model"  # the endpoint's; the shot names a member
    red = _png(tmp_path / "red.png", (200, 40, 40))
    project.add_cast_member(CastMember("Mia", images=[import_cast_image(project, red)]))
    shot_id = project.shots[0].id
    project.update_shot(shot_id, prompt="@Mia with a red ball")
    review = ReviewSettings(
        clip_model=str(models["clip"]),
        dino_model=str(models["dino"]),
        enabled=["prompt", "likeness"],
        sample_frames=3,
    )
    written, edited = threading.Event(), threading.Event()
    real = RemoteBackend._write_take

    def held(self, *args):  # the real take, then its scoring once the window has edited all it could read
        record = real(self, *args)
        written.set()
        assert edited.wait(WAIT / 1000)
        return record

    monkeypatch.setattr(RemoteBackend, "_write_take", held)
    with ServerThread(Replicas(clip, workers=1, latency=0.0, applied=REQUEST).app) as server:
        window, _ = remote_window(qtbot, tmp_path, server.url, review, project)
        jobs = window.generation.generate([shot_id])
        qtbot.waitUntil(written.is_set, timeout=WAIT)
        # The window's thread edits the film and Preferences while the worker scores the take.
        project.update_shot(shot_id, prompt="a blue cube in the snow")
        mia = project.cast_member("Mia")
        blue = import_cast_image(project, _png(tmp_path / "blue.png", (30, 30, 220)))
        project.update_cast_member(mia.id, images=[blue])
        project.remove_cast_member(mia.id)
        store_review_settings(window.settings, ReviewSettings(enabled=["motion"]))
        edited.set()
        wait_finished(qtbot, window, jobs)
    assert [j.error for j in jobs] == [None]
    take = project.shots[0].active
    assert set(take.scores) == {"prompt", "likeness"}  # the scorers on when it was queued
    assert take.scores["likeness"]["details"]["members"].keys() == {"Mia"}
    config = ReviewConfig(
        clip_model=ModelRef(str(models["clip"])),
        dino_model=ModelRef(str(models["dino"])),
        enabled=frozenset({"prompt", "likeness"}),
        sample_frames=3,
    )
    path = project.take_path(take)
    queued = review_take(path, config, TakeInputs(take.prompt, {"Mia": [red.read_bytes()]}))
    for name in ("prompt", "likeness"):
        assert take.scores[name]["value"] == pytest.approx(queued.scores[name]["value"], abs=1e-4)
    # What the edits would have given: the test tells the two apart.
    edited_review = review_take(
        path, config, TakeInputs("a blue cube in the snow", {"Mia": [cast_image_bytes(project, blue)]})
    )
    assert take.scores["likeness"]["value"] != pytest.approx(
        edited_review.scores["likeness"]["value"], abs=1e-4
    )
    assert take.prompt != "a blue cube in the snow"


def test_a_take_cancelled_before_it_is_made_lets_go_of_what_it_would_be_scored_with(qtbot, tmp_path):
    window, project = remote_window(qtbot, tmp_path, "http://127.0.0.1:9/", ReviewSettings())
    generation = window.generation
    generation.ensure_queue()
    generation.toggle_pause()  # queued, never sent
    jobs = generation.generate([project.shots[0].id])
    assert len(window.review.reviews) == 1  # captured as it was queued
    generation.cancel(jobs[0].id)
    wait_finished(qtbot, window, jobs)
    assert len(window.review.reviews) == 0
    again = generation.retry(jobs[0].id)  # queued again: captured again
    assert again is not None and len(window.review.reviews) == 1
    generation.cancel(again.id)
    wait_finished(qtbot, window, [again])
