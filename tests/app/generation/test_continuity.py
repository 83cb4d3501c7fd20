"""Shots that belong together, on the real tiny models: continue, ordering by model, outdated marking,
takes made again from their metadata alone."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from image_support import gradient, png_file

from app.generation.shot_conditioning import generation_order
from app.generation.shot_requests import shot_status
from app.generation.take_queue import TakeQueue
from app.generation.take_reproduction import request_from_take
from app.project.project import Project
from app.project.project_settings import ProjectSettings
from app.project.reel_file import load_project, save_project
from app.project.shot import Shot, ShotState
from app.project.shot_images import import_image
from engine.backends.local import LocalBackend
from engine.generation import wan_run
from engine.generation.pipeline_cache import PipelineCache
from engine.generation.request import ModelSpec
from engine.generation.shot_run import run_shot
from engine.jobs.job_queue import JobQueue
from engine.jobs.states import JobState
from engine.video.video_io import read_frames

SMALL = {"frames": 9, "steps": 2}


def film(tmp_path, text_model, image_model=None, shots=3) -> Project:
    """A saved project of small shots on the tiny models."""
    settings = ProjectSettings(width=32, height=32, fps=16, model=str(text_model))
    settings.image_model = None if image_model is None else str(image_model)
    settings.defaults.frames, settings.defaults.steps = 9, 2
    project = Project(
        settings, [Shot(id=f"s{i + 1}", prompt=f"shot {i + 1}", seed=i + 1) for i in range(shots)]
    )
    save_project(project, tmp_path / "film.reel")
    return project


def cpu(model) -> ModelSpec:
    return ModelSpec(str(model), device="cpu", dtype="float32")


@pytest.fixture
def seen_images(monkeypatch):
    """Every start image that reached a pipeline call, as an RGB array."""
    images: list[np.ndarray] = []
    real = wan_run.image_kwargs

    def spy(conditioning, width, height):
        kwargs = real(conditioning, width, height)
        images.append(np.asarray(kwargs["image"]))
        return kwargs

    monkeypatch.setattr(wan_run, "image_kwargs", spy)
    return images


def run_all(project: Project, shot_ids: list[str], spec: ModelSpec, cache: PipelineCache | None = None):
    jobs = JobQueue([LocalBackend(cache or PipelineCache())])
    try:
        queue = TakeQueue(project, jobs)
        queued, errors = queue.enqueue(shot_ids, spec)
        assert jobs.wait_idle(600)
        for job in queued:
            queue.finish(job)
        return queued, errors
    finally:
        jobs.shutdown()


@pytest.mark.slow
def test_continue_feeds_exactly_the_previous_takes_last_frame(tmp_path, tiny_5b, seen_images):
    project = film(tmp_path, tiny_5b)  # TI2V-5B: the text model takes an image too
    project.set_shot_images("s2", continue_previous=True)
    project.set_shot_images("s3", continue_previous=True)
    # Asked in reverse: each continuing shot still runs after the shot it continues.
    queued, errors = run_all(project, ["s3", "s2", "s1"], cpu(tiny_5b))
    assert not errors and [j.state for j in queued] == [JobState.DONE] * 3
    assert [j.meta["shot"] for j in queued] == ["s1", "s2", "s3"]
    s1, s2, s3 = (project.shot(i).active for i in ("s1", "s2", "s3"))
    first = read_frames(project.take_path(s1))
    second = read_frames(project.take_path(s2))
    assert len(seen_images) == 2
    assert np.array_equal(seen_images[0], first[-1]) and np.array_equal(seen_images[1], second[-1])
    assert s2.conditioning == {
        "kind": "continue",
        "image": None,
        "last_image": None,
        "from_shot": "s1",
        "from_path": s1.path,
        "from_take": s1.id,
        "from_frame": s1.frames - 1,
    }
    assert s3.conditioning["from_take"] == s2.id
    assert all(shot_status(project, s) == ShotState.READY for s in project.shots)

    # Made again from its metadata alone (after a save and a reopen): the same frames.
    save_project(project)
    again = load_project(project.path)
    take = again.shot("s3").active
    remade = generate_shot_for(again, take, tiny_5b)
    assert np.array_equal(remade, read_frames(again.take_path(take)))

    # A new take of the shot it continues, or another take picked, makes the continuing shot outdated.
    run_all(project, ["s1"], cpu(tiny_5b))
    assert shot_status(project, project.shot("s2")) == ShotState.OUTDATED
    project.update_shot("s1", active_take=s1.id)
    assert shot_status(project, project.shot("s2")) == ShotState.READY
    assert shot_status(project, project.shot("s3")) == ShotState.READY


def generate_shot_for(project: Project, take, model) -> np.ndarray:
    cache = PipelineCache()
    try:
        request = request_from_take(project, take, cpu(model))
        return run_shot(cache.get(request.model), request).frames
    finally:
        cache.release()


@pytest.mark.slow
def test_text_and_image_models_generate_their_own_shots_in_groups(tmp_path, tiny_a14b, tiny_i2v, seen_images):
    project = film(tmp_path, tiny_a14b, tiny_i2v, shots=4)
    project.set_shot_images("s2", continue_previous=True)
    start = import_image(project, png_file(tmp_path / "still.png", gradient(48, 40, 5)), fit="fit")
    project.set_shot_images("s4", start=start)
    spec = cpu(tiny_a14b)
    order = generation_order(project, list(project.shots), spec)
    assert [s.id for s in order] == ["s1", "s3", "s2", "s4"]  # one model swap, s2 after s1
    queued, errors = run_all(project, ["s1", "s2", "s3", "s4"], spec)
    assert not errors and all(j.state == JobState.DONE for j in queued)
    assert [j.request.model.source for j in queued] == [str(tiny_a14b)] * 2 + [str(tiny_i2v)] * 2
    takes = {s.id: s.active for s in project.shots}
    assert takes["s2"].model == str(tiny_i2v) and takes["s1"].model == str(tiny_a14b)
    assert np.array_equal(seen_images[0], read_frames(project.take_path(takes["s1"]))[-1])
    assert takes["s4"].conditioning["image"] == {"path": start.path, "sha256": start.sha256, "fit": "fit"}
    remade = generate_shot_for(project, takes["s4"], tiny_i2v)
    assert np.array_equal(remade, read_frames(project.take_path(takes["s4"])))


def test_a_continuing_shot_whose_previous_shot_fails_is_not_started(tmp_path, tiny_5b):
    project = film(tmp_path, tiny_5b, shots=2)
    project.set_shot_images("s2", continue_previous=True)
    project.update_settings(model=str(tmp_path / "no-such-model"))
    queued, errors = run_all(project, ["s1", "s2"], cpu(tmp_path / "no-such-model"))
    assert [j.state for j in queued] == [JobState.FAILED, JobState.CANCELLED]
    assert "Not started" in queued[1].error


def test_nothing_to_continue_from_is_said_clearly(tmp_path, tiny_5b):
    project = film(tmp_path, tiny_5b, shots=2)
    project.set_shot_images("s1", continue_previous=True)
    project.set_shot_images("s2", continue_previous=True)
    jobs = JobQueue([LocalBackend()])
    jobs.pause()
    try:
        queued, errors = TakeQueue(project, jobs).enqueue(["s1"], cpu(tiny_5b))
        assert not queued and "first shot" in errors["s1"]
        queued, errors = TakeQueue(project, jobs).enqueue(["s2"], cpu(tiny_5b))
        assert not queued and "has no take yet" in errors["s2"]
    finally:
        jobs.shutdown()


@pytest.mark.slow
def test_a_long_take_made_again_from_its_metadata_is_identical(tmp_path, tiny_i2v, loaded_i2v):
    from image_support import image_request

    from app.project.shot import Take
    from engine.backends.local import run_take_job

    project = film(tmp_path, tiny_i2v, shots=1)
    start = import_image(project, png_file(tmp_path / "still.png"))
    project.set_shot_images("s1", start=start)
    request = image_request(loaded_i2v, num_frames=21, segment_frames=9, segment_overlap=2)
    request = dataclasses.replace(
        request,
        images=dataclasses.replace(request.images, image=(project.media_dir / start.path).read_bytes()),
    )

    class Held:
        def get(self, spec, on_progress=None):
            return loaded_i2v

    clip = project.media_dir / "s1" / "take-001.mp4"
    record = run_take_job(Held(), request, clip)
    assert record.metadata["segments"] == {"count": 3, "length": 9, "overlap": 2}
    take = Take(
        id="t1",
        path="s1/take-001.mp4",
        conditioning={"kind": "file", "image": {"path": start.path, "sha256": start.sha256, "fit": "fill"}},
        **record.metadata,
    )
    remade = run_shot(loaded_i2v, request_from_take(project, take, loaded_i2v.spec))
    assert remade.frames.shape[0] == 21 and np.array_equal(remade.frames, read_frames(clip))


def test_a_take_is_made_again_from_its_sidecar_alone(tmp_path, tiny_5b):
    """Issue 21.8: the sidecar keeps the start image, the take continued and the preset's LoRAs."""
    import json

    from lora_support import make_lora
    from preset_support import make_preset

    from app.cli.main import run_cli
    from app.generation.take_reproduction import request_from_sidecar
    from app.presets.embedded import embed_from_library
    from app.presets.preset import LoraRef
    from engine.backends.take_record import sidecar_path

    lora = make_lora(tiny_5b / "transformer", tmp_path / "src" / "style.safetensors", seed=1)
    make_preset(
        tmp_path, extra={"style.safetensors": lora}, loras=[LoraRef("style.safetensors", 0.7, "both")]
    )
    project = film(tmp_path, tiny_5b, shots=2)
    project.presets["Brand"] = embed_from_library(project, "Brand")
    project.settings.preset = "Brand"
    start = import_image(project, png_file(tmp_path / "still.png"))
    project.set_shot_images("s1", start=start)
    project.set_shot_images("s2", continue_previous=True)
    save_project(project)
    assert run_cli(["render", str(project.path), "-o", str(tmp_path / "film.mp4")]) == 0
    project = load_project(project.path)
    clips = [project.take_path(shot.active) for shot in project.shots]
    first, second = (
        json.loads(sidecar_path(clip).read_text(encoding="utf-8"))["made_from"] for clip in clips
    )
    assert first["conditioning"]["image"] == {"path": start.path, "sha256": start.sha256, "fit": "fill"}
    assert second["conditioning"]["from_path"] == project.shots[0].active.path
    assert first["loras"][0]["sha256"] and first["preset"] == "Brand"

    project.path.unlink()
    project.path.with_name("film.reel.bak").unlink(missing_ok=True)
    cache = PipelineCache()
    try:
        for clip in clips:
            request = request_from_sidecar(tmp_path / "film.reel", clip, cpu(tiny_5b))
            assert len(request.loras) == 1 and request.images is not None
            remade = run_shot(cache.get(request.model), request).frames
            assert np.array_equal(remade, read_frames(clip)), clip
    finally:
        cache.release()
