"""Control frames and masks over the wire: they travel whole, and hostile ones are refused before decoding,
naming the field."""

from __future__ import annotations

import base64
import json

import numpy as np
import pytest
from image_support import png_header_only
from PIL import Image

from engine.endpoint.protocol import parse_body, request_body
from engine.endpoint.request_limits import EndpointLimits, RequestRejected
from engine.generation.request import ControlConditioning, GenerationRequest
from engine.generation.still_image import png_bytes

LIMITS = EndpointLimits(
    max_frames=33, max_side=128, max_pixels=128 * 96, max_steps=4, max_image_bytes=64 << 10
)


def frame(value: int = 90, size: int = 32) -> bytes:
    return png_bytes(Image.fromarray(np.full((size, size, 3), value, np.uint8)))


def encoded(data: bytes) -> str:
    return base64.b64encode(data).decode()


def body_with(**params) -> dict:
    return {
        "inputs": "a square slides",
        "parameters": {"num_frames": 9, "width": 32, "height": 32, "num_inference_steps": 2, **params},
    }


def test_control_frames_and_masks_travel_whole(tmp_path) -> None:
    control = ControlConditioning("repaint", tuple(frame(i * 20) for i in range(9)), 0.8, (frame(255),), 0)
    request = GenerationRequest("a square", "", 1, 9, 32, 32, 16, 2, 4.0, None, control=control)
    fields = parse_body(request_body(request), LIMITS, 16)
    assert fields["control"] == control
    folder = tmp_path / "frames"
    folder.mkdir()
    for index in range(3):
        (folder / f"frame_{index:05d}.png").write_bytes(frame(index))
    from_folder = ControlConditioning("control", folder, 0.5)
    sent = parse_body(
        request_body(GenerationRequest("a", "", 1, 9, 32, 32, 16, 2, 4.0, None, control=from_folder)),
        LIMITS,
        16,
    )
    assert sent["control"].frames == tuple(frame(i) for i in range(3))


@pytest.mark.parametrize(
    ("params", "phrase"),
    [
        ({"control_mode": "paint", "control_frames": [encoded(frame())]}, "control_mode"),
        ({"control_frames": [encoded(frame())]}, '"control_frames" needs "control_mode"'),
        ({"control_mode": "control", "control_frames": [encoded(frame())] * 10}, "control_frames"),
        (
            {"control_mode": "control", "control_frames": [encoded(frame(size=64))]},
            r"control_frames\[0\]\" is 64×64",
        ),
        (
            {"control_mode": "control", "control_frames": [encoded(png_header_only(32, 32))]},
            r"control_frames\[0\]",
        ),
        (
            {"control_mode": "control", "control_frames": ["A" * (LIMITS.max_image_bytes * 2)]},
            r"control_frames\[0\]",
        ),
        (
            {"control_mode": "control", "control_frames": [encoded(frame())], "control_strength": 9},
            "control_strength",
        ),
        ({"control_mode": "repaint", "control_frames": [encoded(frame())] * 2}, "control_masks"),
        (
            {"control_mode": "known", "control_frames": [encoded(frame())], "control_offset": 9},
            "control_offset",
        ),
    ],
)
def test_hostile_control_parameters_are_refused_naming_the_field(params, phrase) -> None:
    with pytest.raises(RequestRejected, match=phrase):
        parse_body(body_with(**params), LIMITS, 16)


def test_an_extension_is_sent_as_its_known_frames_and_never_the_take_it_extends(tmp_path) -> None:
    control = ControlConditioning("known", (frame(),), offset=4, extends=tmp_path / "take.mp4", before=True)
    request = GenerationRequest("a", "", 1, 9, 32, 32, 16, 2, 4.0, None, control=control)
    sent = request_body(request)["parameters"]
    assert (sent["control_mode"], sent["control_offset"], len(sent["control_frames"])) == ("known", 4, 1)
    assert "take.mp4" not in json.dumps(sent)
