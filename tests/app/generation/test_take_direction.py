"""Directing on the real tiny VACE model: a controlled take equals a direct WanVACEPipeline call on its
recorded control frames; a repaint keeps the take outside its mask; an extension begins with its take."""

from __future__ import annotations

import dataclasses
import io
import json

import numpy as np
import pytest
from control_support import make_clip, moving_frames
from image_support import direct_settings
from PIL import Image

from app.generation.conditioning_error import ConditioningError
from app.generation.shot_requests import build_request_with_record
from app.generation.take_direction import context_frames, extend_take, repaint_take
from app.generation.take_generation import plan_take, run_plan
from app.generation.take_reproduction import request_from_sidecar
from app.project.control_clips import import_control_clip
from app.project.project import Project
from app.project.project_settings import ProjectSettings
from app.project.reel_file import load_project, save_project
from app.project.shot import Shot, Take
from engine.conditioning.control_settings import ControlError
from engine.conditioning.keyframes import GENERATED
from engine.generation.pipeline_cache import PipelineCache
from engine.generation.request import ModelSpec
from engine.generation.shot_run import run_shot
from engine.generation.wan_run import to_uint8
from engine.video.video_io import read_frames

SIZE, FRAMES = 32, 9


def cpu(model) -> ModelSpec:
    return ModelSpec(str(model), device="cpu", dtype="float32")


def film(tmp_path, text_model, vace_model) -> Project:
    """A saved 32×32 film of one 9-frame shot whose active take is a moving square (written losslessly)."""
    settings = ProjectSettings(width=SIZE, height=SIZE, fps=16, model=str(text_model))
    settings.vace_model = str(vace_model)
    settings.defaults.frames, settings.defaults.steps = FRAMES, 2
    project = Project(settings, [Shot(id="s1", prompt="a red square slides", seed=3)])
    save_project(project, tmp_path / "film" / "film.reel")
    assert project.media_dir is not None
    make_clip(project.media_dir / "s1" / "take-001.mp4", moving_frames(FRAMES))
    project.add_take("s1", Take(id="t1", path="s1/take-001.mp4", frames=FRAMES, width=SIZE, height=SIZE))
    return project


def psnr(a: np.ndarray, b: np.ndarray) -> float:
    error = np.mean((a.astype(np.float64) - b.astype(np.float64)) ** 2)
    return float("inf") if error == 0 else 10 * np.log10(255.0**2 / error)


@pytest.fixture
def cache():
    made = PipelineCache()
    yield made
    made.release()


def test_a_shot_control_is_saved_loaded_and_checked(tmp_path) -> None:
    project = film(tmp_path, "text-model", "vace-model")
    clip = make_clip(tmp_path / "walk.mp4", moving_frames(5, seed=2))
    control = import_control_clip(project, clip, kind="edges", strength=0.5, length="loop")
    assert control.clip.startswith("control-clips/") and control.name == "walk.mp4"
    project.update_shot("s1", control=control)
    save_project(project)
    again = load_project(project.path)
    assert again.shot("s1").control == control
    for bad in ({"kind": "sketch"}, {"strength": 3.0}, {"length": "bounce"}):
        with pytest.raises(ValueError):
            project.update_shot("s1", control=type(control)(control.clip, control.sha256, **bad))
    doc = json.loads(project.path.read_text())
    doc["shots"][0]["control"]["clip"] = "../../etc/passwd"
    project.path.write_text(json.dumps(doc))
    with pytest.raises(Exception, match="control"):
        load_project(project.path)


@pytest.mark.slow
def test_a_controlled_take_equals_a_direct_vace_call_on_its_recorded_frames(
    tmp_path, tiny_a14b, tiny_vace, cache
) -> None:
    project = film(tmp_path, tiny_a14b, tiny_vace)
    control = import_control_clip(
        project, make_clip(tmp_path / "walk.mp4", moving_frames(7, seed=5)), strength=0.7
    )
    project.update_shot("s1", control=control)
    plan = plan_take(project, project.shot("s1"), cpu(tiny_a14b))
    request, kept = plan.request, plan.request.made_from["control"]
    assert request.model == cpu(tiny_vace) and request.control is not None
    assert (kept["kind"], kept["strength"], kept["clip"]["sha256"]) == ("video", 0.7, control.sha256)
    folder = project.media_dir / kept["path"]
    video = [Image.open(path).convert("RGB") for path in sorted(folder.glob("frame_*.png"))]
    assert len(video) == FRAMES  # the 7-frame clip held on its last frame
    take = run_plan(project, plan, cache)
    ours = read_frames(project.take_path(take))
    loaded = cache.get(request.model)
    mask = [Image.new("L", (SIZE, SIZE), GENERATED)] * FRAMES
    theirs = loaded.pipe(**direct_settings(request), video=video, mask=mask, conditioning_scale=0.7).frames[0]
    assert np.array_equal(ours, to_uint8(theirs))
    # Made again from its sidecar alone: the recorded control frames, the same take.
    again = request_from_sidecar(project.path, project.take_path(take), cpu(tiny_vace))
    assert again.control is not None and np.array_equal(run_shot(loaded, again).frames, ours)
    # The control reached the model: the same seed without it makes other frames.
    plain = dataclasses.replace(request, control=None)
    assert not np.array_equal(run_shot(loaded, plain).frames, ours)


