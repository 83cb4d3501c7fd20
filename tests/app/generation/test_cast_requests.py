"""Shots that name cast members or pin keyframes: their requests on the reference model, the prompt
sent, refusals before any generation, outdated marking, and the take's record made into the same
request again from its sidecar alone."""

from __future__ import annotations

import dataclasses
import hashlib

import numpy as np
import pytest
from clip_backend_support import ClipBackend
from image_support import gradient, png_file

from app.generation.batch_generation import RenderFailed, generate_missing
from app.generation.conditioning_error import ConditioningError
from app.generation.shot_conditioning import generation_order, model_for
from app.generation.shot_requests import build_request, shot_status
from app.generation.take_queue import TakeQueue
from app.generation.take_reproduction import request_from_sidecar, request_from_take
from app.project.cast_images import cast_image_bytes, cast_image_file, import_cast_images
from app.project.cast_member import CastMember
from app.project.project import Project
from app.project.project_settings import ProjectSettings
from app.project.reel_file import load_project, save_project
from app.project.shot import Shot, ShotState
from app.project.shot_images import import_image, shot_image_bytes
from app.project.shot_inputs import ShotKeyframe
from engine.backends.take_record import record_take, sidecar_path
from engine.generation.request import GenerationResult, Keyframe, ModelSpec
from engine.jobs.job_queue import JobQueue
from engine.video.video_io import write_clip

TEXT = ModelSpec(
    "text-model", memory_profile="model_offload", attention_backend="native", step_cache="first_block"
)


class SidecarBackend(ClipBackend):
    """Writes a small clip and its real sidecar (what a backend records), keeping each request it got."""

    def __init__(self):
        self.requests = []

    def run(self, request, clip_path, on_progress, cancel):
        self.requests.append(request)
        frames = np.zeros((request.num_frames, 16, 16, 3), np.uint8)
        write_clip(frames, 16, clip_path)
        result = GenerationResult(frames, request, None, "cpu", "float32", 0.1)
        return record_take(clip_path, request, result, backend="test", seconds=0.1)


@pytest.fixture
def film(tmp_path):
    """A saved film with two cast members (Mei: two images, Pot: one) and three shots."""
    settings = ProjectSettings(width=32, height=32, fps=16, vace_model="vace-model", vace_model_revision="r1")
    settings.defaults.frames, settings.defaults.steps = 9, 2
    project = Project(
        settings,
        [
            Shot(id="s1", prompt="@Pot on a table, @mei pours tea", seed=1),
            Shot(id="s2", prompt="a bamboo forest at dawn", seed=2),
            Shot(id="s3", prompt="@Mei smiles", seed=3),
        ],
    )
    save_project(project, tmp_path / "film" / "film.reel")
    sources = [png_file(tmp_path / f"{i}.png", gradient(16, 16, seed=i)) for i in range(3)]
    project.add_cast_member(
        CastMember(
            "Mei", description="a young woman in a red hanfu", images=import_cast_images(project, sources[:2])
        )
    )
    project.add_cast_member(CastMember("Pot", "product", images=import_cast_images(project, sources[2:])))
    save_project(project)
    return project


def test_a_shot_naming_members_gets_their_images_in_the_order_named_on_the_reference_model(film):
    request = build_request(film, film.shot("s1"), TEXT)
    mei, pot = film.cast
    expected = [cast_image_bytes(film, i) for i in [*pot.images, *mei.images]]
    assert request.references is not None and list(request.references.reference_images) == expected
    assert request.references.keyframes == () and request.images is None
    assert request.prompt == "Pot on a table, a young woman in a red hanfu pours tea"
    assert request.model == dataclasses.replace(
        TEXT, source="vace-model", revision="r1"
    )  # same memory, speed
    plain = build_request(film, film.shot("s2"), TEXT)
    assert plain.references is None and plain.model == TEXT  # nothing that works today changes


def test_no_reference_model_fails_with_one_message_saying_what_to_set(film):
    film.update_settings(vace_model=None)
    with pytest.raises(ConditioningError) as info:
        build_request(film, film.shot("s3"), TEXT)
    assert "Shot s3 names cast members" in str(info.value) and "no" in str(info.value)
    assert "Project Settings > Reference model" in info.value.hint and "new --vace-model" in info.value.hint


