"""`serve --safety-model`: a blocked prompt and a flagged take are answered 422 with the reason."""

from __future__ import annotations

import httpx2
import pytest

from app.serve.server import ServerThread, build_app
from engine.endpoint.handler import EndpointHandler
from engine.generation.request import ModelSpec
from engine.review.review_config import ModelRef, ReviewConfig
from engine.review.safety_gate import SafetyGate
from tests.review_support import tiny_classifier

PARAMETERS = {"num_frames": 5, "width": 32, "height": 32, "num_inference_steps": 1, "seed": 3}


@pytest.mark.slow
def test_the_server_refuses_blocked_prompts_and_flagged_takes_with_422(tmp_path, tiny_a14b):
    config = ReviewConfig(
        safety_model=ModelRef(str(tiny_classifier(tmp_path / "unsafe", flag_everything=True))),
        blocked_words=("gore",),
        sample_frames=3,
    )
    handler = EndpointHandler(model=ModelSpec(str(tiny_a14b)), safety=SafetyGate(config))
    try:
        with ServerThread(build_app(handler)) as server, httpx2.Client(timeout=120) as client:
            blocked = client.post(server.url, json={"inputs": "some gore", "parameters": PARAMETERS})
            assert blocked.status_code == 422 and "blocked words (gore)" in blocked.json()["error"]
            flagged = client.post(server.url, json={"inputs": "a boat", "parameters": PARAMETERS})
            assert flagged.status_code == 422 and "flagged the take" in flagged.json()["error"]
    finally:
        handler.close()
    handler = EndpointHandler(model=ModelSpec(str(tiny_a14b)))  # without the check the same take is sent
    try:
        with ServerThread(build_app(handler)) as server, httpx2.Client(timeout=120) as client:
            assert (
                client.post(server.url, json={"inputs": "a boat", "parameters": PARAMETERS}).status_code
                == 200
            )
    finally:
        handler.close()