def rect_mask(path, size=SIZE, mode="L"):
    mask = np.zeros((size, size), dtype=np.uint8)
    mask[:16, :16] = 255
    image = Image.fromarray(mask)
    (image.convert(mode) if mode != "L" else image).save(path)
    return path


@pytest.mark.slow
def test_a_repainted_take_keeps_the_take_outside_the_mask(tmp_path, tiny_a14b, tiny_vace, cache) -> None:
    project = film(tmp_path, tiny_a14b, tiny_vace)
    plan, notices = repaint_take(
        project, "s1", rect_mask(tmp_path / "mask.png"), prompt="a blue circle", seed=4, model=cpu(tiny_a14b)
    )
    assert not notices and plan.request.prompt == "a blue circle"
    take = run_plan(project, plan, cache)
    made, original = read_frames(project.take_path(take)), moving_frames(FRAMES)
    outside = np.ones((SIZE, SIZE), dtype=bool)
    outside[:16, :16] = False
    assert made.shape == original.shape
    assert psnr(made[:, outside], original[:, outside]) >= 35
    assert psnr(made[:, ~outside], original[:, ~outside]) < 25
    sidecar = json.loads(project.take_path(take).with_suffix(".json").read_text())
    assert sidecar["made_from"]["repaint"]["from_take"] == "t1"
    assert_remade_from_sidecar(project, plan, take, cpu(tiny_vace), cache)


def assert_remade_from_sidecar(project, plan, take, spec, cache) -> None:
    """The take's sidecar alone (the film's .reel gone) gives the same request's frames, bit for bit."""
    project.path.unlink()
    again = request_from_sidecar(project.path, project.take_path(take), spec)
    ours, loaded = plan.request.control, cache.get(spec)
    assert again.control is not None and again.control.mode == ours.mode
    assert (again.control.frames, again.control.masks) == (ours.frames, ours.masks)
    assert (again.num_frames, again.prompt, again.seed) == (plan.request.num_frames, take.prompt, take.seed)
    made = run_shot(loaded, again).frames
    assert np.array_equal(made, run_shot(loaded, dataclasses.replace(plan.request, model=spec)).frames)
    assert len(made) == take.frames


def test_masks_of_another_size_are_refused_and_colour_ones_converted(tmp_path) -> None:
    project = film(tmp_path, "text-model", "vace-model")
    with pytest.raises(ControlError, match="big.png"):
        repaint_take(project, "s1", rect_mask(tmp_path / "big.png", size=64))
    _, notices = repaint_take(project, "s1", rect_mask(tmp_path / "rgb.png", mode="RGB"))
    assert notices and "rgb.png" in notices[0]


@pytest.mark.slow
def test_an_extended_take_begins_with_the_frames_it_extends(tmp_path, tiny_a14b, tiny_vace, cache) -> None:
    project = film(tmp_path, tiny_a14b, tiny_vace)
    assert (context_frames(8) + 8) % 4 == 1 and context_frames(8) >= 8
    plan = extend_take(project, "s1", frames=8, model=cpu(tiny_a14b))
    control = plan.request.control
    assert control is not None and control.mode == "known" and len(control.frames) == context_frames(8)
    take = run_plan(project, plan, cache)
    made = read_frames(project.take_path(take))
    assert len(made) == FRAMES + 8 and take.frames == FRAMES + 8
    assert psnr(made[:FRAMES], moving_frames(FRAMES)) >= 35
    with pytest.raises(ConditioningError, match="1 to"):
        extend_take(project, "s1", frames=0)
    assert_remade_from_sidecar(project, plan, take, cpu(tiny_vace), cache)


def test_an_extension_or_repaint_past_one_run_is_refused_before_a_frame_is_decoded(
    tmp_path, monkeypatch
) -> None:
    import app.generation.take_given_frames as given

    project = film(tmp_path, "text-model", "vace-model")  # a model not on this machine: taken as A14B's 81

    def never(*args, **kwargs):
        raise AssertionError("a frame was decoded")

    monkeypatch.setattr(given, "read_frames", never)
    with pytest.raises(ConditioningError, match=r"s1/take-001\.mp4 by 100 frames.*at most 81") as refused:
        extend_take(project, "s1", frames=100)
    assert "at most 73 frames" in refused.value.hint
    assert project.shot("s1").takes[-1].id == "t1"
    make_clip(project.media_dir / "s1" / "take-002.mp4", moving_frames(85))  # longer than one run
    project.add_take("s1", Take(id="t2", path="s1/take-002.mp4", frames=85, width=SIZE, height=SIZE))
    with pytest.raises(ConditioningError, match=r"take-002\.mp4 has 85 frames.*at most 81"):
        repaint_take(project, "s1", rect_mask(tmp_path / "mask.png"))


