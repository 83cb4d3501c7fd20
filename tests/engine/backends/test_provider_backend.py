"""ProviderBackend through the real InferenceClient, against a loopback stand-in for the Hub and fal-ai.

Nothing in huggingface_hub is replaced: its shared HTTP client gets a transport that sends the hosts
it calls (huggingface.co for the model's provider mapping, router.huggingface.co for fal's queue,
v3.fal.media for the video) to one loopback server, which answers as those hosts do, and refuses
every other host. The URLs, headers, queue polling and downloads are the client's own.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from pathlib import Path

import httpx2
import numpy as np
import pytest
from huggingface_hub import constants, set_client_factory
from huggingface_hub.inference._providers._common import _fetch_inference_provider_mapping
from huggingface_hub.utils import _http
from remote_support import REQUEST, make_clip
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from app.serve.server import ServerThread
from engine.backends.provider import ProviderBackend, ProviderError, ProviderTimeout, provider_extras
from engine.generation.model_source import ModelError
from engine.generation.request import GenerationRequest
from engine.progress import Cancelled, CancelToken
from engine.video.video_io import read_frames

TOKEN = "hf_testSECRETtoken1234"
MODEL = "Wan-AI/Wan2.2-T2V-A14B"
FAL_APP = "fal-ai/wan/v2.2-a14b/text-to-video"  # the model's id on fal's side
HOSTS = ("huggingface.co", "router.huggingface.co", "v3.fal.media")
VIDEO_URL = "https://v3.fal.media/files/lion/abc123_output.mp4"


@pytest.fixture(scope="module")
def clip(tmp_path_factory) -> tuple[bytes, np.ndarray]:
    """A small lossless MP4 and its frames."""
    return make_clip(tmp_path_factory.mktemp("clip"))


class FalStandIn:
    """The Hub's model API, the router's fal-ai queue and fal's media host, with scripted faults.

    fault: None (works), "401", "402", "429", "echo", "submit-400", "result-422", "broken-video", "video-404" or "hang"
    (the job never completes). Every request is recorded as (host, method, path, query, headers, body).
    """

    def __init__(self, clip_bytes: bytes, fault: str | None = None) -> None:
        self.clip, self.fault, self.seen = clip_bytes, fault, []

        async def handle(request: Request):
            host, path = request.url.hostname, request.url.path
            body = await request.body()
            self.seen.append(
                {
                    "host": host,
                    "method": request.method,
                    "path": path,
                    "query": dict(request.query_params),
                    "headers": dict(request.headers),
                    "body": json.loads(body) if body else None,
                }
            )
            if host == "huggingface.co" and path == f"/api/models/{MODEL}":
                return JSONResponse(
                    {
                        "_id": "1",
                        "id": MODEL,
                        "inferenceProviderMapping": {
                            "fal-ai": {"status": "live", "providerId": FAL_APP, "task": "text-to-video"}
                        },
                    }
                )
            if host == "v3.fal.media":
                if self.fault == "video-404":
                    return Response("Not Found", 404, media_type="text/plain")
                data = b"\x00\x00\x00 ftypisom broken" if self.fault == "broken-video" else self.clip
                return Response(data, media_type="video/mp4")
            if host != "router.huggingface.co" or request.query_params.get("_subdomain") != "queue":
                return JSONResponse({"error": "no such route"}, 404)
            if request.headers.get("authorization") != f"Bearer {TOKEN}" or self.fault == "401":
                return JSONResponse({"error": "Invalid credentials in Authorization header"}, 401)
            request_id = "req-1"
            queue_url = f"https://queue.fal.run/fal-ai/wan/requests/{request_id}"
            if request.method == "POST" and path == f"/fal-ai/{FAL_APP}":
                if self.fault in ("402", "429"):
                    return JSONResponse(
                        {"error": "You have exceeded your monthly included credits"}, int(self.fault)
                    )
                if self.fault == "echo":  # a proxy that repeats what it was sent
                    said = request.headers.get("authorization")
                    return JSONResponse({"error": f"bad request with Authorization: {said}"}, 400)
                if self.fault == "submit-400":
                    return JSONResponse(
                        {"error": "Prompt exceeds the maximum length of 1000 characters"}, 400
                    )
                return JSONResponse(
                    {
                        "request_id": request_id,
                        "status": "IN_QUEUE",
                        "queue_position": 0,
                        "response_url": queue_url,
                        "status_url": f"{queue_url}/status",
                        "cancel_url": f"{queue_url}/cancel",
                    }
                )
            # The client builds these from response_url's path, behind the router's /fal-ai prefix.
            if path == f"/fal-ai/fal-ai/wan/requests/{request_id}/status":
                polls = sum(1 for s in self.seen if s["path"].endswith("/status"))
                done = self.fault != "hang" and polls >= 2
                return JSONResponse({"status": "COMPLETED" if done else "IN_PROGRESS"})
            if path == f"/fal-ai/fal-ai/wan/requests/{request_id}":
                if self.fault == "result-422":
                    return JSONResponse(
                        {
                            "detail": [
                                {
                                    "loc": ["body", "num_frames"],
                                    "type": "value_error",
                                    "msg": "Input should be greater than or equal to 17",
                                }
                            ]
                        },
                        422,
                    )
                return JSONResponse({"video": {"url": VIDEO_URL, "content_type": "video/mp4"}, "seed": 7})
            return JSONResponse({"error": "no such route"}, 404)

        self.app = Starlette(routes=[Route("/{path:path}", handle, methods=["GET", "POST"])])

    def calls(self, host: str) -> list[dict]:
        return [s for s in self.seen if s["host"] == host]


class LoopbackTransport(httpx2.BaseTransport):
    """Sends the stand-in's hosts to the loopback server (plain HTTP); any other host is unreachable."""

    def __init__(self, port: int) -> None:
        self.port, self.inner = port, httpx2.HTTPTransport()

    def handle_request(self, request: httpx2.Request) -> httpx2.Response:
        if request.url.host not in HOSTS:
            raise httpx2.ConnectError(f"no network in tests ({request.url.host})", request=request)
        # A copy: the client keeps the original request (and URL) on the response, as with real hosts.
        local = httpx2.Request(
            request.method,
            request.url.copy_with(scheme="http", host="127.0.0.1", port=self.port),
            headers=request.headers,
            stream=request.stream,
        )  # Host: the original host
        return self.inner.handle_request(local)

    def close(self) -> None:
        self.inner.close()


