"""The endpoint handler: request form, limits, answer; and the package-endpoint folder."""

from __future__ import annotations

import base64
import importlib.util
import json
import sys
from pathlib import Path

import numpy as np
import pytest

from app.cli.main import run_cli
from app.serve.endpoint_package import VENDOR_PACKAGE, vendored_modules
from engine.endpoint.handler import EndpointHandler, model_spec_for, served_model
from engine.endpoint.protocol import parse_answer
from engine.endpoint.request_limits import EndpointLimits, RequestRejected
from engine.generation.request import GenerationRequest, ModelSpec
from engine.generation.wan_run import run_wan
from engine.video.video_io import read_frames

PARAMS = {
    "num_frames": 9,
    "width": 64,
    "height": 48,
    "num_inference_steps": 2,
    "guidance_scale": 4.0,
    "guidance_scale_2": 3.0,
    "fps": 16,
    "seed": 11,
    "negative_prompt": ["blurry", "text"],
}


@pytest.fixture(scope="module")
def handler(tiny_a14b) -> EndpointHandler:
    h = EndpointHandler(
        model=ModelSpec(str(tiny_a14b), device="cpu", dtype="float32"),
        limits=EndpointLimits(
            max_frames=33, max_side=128, max_pixels=128 * 96, max_steps=4, max_prompt_chars=50
        ),
    )
    yield h
    h.close()


def decode_frames(answer: dict, tmp_path: Path) -> np.ndarray:
    path = tmp_path / "answer.mp4"
    path.write_bytes(parse_answer(answer).video)
    return read_frames(path)


@pytest.mark.slow
def test_answer_matches_a_local_take(handler, loaded_a14b, tmp_path):
    answer = handler({"inputs": "a red kite", "parameters": PARAMS})
    assert answer["content_type"] == "video/mp4" and answer["seed"] == 11
    applied = answer["parameters"]
    assert applied["negative_prompt"] == "blurry, text" and applied["num_frames"] == 9
    assert applied["guidance_scale_2"] == 3.0 and answer["device"] == "cpu"
    assert json.loads(json.dumps(answer)) == answer  # plain JSON
    local = run_wan(
        loaded_a14b,
        GenerationRequest(
            prompt="a red kite",
            negative_prompt="blurry, text",
            seed=11,
            num_frames=9,
            width=64,
            height=48,
            fps=16,
            num_inference_steps=2,
            guidance_scale=4.0,
            guidance_scale_2=3.0,
            model=loaded_a14b.spec,
        ),
    )
    assert np.array_equal(decode_frames(answer, tmp_path), local.frames)  # lossless: the very same frames


def test_defaults_snapping_and_a_drawn_seed(handler, tmp_path):
    answer = handler(
        {
            "inputs": "sea",
            "parameters": {
                "num_frames": 6,
                "width": 40,
                "height": 32,
                "num_inference_steps": 1,
                "negative_prompt": "x",
            },
        }
    )
    assert answer["parameters"]["num_frames"] == 5 and answer["parameters"]["width"] == 32
    assert isinstance(answer["seed"], int) and answer["notices"]
    assert decode_frames(answer, tmp_path).shape == (5, 32, 32, 3)


@pytest.mark.parametrize(
    "body, words",
    [
        ({"inputs": "x", "parameters": {**PARAMS, "num_frames": 81}}, "num_frames"),
        ({"inputs": "x", "parameters": {**PARAMS, "width": 640}}, "width"),
        ({"inputs": "x", "parameters": {**PARAMS, "width": 128, "height": 128}}, "pixels"),
        ({"inputs": "x", "parameters": {**PARAMS, "num_inference_steps": 50}}, "num_inference_steps"),
        ({"inputs": "x" * 51, "parameters": PARAMS}, "characters"),
        ({"inputs": "x", "parameters": {**PARAMS, "frames": 9}}, "Unknown parameter"),
        ({"inputs": "x", "parameters": {**PARAMS, "seed": "7"}}, "whole number"),
        ({"inputs": "", "parameters": PARAMS}, "prompt"),
        ({"parameters": PARAMS}, "inputs"),
        ({"inputs": "x", "parameters": {**PARAMS, "negative_prompt": [1]}}, "negative_prompt"),
    ],
)
def test_requests_beyond_limits_are_refused(handler, body, words):
    with pytest.raises(RequestRejected, match=words):
        handler(body)