def test_keyframes_and_a_start_image_are_pinned_frames_checked_by_hash(film, tmp_path):
    a, b = (
        import_image(film, png_file(tmp_path / f"k{i}.png", gradient(16, 16, seed=9 + i))) for i in range(2)
    )
    film.update_shot("s2", keyframes=[ShotKeyframe(4, a), ShotKeyframe(8, b)])
    request = build_request(film, film.shot("s2"), TEXT)
    assert request.model.source == "vace-model" and request.references.reference_images == ()
    assert request.references.keyframes == (
        Keyframe(4, shot_image_bytes(film, a)),
        Keyframe(8, shot_image_bytes(film, b)),
    )
    film.set_shot_images("s2", start=b)  # the reference model has no image input: the first keyframe
    assert [k.frame for k in build_request(film, film.shot("s2"), TEXT).references.keyframes] == [0, 4, 8]
    film.update_shot("s2", keyframes=[ShotKeyframe(9, a)])
    with pytest.raises(ConditioningError, match="frame 9, outside its 9 frames"):
        build_request(film, film.shot("s2"), TEXT)
    film.update_shot("s2", frames=11, keyframes=[ShotKeyframe(0, a)])  # 11 frames are made as 9
    film.set_shot_images("s2", start=None, end=b)
    assert [k.frame for k in build_request(film, film.shot("s2"), TEXT).references.keyframes] == [0, 8]
    film.update_shot("s2", frames=None, keyframes=[ShotKeyframe(4, a)])
    png_file(film.media_dir / a.path, gradient(16, 16, seed=99))  # changed behind the project's back
    with pytest.raises(ConditioningError, match="keyframe at frame 4.*changed since it was added"):
        build_request(film, film.shot("s2"), TEXT)


def test_a_start_image_shot_without_cast_or_keyframes_stays_on_the_image_model(film, tmp_path):
    film.update_settings(image_model="image-model")
    film.set_shot_images("s2", start=import_image(film, png_file(tmp_path / "s.png")))
    request = build_request(film, film.shot("s2"), TEXT)
    assert request.model.source == "image-model" and request.images is not None and request.references is None


def test_an_unknown_name_is_refused_before_any_generation_naming_the_shot(film):
    film.update_shot("s2", prompt="@Lin walks in the forest")
    with pytest.raises(ConditioningError, match="Shot s2 names @Lin, who is not in the film's cast"):
        build_request(film, film.shot("s2"), TEXT)
    backend = SidecarBackend()
    with pytest.raises(RenderFailed) as info:
        generate_missing(film, [backend], TEXT, lambda event: None)
    assert info.value.failures == {"s2": "Shot s2 names @Lin, who is not in the film's cast."}
    assert "nothing was generated" in str(info.value) and backend.requests == []
    assert all(not shot.takes for shot in film.shots)
    jobs = JobQueue([backend])  # the window's queue: that shot refused, the others queued
    try:
        queued, errors = TakeQueue(film, jobs).enqueue(["s1", "s2"], TEXT)
        assert len(queued) == 1 and "@Lin" in errors["s2"]
        assert jobs.wait_idle(10)
    finally:
        jobs.shutdown()


def test_changing_a_members_images_or_description_outdates_the_shots_naming_it(film, tmp_path):
    generate_missing(film, [SidecarBackend()], TEXT, lambda event: None)
    assert [shot_status(film, s) for s in film.shots] == [ShotState.READY] * 3
    mei = film.cast_member("Mei")
    old = film.update_cast_member(mei.id, description="an old woman in blue")
    assert [shot_status(film, s) for s in film.shots] == [
        ShotState.OUTDATED,
        ShotState.READY,
        ShotState.OUTDATED,
    ]
    film.update_cast_member(mei.id, **old)
    assert shot_status(film, film.shot("s3")) == ShotState.READY
    extra = import_cast_images(film, [png_file(tmp_path / "x.png", gradient(16, 16, seed=7))], mei.images)
    film.update_cast_member(mei.id, images=extra)
    assert shot_status(film, film.shot("s3")) == ShotState.OUTDATED
    film.update_cast_member(mei.id, images=mei.images[:2])
    pot = film.cast_member("Pot")
    film.update_cast_member(pot.id, images=list(reversed(mei.images)))  # another picture of the pot
    assert [shot_status(film, s) for s in film.shots] == [
        ShotState.OUTDATED,
        ShotState.READY,
        ShotState.READY,
    ]