@pytest.fixture
def provider(clip, monkeypatch):
    """start(fault) -> the stand-in, with huggingface_hub's shared client routed to it."""
    monkeypatch.setattr(constants, "HF_HUB_OFFLINE", False)  # conftest sets offline mode
    previous = _http._GLOBAL_CLIENT_FACTORY
    _fetch_inference_provider_mapping.cache_clear()
    servers = []

    def start(fault: str | None = None) -> FalStandIn:
        stand_in = FalStandIn(clip[0], fault)
        server = ServerThread(stand_in.app).start()
        servers.append(server)
        set_client_factory(
            lambda: httpx2.Client(
                event_hooks={"request": [_http.hf_request_event_hook]},
                follow_redirects=True,
                timeout=None,
                transport=LoopbackTransport(server.port),
            )
        )
        return stand_in

    yield start
    set_client_factory(previous)  # closes the test client
    _fetch_inference_provider_mapping.cache_clear()
    for server in servers:
        server.stop()


def run(backend, path: Path, messages: list | None = None, cancel: CancelToken | None = None):
    return backend.run(
        REQUEST, path, lambda p: messages.append(p) if messages is not None else None, cancel or CancelToken()
    )


def wait_for_workers_to_end(limit: float = 3.0) -> bool:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if not any(t.name.startswith("storyreel-provider-") for t in threading.enumerate()):
            return True
        time.sleep(0.05)
    return False


