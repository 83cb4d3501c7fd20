"""References and keyframes over the wire: they travel whole, and hostile ones are refused, naming the field."""

from __future__ import annotations

import base64
import dataclasses

import numpy as np
import pytest
from image_support import bad_images, png_header_only, still
from memory_support import refused_peak

from engine.endpoint.protocol import parse_body, request_body
from engine.endpoint.request_limits import EndpointLimits, RequestRejected, b64_length
from engine.generation.request import (
    FrameSource,
    GenerationRequest,
    Keyframe,
    ModelSpec,
    ReferenceConditioning,
)
from engine.video.video_io import read_frames, write_clip

LIMITS = EndpointLimits(
    max_frames=33, max_side=128, max_pixels=128 * 96, max_steps=4, max_image_bytes=64 << 10
)
SECRET = "hf_SecretToken1234567890abcdef"


def encoded(data: bytes) -> str:
    return base64.b64encode(data).decode()


def body_with(**params) -> dict:
    return {
        "inputs": "@Mei holds the teapot",
        "parameters": {"num_frames": 9, "width": 32, "height": 32, "num_inference_steps": 2, **params},
    }


def refused(params: dict, limits: EndpointLimits = LIMITS) -> str:
    with pytest.raises(RequestRejected) as info:
        parse_body(body_with(**params), limits, 16)
    return str(info.value)


def reference_request(references: ReferenceConditioning) -> GenerationRequest:
    return GenerationRequest(
        prompt="Mei holds the teapot",
        model=ModelSpec("vace"),
        num_frames=9,
        width=32,
        height=32,
        num_inference_steps=2,
        negative_prompt="",
        seed=5,
        fps=16,
        guidance_scale=4.0,
        guidance_scale_2=None,
        references=references,
    )


def test_references_and_keyframes_travel_whole_and_a_clip_frame_is_read_before_sending(tmp_path):
    frames = np.stack([np.full((32, 32, 3), 30 * i, np.uint8) for i in range(4)])
    frames[2, ::4] = 250
    write_clip(frames, 16, tmp_path / "before.mp4")
    sent = ReferenceConditioning(
        (still(1), still(2)),
        (Keyframe(0, FrameSource(tmp_path / "before.mp4", 2)), Keyframe(8, still(3))),
        fit="fit",
    )
    params = request_body(reference_request(sent))["parameters"]
    assert [base64.b64decode(v) for v in params["reference_images"]] == [still(1), still(2)]
    assert [k["frame"] for k in params["keyframes"]] == [0, 8] and params["keyframe_fit"] == "fit"
    got = parse_body(request_body(reference_request(sent)), LIMITS, 16)["references"]
    assert got.reference_images == sent.reference_images and got.fit == "fit"
    assert got.keyframes[1] == Keyframe(8, still(3))
    from engine.generation.still_image import read_still

    # The clip's frame went as lossless PNG: the endpoint gets exactly that frame.
    pinned = np.asarray(read_still(got.keyframes[0].image)[0])
    assert np.array_equal(pinned, read_frames(tmp_path / "before.mp4", 2, 3)[0])
    # Unsorted on the wire: sorted by frame on arrival.
    params["keyframes"].reverse()
    again = parse_body({"inputs": "x", "parameters": params}, LIMITS, 16)["references"]
    assert [k.frame for k in again.keyframes] == [0, 8]
    # Without references the body has none of their fields, and none come back.
    plain = request_body(dataclasses.replace(reference_request(sent), references=None))
    assert not {"reference_images", "keyframes", "keyframe_fit"} & set(plain["parameters"])
    assert parse_body(plain, LIMITS, 16)["references"] is None


def test_a_keyframe_from_a_missing_clip_is_named_before_sending(tmp_path):
    gone = ReferenceConditioning((), (Keyframe(4, FrameSource(tmp_path / "gone.mp4")),))
    with pytest.raises(ValueError, match="frame 4 comes from gone.mp4, which is not there"):
        request_body(reference_request(gone))


def test_too_many_references_are_refused_by_count_before_any_is_decoded():
    # Seventeen strings that are not even base64: the count is checked first.
    message = refused({"reference_images": ["!"] * 17}, EndpointLimits())
    assert '"reference_images" has 17 items' in message and "at most 16 reference images" in message
    assert "reference_images" in refused({"reference_images": encoded(still())})  # not a list
    assert '"keyframes" must be a list' in refused({"keyframes": {"frame": 0}})


def test_a_base64_string_over_the_cap_is_refused_before_decoding():
    limits = EndpointLimits()
    huge = "A" * (b64_length(limits.max_image_bytes) + 4)  # 22 MB of base64, 16 MB decoded
    body = body_with(reference_images=[encoded(still()), huge])
    _, peak = refused_peak(
        lambda: parse_body(body, limits, 16), RequestRejected, r'"reference_images\[1\]" is over 16 MB'
    )
    assert peak < 1 << 20, f"peak {peak >> 20} MB"  # decoding it would take 16 MB


