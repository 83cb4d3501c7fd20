"""The reference (VACE) run on the tiny VACE-A14B model: equal to diffusers' own WanVACEPipeline call
with the same references, keyframes, prompt, seed and settings; clear refusals elsewhere."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from contextlib import contextmanager

import numpy as np
import pytest
import torch
from image_support import SIZE, direct_settings, gradient, image_request, still

from engine.conditioning.keyframes import keyframe_video
from engine.generation.direction_inputs import control_video
from engine.generation.loaded_pipeline import ModelInfo
from engine.generation.reference_inputs import ReferenceModelError
from engine.generation.reference_run import STEP_CACHE_NOTICE
from engine.generation.request import (
    FrameSource,
    GenerationRequest,
    ImageConditioning,
    Keyframe,
    ReferenceConditioning,
)
from engine.generation.shot_run import run_shot
from engine.generation.still_image import fit_still, read_still, still_from_frame
from engine.generation.wan_run import run_wan, to_uint8
from engine.progress import Cancelled, CancelToken, Progress


def direct_floats(pipe, request: GenerationRequest, **conditioning: object) -> np.ndarray:
    """diffusers' WanVACEPipeline called by hand with the same settings: its float frames."""
    return pipe(**direct_settings(request), **conditioning).frames[0]


def direct_call(pipe, request: GenerationRequest, **conditioning: object) -> np.ndarray:
    """The direct call's frames in 8 bits, as a take holds them."""
    return to_uint8(direct_floats(pipe, request, **conditioning))


@contextmanager
def expert_outputs(pipe) -> Iterator[list[torch.Tensor]]:
    """The low-noise expert's predictions while the block runs (a forward hook on the real expert).

    The tiny model's VAE (the T2V demo's own, shared) decodes nearly every latent to the same grey, so
    a reference image's content moves the 8-bit frames by less than a level; the expert's predictions
    show it plainly.
    """
    seen: list[torch.Tensor] = []
    hook = pipe.transformer_2.register_forward_hook(lambda module, args, out: seen.append(out[0]))
    try:
        yield seen
    finally:
        hook.remove()


def cast_request(loaded, *references: bytes, keyframes: tuple[Keyframe, ...] = (), **changes: object):
    """A small request on the reference model with these reference images and keyframes."""
    refs = ReferenceConditioning(tuple(references), keyframes)
    return image_request(loaded, images=None, references=refs, **changes)


def test_a_cast_take_equals_a_direct_vace_call_with_the_same_references(loaded_vace) -> None:
    from diffusers import WanVACEPipeline

    assert isinstance(loaded_vace.pipe, WanVACEPipeline) and loaded_vace.info.arch == "vace-a14b"
    # Two members' images of other shapes than the shot, in the order the prompt names them.
    first, second = still(3, 48, 40), still(4, 24, 56)
    request = cast_request(loaded_vace, first, second)
    with expert_outputs(loaded_vace.pipe) as ours:
        result = run_shot(loaded_vace, request)
    with expert_outputs(loaded_vace.pipe) as theirs:
        direct = direct_call(
            loaded_vace.pipe, request, reference_images=[read_still(b)[0] for b in (first, second)]
        )
    assert result.frames.shape == (request.num_frames, SIZE, SIZE, 3)
    assert np.array_equal(result.frames, direct)
    # Bit for bit inside too: the same images reached the expert, in the same order.
    assert len(ours) == len(theirs) and all(torch.equal(a, b) for a, b in zip(ours, theirs, strict=True))
    assert result.speed["conditioning"] == {"reference_images": 2, "pinned_frames": []}


def test_changing_a_reference_image_changes_what_the_model_makes(loaded_vace) -> None:
    made = []
    for seeds in ((5,), (5,), (6,), (5, 6), (6, 5)):
        with expert_outputs(loaded_vace.pipe) as predictions:
            frames = run_shot(loaded_vace, cast_request(loaded_vace, *map(still, seeds), num_frames=5)).frames
        made.append((frames, predictions[-1]))
    assert np.array_equal(made[0][0], made[1][0]) and torch.equal(made[0][1], made[1][1])  # the same take
    assert (made[0][1] - made[2][1]).abs().max().item() > 1e-4  # another image
    assert (made[3][1] - made[4][1]).abs().max().item() > 1e-4  # the same images in another order
    request = cast_request(loaded_vace, still(5), num_frames=5)
    floats = [
        direct_floats(loaded_vace.pipe, request, reference_images=[read_still(still(s))[0]]) for s in (5, 6)
    ]
    assert np.abs(floats[0] - floats[1]).max() > 0  # and the decoded frames, before rounding to 8 bits