def test_success_writes_a_playable_clip_and_sidecar_without_the_token(clip, provider, tmp_path, caplog):
    caplog.set_level(logging.DEBUG)
    stand_in = provider()
    backend = ProviderBackend(token=TOKEN)
    messages: list = []
    record = run(backend, tmp_path / "take.mp4", messages)

    assert np.array_equal(read_frames(record.clip), clip[1])
    assert (tmp_path / "take.mp4").read_bytes() == clip[0]  # as it came, no re-encode
    meta = record.metadata
    assert meta["backend"] == "provider:fal-ai" and meta["model"] == MODEL and meta["seed"] == 7
    assert (meta["frames"], meta["width"], meta["height"], meta["fps"]) == (5, 32, 32, 16)
    assert meta["steps"] == 2 and meta["guidance_scale"] == 4.0
    sidecar = (tmp_path / "take.json").read_text(encoding="utf-8")
    assert json.loads(sidecar) == meta
    assert any(m.stage == "generating" and m.message.startswith("Generating on fal-ai (") for m in messages)

    # What the real client sent: the provider mapping from the Hub, then fal's queue via the router.
    submit = next(s for s in stand_in.calls("router.huggingface.co") if s["method"] == "POST")
    assert submit["path"] == f"/fal-ai/{FAL_APP}"
    assert submit["body"] == {
        "prompt": "a lighthouse",
        "negative_prompt": "blur",
        "num_frames": 5,
        "num_inference_steps": 2,
        "guidance_scale": 4.0,
        "seed": 7,
        **provider_extras("fal-ai", REQUEST),
    }
    assert all(
        s["headers"]["authorization"] == f"Bearer {TOKEN}" for s in stand_in.calls("router.huggingface.co")
    )
    assert len([s for s in stand_in.seen if s["path"].endswith("/status")]) == 2
    [download] = stand_in.calls("v3.fal.media")
    assert "authorization" not in download["headers"]  # the token never goes to the media host
    assert stand_in.calls("huggingface.co")[0]["query"]["expand"] == "inferenceProviderMapping"
    texts = [sidecar, repr(backend), caplog.text, *(m.message for m in messages)]
    assert not any(TOKEN in text for text in texts)
    assert wait_for_workers_to_end()


def test_401_is_a_token_message(provider, tmp_path):
    stand_in = provider("401")
    with pytest.raises(ProviderError, match="refused the token") as info:
        run(ProviderBackend(token=TOKEN), tmp_path / "t.mp4")
    assert info.value.status == 401 and "hf auth login" in info.value.hint
    assert "Invalid credentials" in str(info.value) and TOKEN not in str(info.value)
    assert len(stand_in.calls("router.huggingface.co")) == 1 and not list(tmp_path.iterdir())


@pytest.mark.parametrize(
    "fault, text, status",
    [
        ("submit-400", "Prompt exceeds the maximum length of 1000 characters", 400),
        ("result-422", "num_frames: Input should be greater than or equal to 17", 422),
        ("video-404", r"failed \(HTTP 404 from v3.fal.media\): Not Found", 404),
    ],
)
def test_provider_errors_show_the_servers_text(provider, tmp_path, fault, text, status):
    provider(fault)
    with pytest.raises(ProviderError, match=text) as info:
        run(ProviderBackend(token=TOKEN), tmp_path / "t.mp4")
    assert info.value.status == status and not list(tmp_path.iterdir())


def test_a_token_the_provider_echoes_is_redacted(provider, tmp_path, caplog):
    provider("echo")
    with pytest.raises(ProviderError, match=r"Authorization: Bearer \[redacted\]") as info:
        run(ProviderBackend(token=TOKEN), tmp_path / "t.mp4")
    assert TOKEN not in str(info.value) and TOKEN not in caplog.text


@pytest.mark.parametrize("fault, text", [("402", "No credits left"), ("429", "rate limiting")])
def test_quota_and_rate_limits_are_named(provider, tmp_path, fault, text):
    provider(fault)
    with pytest.raises(ProviderError, match=text) as info:
        run(ProviderBackend(token=TOKEN), tmp_path / "t.mp4")
    assert "exceeded your monthly included credits" in str(info.value) and not list(tmp_path.iterdir())


def test_a_different_clip_than_asked_is_recorded_as_made(provider, tmp_path):
    import dataclasses

    provider()
    messages: list = []
    asked = dataclasses.replace(REQUEST, width=48, num_frames=9)
    record = ProviderBackend(token=TOKEN).run(asked, tmp_path / "t.mp4", messages.append, CancelToken())
    assert (record.metadata["width"], record.metadata["frames"]) == (32, 5)  # what the file holds
    assert any(
        "made 32×32, 5 frames" in m.message and "asked for 48×32, 9 frames" in m.message for m in messages
    )


