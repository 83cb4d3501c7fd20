"""Long shots: segments from the one before, the frame count asked for, progress, cancel, one clip."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from image_support import image_request

from engine.backends.local import run_take_job
from engine.generation import shot_run
from engine.generation.image_to_video import ImageModelError
from engine.generation.shot_run import anchor_index, join_segments, plan_segments, run_shot
from engine.generation.still_image import read_still
from engine.progress import Cancelled, CancelToken


@pytest.mark.parametrize(
    ("total", "length", "overlap"),
    [(81, 81, 4), (201, 81, 4), (161, 81, 0), (25, 9, 2), (121, 121, 8), (33, 9, 4)],
)
def test_plan_gives_at_least_the_frames_asked_and_each_length_is_4k_plus_1(total, length, overlap):
    lengths = plan_segments(total, length, overlap)
    made = lengths[0] + sum(n - 1 - overlap for n in lengths[1:])
    assert made >= total and made - total < 4 + (lengths[-1] - 1 - overlap)
    assert all((n - 1) % 4 == 0 and n <= length for n in lengths)
    assert all(n >= overlap + 2 for n in lengths[1:])
    pieces = [np.zeros((n, 2, 2, 3), np.uint8) for n in lengths]
    assert len(join_segments(pieces, overlap)) == made


def test_join_blends_the_overlap_and_repeats_no_frame():
    first = np.full((9, 1, 1, 3), 10, np.uint8)
    second = np.full((9, 1, 1, 3), 100, np.uint8)
    second[0] = 10  # the anchor frame again: dropped
    clip = join_segments([first, second], 2)
    assert len(clip) == 9 + 9 - 1 - 2
    assert [int(v) for v in clip[:, 0, 0, 0]] == [10] * 7 + [40, 70] + [100] * 6


@pytest.mark.slow
def test_a_three_segment_shot_chains_each_segment_from_the_one_before(loaded_i2v, monkeypatch):
    parts, outputs = [], []
    real = shot_run.run_wan

    def spy(loaded, request, on_progress, cancel):
        result = real(loaded, request, on_progress, cancel)
        parts.append(request)
        outputs.append(result.frames)
        return result

    monkeypatch.setattr(shot_run, "run_wan", spy)
    seen = []
    request = image_request(loaded_i2v, num_frames=21, segment_frames=9, segment_overlap=2)
    result = run_shot(loaded_i2v, request, on_progress=seen.append)
    assert result.frames.shape[0] == 21 and result.applied.num_frames == 21
    assert result.segments == {"count": 3, "length": 9, "overlap": 2}
    assert [p.num_frames for p in parts] == [9, 9, 9] and [p.seed for p in parts] == [11, 12, 13]
    assert parts[0].images == request.images
    for before, part in zip(outputs, parts[1:], strict=False):
        start = np.asarray(read_still(part.images.image)[0])
        assert np.array_equal(start, before[anchor_index(9, 2)])  # exactly the earlier segment's frame
    # The clip: segment 1 up to its anchor as made, then the blend, then segment 2's own frames.
    assert np.array_equal(result.frames[:7], outputs[0][:7])
    assert np.array_equal(result.frames[9:13], outputs[1][3:7])
    assert {(p.segment, p.segments) for p in seen if p.stage == "generating"} == {(1, 3), (2, 3), (3, 3)}


def test_cancel_in_a_later_segment_stops_within_a_step_and_keeps_nothing(loaded_i2v, tmp_path):
    token = CancelToken()
    steps = []

    def on_progress(p):
        if p.stage == "generating":
            steps.append((p.segment, p.step))
            if p.segment == 2:
                token.cancel()

    request = image_request(
        loaded_i2v, num_frames=21, segment_frames=9, segment_overlap=2, num_inference_steps=3
    )
    clip = tmp_path / "shot" / "take-001.mp4"
    with pytest.raises(Cancelled):
        run_take_job(_Held(loaded_i2v), request, clip, on_progress=on_progress, cancel=token)
    assert steps[-1] == (2, 1)  # the first step of segment 2 was the last
    assert not clip.exists() and not clip.with_suffix(".json").exists()
    assert not any(tmp_path.rglob("*.mp4"))


def test_a_long_text_shot_needs_a_model_that_takes_an_image(loaded_a14b):
    request = image_request(loaded_a14b, images=None, num_frames=21, segment_frames=9)
    with pytest.raises(ImageModelError, match="segments"):
        run_shot(loaded_a14b, request)


@pytest.mark.slow
def test_a_long_text_shot_on_ti2v_continues_in_image_mode(loaded_5b):
    request = image_request(
        loaded_5b, images=None, guidance_scale_2=None, num_frames=13, segment_frames=5, segment_overlap=9
    )
    result = run_shot(loaded_5b, request)
    assert result.frames.shape == (13, 32, 32, 3)
    assert result.segments == {"count": 5, "length": 5, "overlap": 2}  # the overlap at most half a segment
    assert result.applied.images is None


class _Held:
    """A PipelineCache stand-in that hands out an already loaded pipeline."""

    def __init__(self, loaded):
        self.loaded = loaded

    def get(self, spec, on_progress=None):
        return self.loaded


@pytest.mark.slow
def test_segment_request_changes_nothing_for_a_short_shot(loaded_i2v):
    request = image_request(loaded_i2v)
    assert run_shot(loaded_i2v, request).segments is None
    same = dataclasses.replace(request, segment_frames=81)
    assert run_shot(loaded_i2v, same).segments is None


@pytest.mark.slow
@pytest.mark.parametrize("matching", [False, True])
def test_colour_drift_across_joins_is_matched_away(loaded_i2v, monkeypatch, matching):
    from control_support import moving_frames

    from engine.conditioning.colour_match import join_difference

    # The tiny model's frames are noise, whose colours differ from frame to frame; each segment it
    # makes is given a known scene's frames instead (its part of one continuous scene), with a known
    # colour drift that grows by one step per segment, as a VAE round trip adds its own each time.
    scene = (moving_frames(32, 32, 32).astype(np.float32) * 0.6 + 40).astype(np.uint8)
    real = shot_run.run_wan
    starts = [0]

    def drifting(loaded, request, on_progress, cancel):
        result = real(loaded, request, on_progress, cancel)
        drift = len(starts) - 1
        start = starts[-1]
        starts.append(start + request.num_frames - 1 - 2)
        frames = scene[start : start + request.num_frames].astype(np.float32)
        frames = frames * np.array([1 + 0.06 * drift, 1.0, 1 - 0.06 * drift]) + np.array([5, 2, -3]) * drift
        return dataclasses.replace(result, frames=np.clip(np.rint(frames), 0, 255).astype(np.uint8))

    joined = []
    real_join = shot_run.join_segments

    def seen_join(pieces, overlap):
        joined.extend(pieces)
        return real_join(pieces, overlap)

    monkeypatch.setattr(shot_run, "run_wan", drifting)
    monkeypatch.setattr(shot_run, "join_segments", seen_join)
    request = image_request(
        loaded_i2v, num_frames=21, segment_frames=9, segment_overlap=2, colour_match=matching
    )
    result = run_shot(loaded_i2v, request)
    # Across each join: the frames both segments make (the anchor and the blended ones), as joined.
    differences = [
        np.mean([join_difference(a, b) for a, b in zip(before[-3:], after[:3], strict=True)])
        for before, after in zip(joined, joined[1:], strict=False)
    ]
    print(
        f"colour matching {'on' if matching else 'off'}: mean Lab difference across the joins {differences}"
    )
    assert len(differences) == 2
    if matching:
        assert max(differences) < 1.0
        assert [j["overlap_frames"] for j in result.segments["colour_match"]] == [3, 3]
    else:
        assert min(differences) > 5.0
        assert "colour_match" not in result.segments