def test_more_references_than_the_shot_has_latent_frames_are_refused(loaded_vace) -> None:
    request = cast_request(loaded_vace, *(still(s) for s in range(3)), num_frames=5)  # 2 latent frames
    with pytest.raises(
        ReferenceModelError, match="3 reference images, but a shot of 5 frames takes at most 2"
    ):
        run_shot(loaded_vace, request)


def test_a_keyframed_take_equals_a_direct_call_with_the_builders_video_and_mask(loaded_vace) -> None:
    keys = (Keyframe(0, still(7, 64, 40)), Keyframe(4, still(8)), Keyframe(8, still(9, 20, 50)))
    request = cast_request(loaded_vace, still(3), keyframes=keys)
    with expert_outputs(loaded_vace.pipe) as ours:
        result = run_shot(loaded_vace, request)
    pinned = [(k.frame, fit_still(read_still(k.image)[0], SIZE, SIZE, "fill")) for k in keys]
    video, mask = keyframe_video(pinned, request.num_frames, SIZE, SIZE)
    with expert_outputs(loaded_vace.pipe) as theirs:
        direct = direct_call(
            loaded_vace.pipe, request, video=video, mask=mask, reference_images=[read_still(still(3))[0]]
        )
    assert np.array_equal(result.frames, direct)
    assert all(torch.equal(a, b) for a, b in zip(ours, theirs, strict=True))
    assert result.speed["conditioning"] == {"reference_images": 1, "pinned_frames": [0, 4, 8]}
    # Without the keyframes the same seed makes other frames: they reached the model.
    assert not np.array_equal(run_shot(loaded_vace, cast_request(loaded_vace, still(3))).frames, direct)


def test_a_keyframe_from_a_clip_is_read_when_the_job_runs(loaded_vace, tmp_path) -> None:
    from engine.video.video_io import write_clip

    clip = tmp_path / "take.mp4"
    frames = np.stack([gradient(SIZE, SIZE, s) for s in range(5)])
    request = cast_request(loaded_vace, keyframes=(Keyframe(0, FrameSource(clip, 2)),))
    with pytest.raises(ValueError, match="not there"):
        run_shot(loaded_vace, request)
    write_clip(frames, 16, clip)  # written after the request was made, as a previous shot's take is
    from engine.video.video_io import read_frames

    frame = still_from_frame(read_frames(clip, 2, 3)[0])
    video, mask = keyframe_video([(0, frame)], request.num_frames, SIZE, SIZE)
    assert np.array_equal(
        run_shot(loaded_vace, request).frames, direct_call(loaded_vace.pipe, request, video=video, mask=mask)
    )


def test_a_start_image_on_the_reference_model_is_pinned_at_the_first_frame(loaded_vace) -> None:
    request = image_request(loaded_vace, images=ImageConditioning(still(1), last_image=still(2), fit="fit"))
    pinned = [(0, fit_still(read_still(still(1))[0], SIZE, SIZE, "fit"))]
    pinned.append((8, fit_still(read_still(still(2))[0], SIZE, SIZE, "fit")))
    video, mask = keyframe_video(pinned, request.num_frames, SIZE, SIZE)
    result = run_shot(loaded_vace, request)
    assert np.array_equal(result.frames, direct_call(loaded_vace.pipe, request, video=video, mask=mask))


def test_references_on_a_model_that_is_not_vace_fail_with_a_clear_message(loaded_a14b) -> None:
    request = cast_request(loaded_a14b, still(1))
    for run in (run_shot, run_wan):
        with pytest.raises(
            ReferenceModelError, match=r"only a reference \(VACE\) model takes.*t2v-a14b"
        ) as caught:
            run(loaded_a14b, request)
        assert "Reference model" in caught.value.hint


