"""From a shot to a take on disk: metadata, random seeds, cancel leaving nothing behind."""

from __future__ import annotations

import json

import pytest

from app.generation.shot_requests import shot_status
from app.generation.take_generation import generate_take
from app.project.project import Project
from app.project.project_settings import ProjectSettings
from app.project.reel_file import save_project
from app.project.shot import Shot
from engine.generation.pipeline_cache import PipelineCache
from engine.generation.request import ModelSpec
from engine.progress import Cancelled, CancelToken, Progress
from engine.video.video_io import probe, read_frames


def small_project(tmp_path) -> Project:
    project = Project(ProjectSettings(name="t", width=64, height=48, fps=16))
    project.settings.defaults.frames = 9
    project.settings.defaults.steps = 3
    project.add_shot(Shot(prompt="海边的灯塔", seed=None))
    save_project(project, tmp_path / "t.reel")
    return project


@pytest.mark.slow
def test_take_records_everything_and_draws_a_seed(tmp_path, tiny_a14b):
    project = small_project(tmp_path)
    shot = project.shots[0]
    cache = PipelineCache()
    reports: list[Progress] = []
    try:
        first = generate_take(project, shot, cache, ModelSpec(str(tiny_a14b)), on_progress=reports.append)
        second = generate_take(project, shot, cache, ModelSpec(str(tiny_a14b)))
    finally:
        cache.release()
    assert first.seed is not None and second.seed is not None and first.seed != second.seed
    assert shot.active_take == second.id and len(shot.takes) == 2
    assert (first.prompt, first.frames, first.width, first.height, first.fps, first.steps) == (
        "海边的灯塔",
        9,
        64,
        48,
        16,
        3,
    )
    assert (first.guidance_scale, first.guidance_scale_2) == (4.0, 3.0)
    assert first.device == "cpu" and first.dtype == "float32" and first.backend == "local"
    assert {"python", "diffusers", "torch"} <= set(first.versions) and first.seconds > 0
    clip = project.take_path(first)
    info = probe(clip)
    assert (info.width, info.height, info.frame_count, info.fps) == (64, 48, 9, 16)
    sidecar = json.loads(clip.with_suffix(".json").read_text(encoding="utf-8"))
    assert sidecar["seed"] == first.seed and sidecar["prompt"] == "海边的灯塔"
    stages = [r.stage for r in reports]
    assert (
        stages.index("loading")
        < stages.index("generating")
        < stages.index("decoding")
        < stages.index("encoding")
    )
    assert shot_status(project, shot) == "ready"
    project.update_shot(shot.id, prompt="something else")
    assert shot_status(project, shot) == "outdated"


@pytest.mark.slow
def test_same_fixed_seed_gives_the_same_frames(tmp_path, tiny_a14b):
    project = small_project(tmp_path)
    shot = project.shots[0]
    project.update_shot(shot.id, seed=1234)
    cache = PipelineCache()
    try:
        a = generate_take(project, shot, cache, ModelSpec(str(tiny_a14b)))
        b = generate_take(project, shot, cache, ModelSpec(str(tiny_a14b)))
    finally:
        cache.release()
    assert (a.seed, b.seed) == (1234, 1234)
    assert (read_frames(project.take_path(a)) == read_frames(project.take_path(b))).all()


@pytest.mark.slow
@pytest.mark.parametrize("cancel_at", [("generating", 2), ("encoding", 1)])
def test_cancel_leaves_no_take_and_no_file(tmp_path, tiny_a14b, cancel_at):
    project = small_project(tmp_path)
    shot = project.shots[0]
    token = CancelToken()
    seen: list[Progress] = []

    def on_progress(p: Progress) -> None:
        seen.append(p)
        if (p.stage, p.step) == cancel_at:
            token.cancel()

    cache = PipelineCache()
    try:
        with pytest.raises(Cancelled):
            generate_take(
                project, shot, cache, ModelSpec(str(tiny_a14b)), on_progress=on_progress, cancel=token
            )
    finally:
        cache.release()
    assert shot.takes == [] and shot.active_take is None
    leftovers = [p for p in project.media_dir.rglob("*") if p.is_file()] if project.media_dir.exists() else []
    assert leftovers == []
    # Cancelled within one step: nothing after the step that asked.
    if cancel_at[0] == "generating":
        assert [p.stage for p in seen].count("decoding") == 0
        assert max(p.step for p in seen if p.stage == "generating") == 2