def test_images_together_over_the_request_cap_are_refused_before_decoding():
    limits = dataclasses.replace(LIMITS, max_request_image_bytes=96 << 10)
    big = "!" * b64_length(60 << 10)  # each under the 64 KB cap (and not base64 at all)
    assert "not valid base64" in refused({"image": big}, limits)  # alone: within the caps, then decoded
    message = refused({"image": big, "keyframes": [{"frame": 3, "image": big}]}, limits)
    assert '"keyframes[0].image" brings the request\'s images over 0.0938 MB together' in message


def test_pixels_of_all_images_together_are_bounded_from_their_headers():
    limits = dataclasses.replace(LIMITS, max_request_image_pixels=3 * 32 * 32)
    message = refused({"reference_images": [encoded(still(i)) for i in range(4)]}, limits)
    assert '"reference_images[3]" brings the request\'s images over 3,072 pixels together' in message
    assert parse_body(body_with(reference_images=[encoded(still(i)) for i in range(3)]), limits, 16)


@pytest.mark.parametrize(
    "name", ["not an image", "20000x20000", "CMYK", "16-bit colour", "animated PNG", "GIF"]
)
def test_bad_reference_and_keyframe_images_are_refused_naming_the_field(name):
    data, phrase = bad_images()[name]
    message = refused({"reference_images": [encoded(still()), encoded(data)]})
    assert '"reference_images[1]"' in message and phrase in message
    message = refused({"keyframes": [{"frame": 2, "image": encoded(data)}]})
    assert '"keyframes[0].image"' in message and phrase in message


def test_a_decompression_bomb_is_refused_from_its_header():
    bomb = png_header_only(60000, 60000)  # 3.6 gigapixels claimed in 80 bytes
    body = body_with(keyframes=[{"frame": 0, "image": encoded(bomb)}])
    message, peak = refused_peak(lambda: parse_body(body, EndpointLimits(), 16), RequestRejected)
    assert '"keyframes[0].image"' in message and "too large" in message
    assert peak < 1 << 20, f"peak {peak >> 20} MB"


@pytest.mark.parametrize(
    ("keyframes", "phrase"),
    [
        ([{"frame": 9, "image": "x"}], r'"keyframes\[0\].frame" is 9; a shot of 9 frames has frames 0 to 8'),
        ([{"frame": -1, "image": "x"}], r'"keyframes\[0\].frame" is -1'),
        ([{"frame": 2, "image": "x"}, {"frame": 2, "image": "y"}], r'"keyframes\[1\].frame" is 2 again'),
        ([{"frame": 2.0, "image": "x"}], r'"keyframes\[0\].frame" must be a whole number, not 2.0'),
        ([{"frame": True, "image": "x"}], "must be a whole number, not True"),
        ([{"frame": "3", "image": "x"}], "must be a whole number"),
        ([{"frame": 1}], r'"keyframes\[0\]" must be \{"frame": n, "image": base64\}'),
        ([{"frame": 1, "image": "x", "mask": 1}], r'"keyframes\[0\]" must be'),
        (["x"], r'"keyframes\[0\]" must be'),
        ([{"frame": 1, "image": 7}], r'"keyframes\[0\].image" must be a base64-encoded'),
        (
            [{"frame": k, "image": "x"} for k in range(10)],
            r'"keyframes" has 10 items; .* at most 9 keyframes',
        ),
    ],
)
def test_bad_keyframes_are_refused_before_decoding(keyframes, phrase):
    # "x" is not base64: each of these is refused before any image is decoded.
    assert pytest.raises(RequestRejected, parse_body, body_with(keyframes=keyframes), LIMITS, 16).match(
        phrase
    )


@pytest.mark.parametrize(
    ("params", "phrase"),
    [
        ({"keyframe_fit": "stretch", "keyframes": []}, '"keyframe_fit" must be "fill" or "fit"'),
        ({"keyframe_fit": "fit"}, '"keyframe_fit" needs "keyframes"'),
        ({"reference_images": [""]}, '"reference_images[0]" must be a base64-encoded'),
        ({"references": []}, "Unknown parameter"),
    ],
)
def test_bad_reference_parameters_are_refused(params, phrase):
    assert phrase in refused(params)


def test_a_secret_in_a_refused_value_is_never_repeated():
    for params in (
        {"keyframes": [{"frame": SECRET, "image": "x"}]},
        {"keyframes": [{"frame": f"Bearer {SECRET[3:]}", "image": "x"}]},
        {"seed": SECRET},
        {"guidance_scale": f"Authorization: Bearer {SECRET}"},
    ):
        message = refused(params)
        assert SECRET not in message and SECRET[3:] not in message and "[redacted]" in message
