"""Cast and keyframed shots on the real tiny models: the take made again from its sidecar alone gives
identical frames, and the demo model carries its reference model. (That another reference changes
what the model makes is tests/engine/generation/test_reference_run.py's.)"""

from __future__ import annotations

import numpy as np
import pytest
from image_support import gradient, png_file

from app.generation.take_queue import TakeQueue
from app.generation.take_reproduction import request_from_sidecar
from app.project.cast_images import import_cast_images
from app.project.cast_member import CastMember
from app.project.project import Project
from app.project.project_settings import ProjectSettings
from app.project.reel_file import save_project
from app.project.shot import Shot
from app.project.shot_images import import_image
from app.project.shot_inputs import ShotKeyframe
from engine.backends.local import LocalBackend
from engine.generation.pipeline_cache import PipelineCache
from engine.generation.request import ModelSpec
from engine.generation.shot_run import run_shot
from engine.jobs.job_queue import JobQueue
from engine.jobs.states import JobState
from engine.video.video_io import read_frames


def cpu(model) -> ModelSpec:
    return ModelSpec(str(model), device="cpu", dtype="float32")


def cast_film(tmp_path, text_model, vace_model) -> Project:
    """A saved 32×32 film: Mei (one image) named in s1, which also pins frame 8; s2 from text alone."""
    settings = ProjectSettings(width=32, height=32, fps=16, model=str(text_model))
    settings.vace_model = None if vace_model is None else str(vace_model)
    settings.defaults.frames, settings.defaults.steps = 9, 2
    project = Project(
        settings, [Shot(id="s1", prompt="@Mei pours tea", seed=1), Shot(id="s2", prompt="the sea", seed=2)]
    )
    save_project(project, tmp_path / "film" / "film.reel")
    mei = import_cast_images(project, [png_file(tmp_path / "mei.png", gradient(24, 24, seed=3))])
    project.add_cast_member(CastMember("Mei", description="a girl in a red hanfu", images=mei))
    key = import_image(project, png_file(tmp_path / "key.png", gradient(32, 32, seed=4)))
    project.update_shot("s1", keyframes=[ShotKeyframe(8, key)])
    save_project(project)
    return project


def generate(project: Project, spec: ModelSpec, cache: PipelineCache) -> None:
    jobs = JobQueue([LocalBackend(cache)])
    try:
        queue = TakeQueue(project, jobs)
        queued, errors = queue.enqueue([s.id for s in project.shots], spec)
        assert not errors and jobs.wait_idle(600)
        for job in queued:
            assert job.state == JobState.DONE, job.error
            queue.finish(job)
    finally:
        jobs.shutdown()
    save_project(project)


@pytest.mark.slow
def test_a_cast_take_made_again_from_its_sidecar_alone_is_identical(tmp_path, tiny_a14b, tiny_vace):
    project = cast_film(tmp_path, tiny_a14b, tiny_vace)
    cache = PipelineCache()
    try:
        generate(project, cpu(tiny_a14b), cache)
        cast_take, text_take = (shot.active for shot in project.shots)
        assert (cast_take.model, text_take.model) == (str(tiny_vace), str(tiny_a14b))
        assert cast_take.prompt == "a girl in a red hanfu pours tea"
        clip = project.take_path(cast_take)
        project.path.unlink()  # the sidecar and the media folder alone
        request = request_from_sidecar(project.path, clip, cpu(tiny_vace))
        assert len(request.references.reference_images) == 1 and request.references.keyframes[0].frame == 8
        remade = run_shot(cache.get(request.model), request).frames
        assert np.array_equal(remade, read_frames(clip))
    finally:
        cache.release()


@pytest.mark.slow
def test_the_demo_model_carries_the_reference_model(tmp_path):
    from engine.generation.demo_model import demo_reference_model, write_demo_model

    demo = write_demo_model(tmp_path / "demo")
    project = cast_film(tmp_path, demo, None)  # no reference model set: the demo's own
    cache = PipelineCache()
    try:
        generate(project, cpu(demo), cache)
    finally:
        cache.release()
    assert project.shots[0].active.model == str(demo_reference_model(str(demo)))
