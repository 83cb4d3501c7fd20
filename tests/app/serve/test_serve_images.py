"""Images over the wire: a remote image-to-video take equals a local one; hostile images are refused."""

from __future__ import annotations

import base64
import dataclasses

import httpx2
import numpy as np
import pytest
from image_support import bad_images, image_request, still

from app.serve.request_rules import MAX_BODY
from app.serve.server import ServerThread, build_app
from engine.backends.remote import RemoteBackend
from engine.endpoint.handler import EndpointHandler
from engine.endpoint.protocol import parse_body, request_body
from engine.endpoint.request_limits import EndpointLimits, RequestRejected
from engine.generation.request import FrameSource, ImageConditioning
from engine.generation.shot_run import run_shot
from engine.progress import CancelToken
from engine.video.video_io import read_frames, write_clip

LIMITS = EndpointLimits(
    max_frames=33, max_side=128, max_pixels=128 * 96, max_steps=4, max_image_bytes=64 << 10
)
TOKEN = "t0k"


@pytest.fixture(scope="module")
def served(tiny_i2v, loaded_i2v):
    handler = EndpointHandler(model=loaded_i2v.spec, limits=LIMITS)
    server = ServerThread(build_app(handler, TOKEN)).start()
    yield server
    server.stop()
    handler.close()


def test_a_remote_image_take_equals_a_local_one(served, loaded_i2v, tmp_path):
    # The start is a frame of a clip on disk (a continued shot): read when the job runs, then sent.
    earlier = np.stack([np.full((32, 32, 3), 40 * i, np.uint8) for i in range(4)])
    earlier[-1, ::3] = 255
    write_clip(earlier, 16, tmp_path / "before.mp4")
    request = image_request(
        loaded_i2v,
        images=ImageConditioning(FrameSource(tmp_path / "before.mp4"), last_image=still(2), fit="fit"),
        num_frames=13,
        segment_frames=9,
        segment_overlap=2,
    )
    record = RemoteBackend(served.url, token=TOKEN).run(
        request, tmp_path / "take.mp4", lambda p: None, CancelToken()
    )
    local = run_shot(loaded_i2v, request)
    assert np.array_equal(read_frames(record.clip), local.frames)
    assert record.metadata["segments"] == local.segments == {"count": 2, "length": 9, "overlap": 2}
    assert record.metadata["frames"] == 13


def test_request_body_carries_the_images(loaded_i2v):
    request = image_request(loaded_i2v, images=ImageConditioning(still(0), still(1), "fit"))
    params = request_body(request)["parameters"]
    assert base64.b64decode(params["image"]) == still(0) and base64.b64decode(params["last_image"]) == still(
        1
    )
    assert params["image_fit"] == "fit" and "segment_frames" not in params
    fields = parse_body(request_body(request), LIMITS, 16)
    assert fields["images"] == request.images
    text = parse_body(request_body(dataclasses.replace(request, images=None)), LIMITS, 16)
    assert text["images"] is None


def body_with(**params) -> dict:
    return {
        "inputs": "a boat",
        "parameters": {"num_frames": 9, "width": 32, "height": 32, "num_inference_steps": 2, **params},
    }


@pytest.mark.parametrize("name", list(bad_images()))
def test_bad_images_are_refused_clearly(name):
    data, phrase = bad_images()[name]
    with pytest.raises(RequestRejected) as info:
        parse_body(body_with(image=base64.b64encode(data).decode()), LIMITS, 16)
    expected = phrase if data else "base64-encoded"  # an empty string is no image at all
    assert '"image"' in str(info.value) and expected in str(info.value)


@pytest.mark.parametrize(
    ("params", "phrase"),
    [
        ({"image": "not base64!!"}, "not valid base64"),
        ({"image": 5}, "base64-encoded"),
        ({"image": "A" * (90 << 10)}, "over 0.0625 MB"),
        ({"last_image": base64.b64encode(still()).decode()}, 'needs an "image"'),
        ({"image": base64.b64encode(still()).decode(), "image_fit": "stretch"}, "image_fit"),
        ({"segment_frames": 1}, "segment_frames"),
        ({"segment_overlap": 10**9}, "segment_overlap"),
        ({"images": "x"}, "Unknown parameter"),
    ],
)
def test_bad_image_parameters_are_refused(params, phrase):
    with pytest.raises(RequestRejected, match=phrase):
        parse_body(body_with(**params), LIMITS, 16)


def test_serve_answers_a_bad_image_with_400_and_reads_large_bodies_bounded(served):
    auth = {"Authorization": f"Bearer {TOKEN}"}
    with httpx2.Client(timeout=60) as client:
        bad = base64.b64encode(bad_images()["CMYK"][0]).decode()
        answer = client.post(served.url, headers=auth, json=body_with(image=bad))
        assert answer.status_code == 400 and "CMYK" in answer.json()["error"]
        huge = client.post(served.url, headers=auth, json=body_with(image="A" * MAX_BODY))
        assert huge.status_code == 413