def test_bad_references_and_keyframes_are_refused_naming_them(loaded_vace) -> None:
    with pytest.raises(ValueError, match="reference image 2 of 2: not an image"):
        run_shot(loaded_vace, cast_request(loaded_vace, still(1), b"not a picture at all"))
    with pytest.raises(ValueError, match="frame 9 is outside the shot, whose frames are 0 to 8"):
        run_shot(loaded_vace, cast_request(loaded_vace, keyframes=(Keyframe(9, still(1)),)))
    with pytest.raises(ValueError, match="Two keyframes are pinned at frame 3"):
        run_shot(
            loaded_vace, cast_request(loaded_vace, keyframes=(Keyframe(3, still(1)), Keyframe(3, still(2))))
        )


def test_the_step_cache_is_left_out_on_the_reference_model_with_its_reason(loaded_vace) -> None:
    request = cast_request(loaded_vace, still(1), step_cache="first_block", num_frames=5)
    result = run_shot(loaded_vace, request)
    assert STEP_CACHE_NOTICE in result.notices and result.speed["step_cache"] == "none"
    plain = run_shot(loaded_vace, dataclasses.replace(request, step_cache="none")).frames
    assert np.array_equal(result.frames, plain)


def test_a_long_shot_on_the_reference_model_runs_in_segments_with_its_cast(loaded_vace) -> None:
    request = cast_request(
        loaded_vace,
        still(1),
        keyframes=(Keyframe(0, still(2)), Keyframe(12, still(3))),
        num_frames=13,
        segment_frames=9,
        segment_overlap=0,
    )
    result = run_shot(loaded_vace, request)
    # The second segment continues from the first's last frames as known frames (VACE), so it re-makes them.
    assert result.segments == {"count": 2, "length": 9, "overlap": 4, "context": 5}
    assert result.frames.shape[0] == 13 and result.applied.references == request.references
    with pytest.raises(ValueError, match="frame 13 is outside the shot"):
        run_shot(
            loaded_vace,
            dataclasses.replace(request, references=ReferenceConditioning((), (Keyframe(13, still(2)),))),
        )


def test_model_info_knows_the_reference_layout(tiny_vace) -> None:
    info = ModelInfo.from_folder(tiny_vace)
    assert (info.arch, info.boundary_ratio, info.two_experts) == ("vace-a14b", 0.875, True)
    assert info.takes_references and info.takes_image and not info.needs_image


def test_a_cancel_stops_the_reference_run_within_a_step_and_skips_the_decode(
    loaded_vace, monkeypatch
) -> None:
    decoded: list[int] = []
    real_decode = loaded_vace.pipe.vae.decode
    monkeypatch.setattr(
        loaded_vace.pipe.vae, "decode", lambda *a, **k: decoded.append(1) or real_decode(*a, **k)
    )
    token = CancelToken()

    def on_progress(report: Progress) -> None:
        if report.step == 1:
            token.cancel()

    request = cast_request(loaded_vace, still(1), keyframes=(Keyframe(0, still(2)),), num_frames=5)
    with pytest.raises(Cancelled):
        run_shot(loaded_vace, request, on_progress, token)
    assert decoded == []
    assert run_shot(loaded_vace, request).frames.shape[0] == 5  # and it runs again afterwards


def test_a_later_segment_is_given_the_last_frames_before_it_as_known(loaded_vace, monkeypatch) -> None:
    import engine.generation.reference_run as reference_run

    given: list[object] = []

    def spy(control, *args):
        given.append(control)
        return control_video(control, *args)

    monkeypatch.setattr(reference_run, "control_video", spy)
    request = cast_request(loaded_vace, num_frames=13, segment_frames=9, colour_match=True)
    result = run_shot(loaded_vace, request)
    assert len(given) == 1 and given[0].mode == "known" and len(given[0].frames) == 5
    # The frames given are the first segment's last five, as the take holds them before the blend.
    first = run_shot(loaded_vace, dataclasses.replace(request, num_frames=9)).frames
    assert [read_still(f)[0].tobytes() for f in given[0].frames] == [f.tobytes() for f in first[4:]]
    assert result.segments["context"] == 5 and len(result.segments["colour_match"]) == 1
