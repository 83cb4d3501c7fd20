"""Transitions at shot boundaries: crossfades overlap and blend, fades go through black, film fades."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from export_support import BLUE, GREEN, RED, flat_clip, project_with_takes, video_facts

from app.film.film_export import export_project
from app.film.shot_timing import shot_transitions
from engine.film.export_settings import ExportSettings
from engine.film.exporter import export_film
from engine.film.film_frames import plan_film
from engine.film.film_timing import Transition
from engine.video.conform import ClipSpan
from engine.video.video_io import read_frames


def _png_frames(folder: Path) -> np.ndarray:
    return np.stack([read_frames(p)[0] for p in sorted(folder.iterdir())]).astype(int)


def _spans(tmp_path: Path, colours, frames: int = 16) -> list[ClipSpan]:
    return [ClipSpan(flat_clip(tmp_path / f"{i}.mp4", c, frames)) for i, c in enumerate(colours)]


def test_crossfade_overlaps_and_its_middle_frame_is_the_blend(tmp_path):
    spans = _spans(tmp_path, [RED, BLUE])
    # 5 frames of crossfade at 16 fps: 16 + 16 - 5 = 27 frames.
    transitions = [Transition(), Transition("crossfade", 5 / 16)]
    assert plan_film(spans, transitions, 16).total == 27
    result = export_film(
        spans,
        tmp_path / "png",
        ExportSettings(format="png"),
        film_size=(64, 48),
        film_fps=16,
        transitions=transitions,
    )
    assert result.frames == 27 and result.duration == pytest.approx(27 / 16)
    frames = _png_frames(tmp_path / "png")[:, 24, 32]
    red, blue = frames[10], frames[-1]  # the take's colours after its lossless round trip
    middle = frames[11 + 2]  # overlap frames 11..15: the third is the midpoint
    assert np.abs(middle - (red + blue) / 2).max() <= 1
    # The blend moves steadily from one shot to the next.
    reds = frames[10:17, 0]
    assert all(a > b for a, b in zip(reds, reds[1:], strict=False))


def test_crossfade_blend_in_an_h264_film(tmp_path):
    spans = _spans(tmp_path, [RED, GREEN])
    result = export_film(
        spans,
        tmp_path / "f.mp4",
        ExportSettings(),
        film_size=(64, 48),
        film_fps=16,
        transitions=[Transition(), Transition("crossfade", 3 / 16)],
    )
    assert result.frames == 29 and video_facts(tmp_path / "f.mp4")["frames"] == 29
    frames = read_frames(tmp_path / "f.mp4")[:, 24, 32].astype(int)
    assert np.abs(frames[14] - (frames[12] + frames[-1]) / 2).max() <= 4


def test_fade_through_black_keeps_the_length(tmp_path):
    spans = _spans(tmp_path, [RED, BLUE])
    transitions = [Transition(), Transition("fade", 0.5)]  # 4 frames down, 4 frames up
    plan = plan_film(spans, transitions, 16)
    assert plan.total == 32 and plan.fade_out[0] == 4 and plan.fade_in[1] == 4
    export_film(
        spans,
        tmp_path / "png",
        ExportSettings(format="png"),
        film_size=(64, 48),
        film_fps=16,
        transitions=transitions,
    )
    levels = _png_frames(tmp_path / "png")[:, 24, 32].max(axis=1)
    assert levels[15] < 0.25 * levels[0] and levels[16] < 0.25 * levels[-1]  # darkest at the cut
    assert levels[11] == levels[0] and levels[20] == levels[-1]  # untouched outside the fade


def test_film_fades_in_and_out(tmp_path):
    spans = _spans(tmp_path, [GREEN])
    export_film(
        spans,
        tmp_path / "png",
        ExportSettings(format="png"),
        film_size=(64, 48),
        film_fps=16,
        fade_in=0.25,
        fade_out=0.5,
    )
    levels = _png_frames(tmp_path / "png")[:, 24, 32, 1]
    assert len(levels) == 16
    assert levels[0] < levels[1] < levels[2] < levels[3] < levels[4] == levels[7]
    assert levels[-1] < 0.2 * levels[7] and levels[8] > levels[-1]


def test_transitions_are_clamped_to_short_shots(tmp_path):
    spans = _spans(tmp_path, [RED, BLUE, GREEN], frames=4)
    plan = plan_film(spans, [Transition(), Transition("crossfade", 10), Transition("crossfade", 10)], 16)
    assert plan.overlap == [0, 2, 2] and plan.total == 8
    with pytest.raises(ValueError, match="wipe"):
        plan_film(spans, [Transition(), Transition("wipe", 1)], 16)


def test_project_transitions_range_and_override(tmp_path):
    project = project_with_takes(tmp_path, [RED, BLUE, GREEN], frames=16)
    project.update_shot(project.shots[1].id, transition="crossfade", transition_duration=0.25)
    project.update_settings(fade_out=0.5)
    assert shot_transitions(project.shots) == [
        Transition(),
        Transition("crossfade", 0.25),
        Transition("cut", 0.5),
    ]
    events = []
    result = export_project(project, tmp_path / "all.mp4", ExportSettings(), events.append)
    assert (
        result.frames == 48 - 4 and events[0]["event"] == "export_started" and events[-1]["event"] == "done"
    )
    assert any(e["event"] == "progress" and "fps" in e for e in events)
    # The last two shots only: the crossfade into shot 2 is not part of it.
    settings = ExportSettings(shots=[project.shots[1].id, project.shots[2].id])
    assert export_project(project, tmp_path / "part.mp4", settings, events.append).frames == 32
    # A render-wide transition replaces every boundary's, without changing the project.
    settings = ExportSettings(transition=("crossfade", 0.5))
    assert export_project(project, tmp_path / "x.mp4", settings, events.append).frames == 48 - 16
    assert project.shots[2].transition == "cut"


def test_a_shot_without_a_take_is_named(tmp_path):
    project = project_with_takes(tmp_path, [RED, BLUE])
    shot = project.shots[1]
    project.remove_take(shot.id, shot.active_take)
    with pytest.raises(ValueError, match="S2 has no take"):
        export_project(project, tmp_path / "f.mp4", ExportSettings(), lambda e: None)
    assert not (tmp_path / "f.mp4").exists()


def test_status_bar_preview_and_exporter_agree_on_the_film_length(tmp_path):
    from app.film.preview_sequence import preview_spans
    from app.film.shot_timing import film_seconds

    project = project_with_takes(tmp_path, [RED, BLUE, GREEN], frames=16)
    project.update_shot(project.shots[1].id, transition="crossfade", transition_duration=0.3)
    project.update_shot(project.shots[2].id, transition="fade", transition_duration=0.5)
    project.update_settings(fade_in=0.25, fps=24)  # the 16 fps takes are conformed to 24
    result = export_project(project, tmp_path / "film.mp4", ExportSettings(), lambda event: None)
    spans = preview_spans(project, with_looks=False)
    assert result.frames == 24 * 3 - 7  # 24 frames a shot, less a crossfade of round(0.3 * 24)
    assert film_seconds(project) == result.duration == pytest.approx(spans[-1].end)
    # The crossfade overlaps the first two spans, as the exporter blends them.
    assert spans[1].start == pytest.approx((24 - 7) / 24) and spans[0].end == pytest.approx(1.0)