def test_a_broken_video_is_a_clear_error_and_leaves_no_file(provider, tmp_path):
    provider("broken-video")
    with pytest.raises(ProviderError, match="fal-ai answered with a video that cannot be read"):
        run(ProviderBackend(token=TOKEN), tmp_path / "t.mp4")
    assert not list(tmp_path.iterdir())


def test_cancel_while_waiting_stops_promptly_writes_nothing_and_stops_polling(provider, tmp_path):
    stand_in = provider("hang")
    cancel = CancelToken()
    threading.Timer(0.8, cancel.cancel).start()
    started = time.monotonic()
    with pytest.raises(Cancelled):
        run(ProviderBackend(token=TOKEN), tmp_path / "t.mp4", cancel=cancel)
    assert time.monotonic() - started < 1.3 and not list(tmp_path.iterdir())
    assert wait_for_workers_to_end()  # the worker's next poll is refused, so it ends
    polls = len(stand_in.seen)
    time.sleep(0.7)
    assert len(stand_in.seen) == polls


def test_timeout_stops_waiting(provider, tmp_path):
    provider("hang")
    started = time.monotonic()
    with pytest.raises(ProviderTimeout, match="did not finish within"):
        run(ProviderBackend(token=TOKEN, timeout=0.6), tmp_path / "t.mp4")
    assert time.monotonic() - started < 1.5 and not list(tmp_path.iterdir())
    assert wait_for_workers_to_end()


def test_no_token_asks_to_log_in(provider, tmp_path, monkeypatch):
    stand_in = provider()
    monkeypatch.setattr("engine.backends.provider.find_token", lambda: (None, ""))
    backend = ProviderBackend()
    with pytest.raises(ModelError, match="hf auth login"):
        backend.preflight(REQUEST.model)
    with pytest.raises(ProviderError, match="needs a Hugging Face token") as info:
        run(backend, tmp_path / "t.mp4")
    assert "hf auth login" in info.value.hint and not stand_in.seen
    ProviderBackend(token=TOKEN).preflight(REQUEST.model)  # a token: fine, nothing sent
    with pytest.raises(ModelError, match="cannot generate videos"):
        ProviderBackend("cerebras", token=TOKEN).preflight(REQUEST.model)
    assert not stand_in.seen


def test_fal_extras_pick_the_nearest_preset():
    wide = GenerationRequest(
        prompt="x",
        negative_prompt="",
        seed=1,
        num_frames=81,
        width=1280,
        height=720,
        fps=16,
        num_inference_steps=40,
        guidance_scale=4.0,
        guidance_scale_2=None,
    )
    assert provider_extras("fal-ai", wide) == {
        "frames_per_second": 16,
        "resolution": "720p",
        "aspect_ratio": "16:9",
    }
    tall = GenerationRequest(
        prompt="x",
        negative_prompt="",
        seed=1,
        num_frames=81,
        width=480,
        height=832,
        fps=16,
        num_inference_steps=40,
        guidance_scale=4.0,
        guidance_scale_2=3.0,
    )
    assert provider_extras("fal-ai", tall)["aspect_ratio"] == "9:16"
    assert provider_extras("fal-ai", tall)["resolution"] == "480p"
    assert provider_extras("replicate", tall) == {}