def test_limits_and_model_from_environment(tmp_path):
    limits = EndpointLimits.from_env({"STORYREEL_MAX_FRAMES": "49", "STORYREEL_MAX_STEPS": "8"})
    assert (limits.max_frames, limits.max_steps, limits.max_side) == (49, 8, 1280)
    (tmp_path / "storyreel-endpoint.json").write_text('{"model": "me/wan", "revision": "abc"}')
    spec = model_spec_for(str(tmp_path), env={})
    assert (spec.source, spec.revision) == ("me/wan", "abc")
    assert model_spec_for(str(tmp_path), env={"STORYREEL_MODEL": "other/m"}).source == "other/m"
    (tmp_path / "model_index.json").write_text("{}")
    assert model_spec_for(str(tmp_path), env={}).source == str(tmp_path)


def test_takes_record_the_served_repo_id_and_revision(tmp_path):
    assert served_model(ModelSpec("Wan-AI/Wan2.2", revision="abc"), {}) == ("Wan-AI/Wan2.2", "abc")
    folder = tmp_path / "repository"  # where Inference Endpoints mounts the model repository
    folder.mkdir()
    spec = ModelSpec(str(folder))
    assert served_model(spec, {}) == ("repository", None)
    env = {"HF_MODEL_ID": "me/storyreel-endpoint", "HF_REVISION": "r1"}
    assert served_model(spec, env) == ("me/storyreel-endpoint", "r1")
    (folder / "storyreel-endpoint.json").write_text('{"model": "me/wan", "revision": "v2"}')
    assert served_model(spec, {}) == ("me/wan", "v2")
    assert served_model(spec, env) == ("me/storyreel-endpoint", "r1")  # the toolkit's own word first
    (folder / "storyreel-endpoint.json").write_text(json.dumps({"model": str(tmp_path), "revision": None}))
    assert served_model(spec, {}) == ("repository", None)  # never a server path


@pytest.mark.slow
def test_package_endpoint_folder_loads_like_the_toolkit(tiny_a14b, tmp_path, capsys, monkeypatch):
    folder = tmp_path / "repo"
    assert run_cli(["package-endpoint", str(folder), "--model", str(tiny_a14b)]) == 0
    names = {p.name for p in folder.iterdir()}
    assert {"handler.py", "requirements.txt", "README.md", "storyreel-endpoint.json", VENDOR_PACKAGE} <= names
    assert "endpoint.handler" in vendored_modules() and "generation.wan_run" in vendored_modules()
    assert "from engine" not in "".join(p.read_text() for p in (folder / VENDOR_PACKAGE).rglob("*.py"))
    assert "diffusers" in (folder / "requirements.txt").read_text()
    assert "hf upload" in (folder / "README.md").read_text()
    assert run_cli(["package-endpoint", str(folder)]) == 2  # not empty, no --force
    # What the Inference Toolkit does: put the folder on sys.path, import handler.py, build it.
    monkeypatch.setenv("STORYREEL_DEVICE", "cpu")
    monkeypatch.setenv("HF_MODEL_ID", "me/storyreel-endpoint")  # as the toolkit sets it
    monkeypatch.setenv("HF_REVISION", "main")
    monkeypatch.syspath_prepend(str(folder))
    spec = importlib.util.spec_from_file_location("handler", folder / "handler.py")
    module = importlib.util.module_from_spec(spec)
    try:
        spec.loader.exec_module(module)
        endpoint = module.EndpointHandler(str(folder))
        answer = endpoint({"inputs": "a red kite", "parameters": {**PARAMS, "num_inference_steps": 1}})
        assert answer["seed"] == 11 and base64.b64decode(answer["video"])[4:8] == b"ftyp"
        assert (answer["model"], answer["model_revision"]) == ("me/storyreel-endpoint", "main")
        endpoint.close()
    finally:
        for name in [n for n in sys.modules if n == VENDOR_PACKAGE or n.startswith(VENDOR_PACKAGE + ".")]:
            del sys.modules[name]
