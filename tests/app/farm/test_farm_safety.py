"""`farm start --safety-model`: each replica builds the same gate from the config and refuses with the reason."""

from __future__ import annotations

import dataclasses

import pytest

from engine.generation.request import ModelSpec
from engine.progress import CancelToken
from engine.review.review_config import ModelRef, ReviewConfig
from engine.review.safety_gate import SafetyGate, SafetyRefused
from tests.review_support import tiny_classifier

pytest.importorskip("ray")


@pytest.mark.slow
def test_a_replica_enforces_the_gate_sent_in_the_farm_config(tmp_path, tiny_a14b):
    from app.farm.deployment import Generator

    gate = SafetyGate(
        ReviewConfig(
            safety_model=ModelRef(str(tiny_classifier(tmp_path / "unsafe", flag_everything=True))),
            blocked_words=("gore",),
            sample_frames=3,
        )
    )
    assert SafetyGate.from_dict(gate.to_dict()).config == gate.config
    replica = Generator(dataclasses.asdict(ModelSpec(str(tiny_a14b))), gate.to_dict())
    body = {"num_frames": 5, "width": 32, "height": 32, "num_inference_steps": 1, "seed": 3}
    try:
        with pytest.raises(SafetyRefused, match="blocked words"):
            replica._run({"inputs": "gore", "parameters": body}, CancelToken())
        with pytest.raises(SafetyRefused, match="flagged the take"):
            replica._run({"inputs": "a boat", "parameters": body}, CancelToken())
    finally:
        replica.handler.close()