def test_render_backend_provider_end_to_end(provider, tmp_path, monkeypatch, capsys):
    from app.cli.main import run_cli
    from app.project.reel_file import load_project

    stand_in = provider()
    monkeypatch.setattr("engine.endpoint.hub_token._keyring_token", lambda: None)
    monkeypatch.setenv("HF_TOKEN", TOKEN)
    shots = tmp_path / "shots.csv"
    shots.write_text("prompt,seed\nA red kite,1\nA blue boat,2\n", encoding="utf-8")
    path = tmp_path / "film.reel"
    assert (
        run_cli(
            [
                "new",
                str(path),
                "--shots",
                str(shots),
                "--width",
                "32",
                "--height",
                "32",
                "--frames",
                "5",
                "--fps",
                "16",
                "--steps",
                "2",
            ]
        )
        == 0
    )
    capsys.readouterr()
    assert (
        run_cli(
            [
                "render",
                str(path),
                "-o",
                str(tmp_path / "film.mp4"),
                "--backend",
                "provider",
                "--provider",
                "fal-ai",
                "--provider-model",
                MODEL,
                "--json",
            ]
        )
        == 0
    )
    project = load_project(path)
    assert {s.active.backend for s in project.shots} == {"provider:fal-ai"}
    assert len(read_frames(tmp_path / "film.mp4")) == 10
    assert [s["body"]["seed"] for s in stand_in.seen if s["method"] == "POST"] == [1, 2]
    for file in [path, *tmp_path.rglob("*.json")]:
        assert TOKEN not in file.read_text(encoding="utf-8")
    assert "provider:fal-ai" not in capsys.readouterr().err


@pytest.mark.parametrize(
    "argv, error",
    [
        (["--provider", "fal-ai", "--backend", "remote"], "need --backend provider"),
        (["--backend", "provider", "--endpoint", "https://x.example"], "--endpoint needs --backend remote"),
        (["--backend", "provider", "--remote-timeout", "0"], "must be positive"),
    ],
)
def test_provider_flags_are_checked(argv, error):
    import argparse

    from app.cli.backend_flags import add_remote_options, backends_from_args

    parser = argparse.ArgumentParser()
    add_remote_options(parser)
    with pytest.raises(ValueError, match=error):
        backends_from_args(parser.parse_args(argv))
    [backend] = backends_from_args(parser.parse_args(["--provider-model", "Wan-AI/Wan2.2-TI2V-5B"]))
    assert isinstance(backend, ProviderBackend) and backend.provider == "fal-ai"
    assert backend.model == "Wan-AI/Wan2.2-TI2V-5B"


def test_references_are_refused_before_anything_is_sent(provider, tmp_path):
    import dataclasses

    from engine.generation.request import Keyframe, ReferenceConditioning

    stand_in = provider()
    cast = ReferenceConditioning((b"png",), (Keyframe(0, b"png"),))
    with pytest.raises(ProviderError, match="text only; this shot names cast members") as info:
        ProviderBackend(token=TOKEN).run(
            dataclasses.replace(REQUEST, references=cast), tmp_path / "t.mp4", lambda p: None, CancelToken()
        )
    assert "reference model" in info.value.hint
    assert not stand_in.seen and not list(tmp_path.iterdir())


def test_given_frames_are_refused_before_anything_is_sent(provider, tmp_path):
    """A control clip, a repaint or an extension would be made from the prompt alone: never quietly."""
    import dataclasses

    from engine.generation.request import ControlConditioning

    stand_in = provider()
    for control in (ControlConditioning("control", (b"png",)), ControlConditioning("known", (b"png",))):
        with pytest.raises(ProviderError, match="follows a control clip, or repaints or extends") as info:
            ProviderBackend(token=TOKEN).run(
                dataclasses.replace(REQUEST, control=control),
                tmp_path / "t.mp4",
                lambda p: None,
                CancelToken(),
            )
        assert "reference model" in info.value.hint
    assert not stand_in.seen and not list(tmp_path.iterdir())


def test_a_provider_take_is_scored_once_written_when_the_backend_has_a_hook(provider, tmp_path):
    from engine.backends.review_hook import review_hook
    from engine.review.review_config import ReviewConfig

    provider()
    backend = ProviderBackend(token=TOKEN)
    backend.after_take = review_hook(ReviewConfig(enabled=frozenset({"motion", "flicker"})))
    record = run(backend, tmp_path / "take.mp4")
    assert record.metadata["scores"]["flicker"]["status"] == "ok"
    assert record.metadata["safety"] == {"verdict": "off"}
    sidecar = json.loads((tmp_path / "take.json").read_text(encoding="utf-8"))
    assert sidecar["scores"] == record.metadata["scores"]
    assert wait_for_workers_to_end()
