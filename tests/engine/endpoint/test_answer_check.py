"""An endpoint's answer: garbage is refused, out-of-range values are named, absent ones are marked."""

from __future__ import annotations

import base64

import pytest

from engine.endpoint.answer_check import check_answer
from engine.endpoint.http_call import EndpointError
from engine.endpoint.protocol import MalformedAnswer, parse_answer
from engine.endpoint.redaction import remember_secret

REQUESTED = {
    "num_frames": 5,
    "width": 32,
    "height": 32,
    "fps": 16,
    "num_inference_steps": 2,
    "guidance_scale": 4.0,
    "seed": 7,
}
VIDEO = base64.b64encode(b"not checked here").decode()


def answer(**changes: object) -> dict:
    doc: dict = {"video": VIDEO, "content_type": "video/mp4", "seed": 7, "parameters": dict(REQUESTED)}
    for name, value in changes.items():
        (doc if name in ("seed", "model_revision", "device", "versions") else doc["parameters"])[name] = value
    return doc


@pytest.mark.parametrize(
    ("name", "value", "said"),
    [
        ("width", "wide", "'wide', not a finite number"),
        ("num_frames", float("nan"), "nan, not a finite number"),
        ("seed", 1.5, '"seed" is 1.5, not a whole number'),
        ("seed", True, '"seed" is True, not a whole number'),
    ],
)
def test_a_value_sent_as_garbage_is_refused_not_replaced_by_the_request(name, value, said):
    with pytest.raises(MalformedAnswer, match="not a") as info:
        parse_answer(answer(**{name: value}), REQUESTED)
    assert said in str(info.value)


def test_absent_values_come_from_the_request_and_are_named():
    doc = answer()
    del doc["parameters"]["num_inference_steps"], doc["seed"], doc["parameters"]["seed"]
    parsed = parse_answer(doc, REQUESTED)
    assert set(parsed.unreported) == {"num_inference_steps", "seed"} and parsed.seed == 7


@pytest.mark.parametrize(
    ("name", "value", "said"),
    [
        ("seed", -1, '"seed": -1'),
        ("seed", 10**45, '"seed": 1000000000000000000000000000000000000000000000'),
        ("num_inference_steps", 10**6, '"num_inference_steps": 1000000'),
        ("width", 100001, '"width": 100001'),
        ("width", 32.5, '"width": 32.5'),
        ("model_revision", 123, '"model_revision": 123'),
        ("versions", {"torch": 2}, '"versions": {"torch": 2}'),
    ],
)
def test_an_out_of_range_value_is_named_with_what_was_sent(name, value, said):
    parsed = parse_answer(answer(**{name: value}), REQUESTED)
    with pytest.raises(EndpointError, match="which a take cannot hold") as info:
        check_answer(parsed, "wan-a")
    assert str(info.value).startswith(f"wan-a sent {said}")


def test_a_sent_value_is_redacted_and_bounded_in_the_message():
    parsed = parse_answer(answer(device=["hf_" + "aB3x" * 10 + "y" * 500]), REQUESTED)
    with pytest.raises(EndpointError) as info:
        check_answer(parsed, "wan-a")
    assert "aB3x" not in str(info.value) and len(str(info.value)) < 500


def test_a_valid_answer_passes():
    check_answer(parse_answer(answer(model_revision="abc", device="cuda"), REQUESTED), "wan-a")


def test_a_token_across_the_cut_is_redacted_whole():
    """Redacted before the value is cut to 80 characters: no half of our token is left."""
    ours = "ours-lowercase-token-5555"
    parsed = parse_answer(answer(model_revision=["x" * 68 + ours]), REQUESTED)
    with pytest.raises(EndpointError) as info:
        check_answer(parsed, "wan-a", [ours])
    assert ours[:6] not in str(info.value)
    with pytest.raises(MalformedAnswer) as garbage:
        remember_secret(ours)
        parse_answer(answer(width="y" * 68 + ours), REQUESTED)
    assert ours[:6] not in str(garbage.value)