def test_a_takes_record_that_changed_or_left_the_media_folder_is_refused(tmp_path) -> None:
    from app.generation.direction_record import direction_of

    project = film(tmp_path, "text-model", "vace-model")
    record = {"from_path": "s1/take-001.mp4", "sha256": "0" * 64, "frames": 8, "context": 9}
    with pytest.raises(ConditioningError, match="changed since"):
        direction_of(project, {"extend": record}, FRAMES + 8)
    with pytest.raises(ConditioningError, match="must stay in the project"):
        direction_of(project, {"extend": {**record, "from_path": "../../etc/passwd"}}, FRAMES + 8)
    assert direction_of(project, {"kind": "continue"}, FRAMES) is None


def test_a_shot_list_names_control_clips_and_kinds(tmp_path) -> None:
    from app.project.shot_list import ShotListError, load_shot_list

    project = film(tmp_path, "text-model", "vace-model")
    make_clip(tmp_path / "walk.mp4", moving_frames(5))
    (tmp_path / "list.csv").write_text("prompt,control,control_kind\na dancer,walk.mp4,edges\na hill,,\n")
    shots = load_shot_list(tmp_path / "list.csv", project)
    assert shots[0].control.kind == "edges" and shots[0].control.clip.startswith("control-clips/")
    assert shots[1].control is None
    for row, words in (
        ("a,walk.mp4,sketch", "control_kind 'sketch'"),
        ("a,../x.mp4,", "control clip"),
        ("a,,pose", "needs a control clip"),
    ):
        (tmp_path / "bad.csv").write_text(f"prompt,control,control_kind\n{row}\n")
        with pytest.raises(ShotListError, match=words):
            load_shot_list(tmp_path / "bad.csv", project)


def test_a_continuing_shot_goes_on_from_the_last_frames_when_the_film_has_a_reference_model(tmp_path) -> None:
    from engine.generation.direction_inputs import MIN_CONTEXT, given_pngs

    project = film(tmp_path, "text-model", "vace-model")
    project.add_shot(Shot(id="s2", prompt="it slides on", seed=5, continue_previous=True))
    request, record = build_request_with_record(project, project.shot("s2"))
    assert request.model.source == "vace-model" and request.images is None
    assert request.control.mode == "known" and request.control.frames == project.take_path(
        project.shot("s1").active
    )
    assert record["kind"] == "continue" and record["context"] == MIN_CONTEXT
    given = [np.asarray(Image.open(io.BytesIO(png))) for png in given_pngs(request.control)]
    assert np.array_equal(np.stack(given), moving_frames(FRAMES)[-MIN_CONTEXT:])
    project.settings.vace_model = None  # without one: the last frame, on the image model, as before
    request, record = build_request_with_record(project, project.shot("s2"))
    assert request.control is None and request.images is not None and "context" not in record


def test_a_queued_extension_becomes_a_take_and_is_never_resumed_as_a_plain_one(tmp_path) -> None:
    from clip_backend_support import ClipBackend

    from app.generation.take_queue import TakeQueue
    from engine.jobs.job_queue import JobQueue

    project = film(tmp_path, "text-model", "vace-model")
    jobs = JobQueue([ClipBackend()])
    jobs.pause()
    try:
        queue = TakeQueue(project, jobs)
        job = queue.submit_plan(extend_take(project, "s1", frames=4))
        assert project.pending_jobs == []  # a crash now loses the extension, not remakes the shot
        jobs.resume()
        assert jobs.wait_idle(10)
        take = queue.finish(job)
        assert (
            take is not None and take.path == "s1/take-002.mp4" and take.conditioning["extend"]["frames"] == 4
        )
        assert project.shot("s1").active_take == take.id
    finally:
        jobs.shutdown()


def test_a_shots_control_frames_made_ahead_can_be_cancelled_and_are_then_reused(tmp_path) -> None:
    """The window extracts off the GUI thread with a cancel before queueing; the request then finds them."""
    import time

    from app.generation.shot_control import control_cache_dir, control_settings, shot_control_frames
    from engine.progress import Cancelled, CancelToken

    project = film(tmp_path, "text-model", "vace-model")
    clip = make_clip(tmp_path / "long.mp4", moving_frames(120, 64, 64))
    project.update_shot("s1", control=import_control_clip(project, clip, kind="edges"), frames=117)
    shot = project.shot("s1")
    settings = control_settings(shot, 117, SIZE, SIZE, 16)
    cancel, asked = CancelToken(), []

    def cancel_at_the_fifth(progress) -> None:
        if progress.step == 5 and not asked:
            asked.append(time.monotonic())
            cancel.cancel()

    with pytest.raises(Cancelled):
        shot_control_frames(project, shot, settings, cancel, cancel_at_the_fifth)
    assert time.monotonic() - asked[0] < 1.0 and list(control_cache_dir(project).iterdir()) == []
    made = shot_control_frames(project, shot, settings)
    request, record = build_request_with_record(project, shot)
    assert request.control.frames == made.folder and record["control"]["frames"] == 117
