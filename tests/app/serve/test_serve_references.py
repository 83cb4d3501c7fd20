"""References and keyframes through `serve` over real HTTP: what arrives, and hostile bodies refused with 400/413."""

from __future__ import annotations

import base64

import httpx2
import pytest
from image_support import still

from app.serve.request_rules import MAX_BODY
from app.serve.server import ServerThread, build_app
from engine.endpoint.protocol import parse_body
from engine.endpoint.request_limits import EndpointLimits

TOKEN = "t0k-references"
SECRET = "hf_SecretToken1234567890abcdef"


def summary_handler(data: dict, cancel=None) -> dict:
    """The real request check, then what arrived (bytes as their lengths)."""
    references = parse_body(data, EndpointLimits(), 16)["references"]
    if references is None:
        return {"references": None}
    return {
        "reference_images": [len(b) for b in references.reference_images],
        "keyframes": [[k.frame, len(k.image)] for k in references.keyframes],
        "fit": references.fit,
    }


@pytest.fixture(scope="module")
def checking():
    server = ServerThread(build_app(summary_handler, TOKEN)).start()
    yield server
    server.stop()


def post(server: ServerThread, **params) -> httpx2.Response:
    body = {
        "inputs": "@Mei pours tea",
        "parameters": {"num_frames": 9, "width": 32, "height": 32, "num_inference_steps": 2, **params},
    }
    with httpx2.Client(timeout=60) as client:
        return client.post(server.url, headers={"Authorization": f"Bearer {TOKEN}"}, json=body)


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def test_sixteen_references_and_keyframes_arrive_in_order(checking):
    refs = [still(i) for i in range(16)]
    answer = post(
        checking,
        reference_images=[b64(r) for r in refs],
        keyframes=[{"frame": 8, "image": b64(still(20))}, {"frame": 0, "image": b64(still(21))}],
        keyframe_fit="fit",
    )
    assert answer.status_code == 200, answer.text
    assert answer.json() == {
        "reference_images": [len(r) for r in refs],
        "keyframes": [[0, len(still(21))], [8, len(still(20))]],
        "fit": "fit",
    }


@pytest.mark.parametrize(
    ("params", "phrase"),
    [
        ({"reference_images": ["x"] * 17}, "at most 16 reference images"),
        ({"keyframes": [{"frame": 9, "image": "x"}]}, '"keyframes[0].frame" is 9'),
        ({"keyframes": [{"frame": SECRET, "image": "x"}]}, "[redacted]"),
        ({"reference_images": [b64(b"not a picture at all")]}, '"reference_images[0]": not an image'),
    ],
)
def test_serve_answers_hostile_references_with_400_naming_the_field(checking, params, phrase):
    answer = post(checking, **params)
    assert answer.status_code == 400 and phrase in answer.json()["error"]
    assert SECRET not in answer.text


def test_a_body_over_the_request_s_image_cap_is_refused_with_413_before_it_is_read(checking):
    # 11 MB strings, each under the per-image cap, as many as make more than a body may hold (the cap
    # also leaves room for control frames) and no more than the 16 references a request may name.
    count = MAX_BODY // (11 << 20) + 1
    assert count <= 16
    answer = post(checking, reference_images=["A" * (11 << 20)] * count)
    assert answer.status_code == 413