def test_the_sidecar_records_the_cast_and_rebuilds_the_request_alone(film, tmp_path):
    key = import_image(film, png_file(tmp_path / "k.png", gradient(16, 16, seed=5)))
    film.update_shot("s1", keyframes=[ShotKeyframe(8, key)])
    backend = SidecarBackend()
    generate_missing(film, [backend], TEXT, lambda event: None)
    sent = {r.seed: r for r in backend.requests}[1]
    take = film.shot("s1").active
    clip = film.take_path(take)
    import json

    made_from = json.loads(sidecar_path(clip).read_text())["made_from"]
    mei, pot = film.cast
    assert made_from["cast"] == ["Pot", "Mei"]
    assert made_from["references"] == [
        {"path": i.path, "sha256": i.sha256} for i in [*pot.images, *mei.images]
    ]
    assert made_from["keyframes"] == [{"frame": 8, "path": key.path, "sha256": key.sha256, "fit": "fill"}]
    film.path.unlink()  # the sidecar alone
    again = request_from_sidecar(film.path, clip)
    assert again.references == sent.references and again.prompt == sent.prompt
    assert (again.seed, again.num_frames, again.model.source) == (1, sent.num_frames, "vace-model")
    reloaded = film  # and from the take's record in the project
    assert request_from_take(reloaded, take, loras=()).references == sent.references
    cast_image_file(film, pot.images[0]).write_bytes(b"not the pot")
    with pytest.raises(Exception, match="changed since it was added"):
        request_from_sidecar(film.path, clip)
    assert hashlib.sha256(b"not the pot").hexdigest() != pot.images[0].sha256


def test_a_reference_take_survives_save_and_load(film):
    generate_missing(film, [SidecarBackend()], TEXT, lambda event: None)
    again = load_project(film.path)
    assert again.shot("s1").active.conditioning["cast"] == ["Pot", "Mei"]
    assert shot_status(again, again.shot("s1")) == ShotState.READY


def test_a_crash_orphaned_reference_take_is_adopted_only_if_made_from_the_same_images(film, tmp_path):
    from app.generation.take_recovery import adopt_orphans

    generate_missing(film, [SidecarBackend()], TEXT, lambda event: None)
    take = film.shot("s3").active
    film.remove_take("s3", take.id)  # as if the film was not saved after the take was written
    assert adopt_orphans(film) == [("s3", take.path)]
    adopted = film.shot("s3").active
    assert adopted.conditioning["cast"] == ["Mei"] and shot_status(film, film.shot("s3")) == ShotState.READY
    assert (
        request_from_take(film, adopted, loras=()).references
        == build_request(film, film.shot("s3"), TEXT).references
    )
    film.remove_take("s3", adopted.id)
    mei = film.cast_member("Mei")
    film.update_cast_member(mei.id, images=list(reversed(mei.images)))  # the references changed meanwhile
    assert adopt_orphans(film) == [] and film.shot("s3").takes == []


def test_a_continuing_shot_on_the_reference_model_comes_after_an_image_shot_it_continues(film, tmp_path):
    # s1 (cast) opens the reference group; s2 starts from an image (the image group, after it); s3
    # continues s2 on the reference model, so it cannot go with s1's group before s2 is made.
    film.update_settings(image_model="image-model")
    start = import_image(film, png_file(tmp_path / "still.png", gradient(16, 16, seed=9)), fit="fit")
    film.set_shot_images("s2", start=start)
    film.set_shot_images("s3", continue_previous=True)
    models = [model_for(film, shot, TEXT).source for shot in film.shots]
    assert models == ["vace-model", "image-model", "vace-model"]
    assert [s.id for s in generation_order(film, list(film.shots), TEXT)] == ["s1", "s2", "s3"]
    assert [s.id for s in generation_order(film, [film.shot("s3"), film.shot("s1")], TEXT)] == ["s1", "s3"]
