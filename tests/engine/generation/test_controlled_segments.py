"""A controlled shot longer than one run, on the tiny VACE model: each segment follows its own slice of the
control frames, after the frames of the segment before as known context."""

from __future__ import annotations

import dataclasses

import pytest
from control_support import moving_frames
from image_support import SIZE, image_request
from PIL import Image

from engine.conditioning.control_cache import frame_name
from engine.conditioning.control_settings import ControlError
from engine.conditioning.keyframes import GENERATED, KNOWN
from engine.generation import reference_run
from engine.generation.direction_inputs import control_slice, control_video
from engine.generation.request import ControlConditioning
from engine.generation.shot_run import anchor_index, plan_segments, run_shot
from engine.generation.still_image import png_bytes, read_still


def control_folder(tmp_path, count: int):
    """A cache folder of `count` control frames, each a different moving square."""
    folder = tmp_path / "control"
    folder.mkdir()
    for index, frame in enumerate(moving_frames(count, SIZE, SIZE)):
        Image.fromarray(frame).save(folder / frame_name(index))
    return folder


def pixels(png: bytes) -> bytes:
    return read_still(png)[0].tobytes()


def test_a_slice_holds_the_last_frame_past_the_end_of_the_control(tmp_path) -> None:
    folder = control_folder(tmp_path, 6)
    frames = [(folder / frame_name(i)).read_bytes() for i in range(6)]
    for control in (ControlConditioning("control", folder), ControlConditioning("control", tuple(frames))):
        assert control_slice(control, 2, 3).frames == tuple(frames[2:5])
        assert control_slice(control, 4, 4).frames == (frames[4], frames[5], frames[5], frames[5])
        assert control_slice(control, 9, 2).frames == (frames[5], frames[5])  # the clip ended before
    with pytest.raises(ControlError, match="no frames"):
        control_slice(ControlConditioning("control", tmp_path / "empty"), 0, 2)


@pytest.mark.slow
def test_each_segment_of_a_long_controlled_shot_follows_its_slice_after_its_context(
    loaded_vace, tmp_path, monkeypatch
) -> None:
    given: list[tuple[ControlConditioning, list, list]] = []

    def spy(control, *args):
        video, mask = control_video(control, *args)
        given.append((control, video, mask))
        return video, mask

    monkeypatch.setattr(reference_run, "control_video", spy)
    folder = control_folder(tmp_path, 21)
    control = ControlConditioning("control", folder, 0.8)
    request = image_request(loaded_vace, images=None, num_frames=21, segment_frames=9, control=control)
    result = run_shot(loaded_vace, request)
    overlap = 4  # the context wanted (7) held to half a 9-frame segment
    lengths = plan_segments(21, 9, overlap, 4)
    assert result.frames.shape[0] == 21 and result.segments["context"] == overlap + 1
    assert [len(c.frames) for c, _, _ in given] == lengths and len(lengths) >= 3
    start = 0
    for index, (part, video, mask) in enumerate(given):
        ours = [pixels((folder / frame_name(min(start + i, 20))).read_bytes()) for i in range(lengths[index])]
        assert [pixels(f) for f in part.frames] == ours, f"segment {index + 1} starts at frame {start}"
        assert part.strength == 0.8 and part.mode == "control"
        known = len(part.context)
        assert known == (0 if index == 0 else overlap + 1)
        assert [m.getpixel((0, 0)) for m in mask] == [KNOWN] * known + [GENERATED] * (len(mask) - known)
        # After its context, a segment's video is its own slice of the control.
        assert [v.tobytes() for v in video[known:]] == ours[known:]
        start += anchor_index(lengths[index], overlap)
    # The context a later segment goes on from is what the segment before made, up to its last frame.
    first = run_shot(loaded_vace, dataclasses.replace(request, num_frames=9, segment_frames=None)).frames
    assert [pixels(f) for f in given[1][0].context] == [
        pixels(png_bytes(Image.fromarray(f))) for f in first[anchor_index(9, overlap) :]
    ]
    assert result.applied.control == control


def test_a_long_repaint_is_still_refused_in_words(loaded_vace) -> None:
    repaint = ControlConditioning("repaint", (png_bytes(Image.new("RGB", (SIZE, SIZE))),), 1.0, (b"",))
    request = image_request(loaded_vace, images=None, num_frames=21, segment_frames=9, control=repaint)
    with pytest.raises(ControlError, match="repaint or extend"):
        run_shot(loaded_vace, request)
