"""RemoteBackend over real HTTP on loopback, against a fault-injecting server."""

from __future__ import annotations

import asyncio
import base64
import json
import logging
import threading
import time
from pathlib import Path

import numpy as np
import pytest
from remote_support import REQUEST, make_clip
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from app.serve.server import ServerThread
from app.settings.remote_settings import remote_backends
from engine.backends.remote import RemoteBackend
from engine.endpoint.http_call import EndpointDown, EndpointError, EndpointTimeout, check_health
from engine.endpoint.protocol import applied_parameters
from engine.progress import Cancelled, CancelToken
from engine.video.video_io import read_frames

TOKEN = "hf_testSECRETtoken1234"


@pytest.fixture(scope="module")
def clip(tmp_path_factory) -> tuple[bytes, np.ndarray]:
    """A small lossless MP4 and its frames."""
    return make_clip(tmp_path_factory.mktemp("clip"))


def answer(clip_bytes: bytes) -> dict:
    return {
        "video": base64.b64encode(clip_bytes).decode(),
        "content_type": "video/mp4",
        "seed": 7,
        "parameters": applied_parameters(REQUEST),
        "model": "tiny",
        "device": "cuda",
        "dtype": "bfloat16",
        "versions": {"torch": "x"},
    }


class FaultServer:
    """Answers POSTs from a script of faults, then with the clip; records what it received."""

    def __init__(self, clip_bytes: bytes, script: list, require_token: bool = True) -> None:
        self.clip, self.script, self.seen = clip_bytes, list(script), []
        self.require_token = require_token

        async def predict(request: Request):
            self.seen.append({"headers": dict(request.headers), "body": json.loads(await request.body())})
            if self.require_token and request.headers.get("authorization") != f"Bearer {TOKEN}":
                return JSONResponse({"error": "unauthorized"}, 401)
            step = self.script.pop(0) if self.script else "ok"
            if isinstance(step, tuple):  # (status, headers)
                return JSONResponse({"error": "busy"}, step[0], headers=step[1])
            if step == "bad-input":
                return JSONResponse({"error": "num_frames is 999; this endpoint takes 1 to 161 frames."}, 400)
            if step == "slow":
                await asyncio.sleep(1.5)
            if step == "not-json":
                return Response(b"<html>gateway</html>", 200, media_type="text/html")
            if step == "bad-base64":
                return JSONResponse({**answer(self.clip), "video": "%%%not base64"})
            if step == "not-video":
                return JSONResponse({**answer(b"definitely not an mp4 file")})
            if step == "500":
                return JSONResponse({"error": "internal"}, 500)
            if step == "bare":  # another text-to-video handler: the video and its type only
                return JSONResponse(
                    {"video": base64.b64encode(self.clip).decode(), "content_type": "video/mp4"}
                )
            if step == "cast":  # reports the references it ran with, as Storyreel's handler does
                params = self.seen[-1]["body"]["parameters"]
                used = {
                    "reference_images": len(params["reference_images"]),
                    "keyframes": [k["frame"] for k in params["keyframes"]],
                }
                return JSONResponse({**answer(self.clip), "references": used})
            if step == "video-only":
                return JSONResponse({"video": base64.b64encode(self.clip).decode()})
            return JSONResponse(answer(self.clip))

        async def health(request: Request):
            return Response("Ok")

        self.app = Starlette(
            routes=[Route("/", predict, methods=["POST"]), Route("/health", health, methods=["GET"])]
        )


@pytest.fixture
def serve():
    servers = []

    def start(app) -> ServerThread:
        server = ServerThread(app).start()
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()


def run(backend, path: Path, messages: list | None = None, cancel: CancelToken | None = None):
    return backend.run(
        REQUEST, path, lambda p: messages.append(p) if messages is not None else None, cancel or CancelToken()
    )


def test_success_headers_metadata_and_no_token_anywhere(clip, serve, tmp_path, caplog):
    caplog.set_level(logging.DEBUG)
    fault = FaultServer(clip[0], [])
    server = serve(fault.app)
    backend = RemoteBackend(server.url, token=TOKEN)
    record = run(backend, tmp_path / "take.mp4")
    assert np.array_equal(read_frames(record.clip), clip[1])
    headers = fault.seen[0]["headers"]
    assert headers["content-type"] == "application/json" and headers["accept"] == "application/json"
    assert headers["x-scale-up-timeout"] == "600"
    body = fault.seen[0]["body"]
    assert body["inputs"] == "a lighthouse" and body["parameters"]["negative_prompt"] == ["blur"]
    assert body["parameters"]["seed"] == 7 and body["parameters"]["guidance_scale_2"] == 3.0
    meta = record.metadata
    assert meta["backend"] == server.url and meta["device"] == "cuda" and meta["frames"] == 5
    assert "settings_not_reported" not in meta
    sidecar = (tmp_path / "take.json").read_text(encoding="utf-8")
    assert json.loads(sidecar) == meta
    for text in (sidecar, repr(backend), caplog.text, json.dumps(meta)):
        assert TOKEN not in text


@pytest.mark.parametrize("step", ["bare", "video-only"])
def test_an_answer_with_only_the_video_is_a_take_with_settings_marked_as_assumed(clip, serve, tmp_path, step):
    """Settings the answer leaves out come from the request (seed, steps) or the clip (length, size)."""
    import dataclasses

    fault = FaultServer(clip[0], [step])
    request = dataclasses.replace(REQUEST, num_frames=9, seed=123)  # the clip holds 5 frames
    record = RemoteBackend(serve(fault.app).url, token=TOKEN).run(
        request, tmp_path / "t.mp4", lambda p: None, CancelToken()
    )
    assert np.array_equal(read_frames(record.clip), clip[1])
    meta = record.metadata
    assert (meta["seed"], meta["steps"], meta["guidance_scale"], meta["guidance_scale_2"]) == (
        123,
        2,
        4.0,
        3.0,
    )
    assert (meta["frames"], meta["width"], meta["height"], meta["fps"]) == (5, 32, 32, 16)
    assert meta["negative_prompt"] == "blur"
    assert meta["settings_not_reported"] == {
        "num_frames": "clip",
        "width": "clip",
        "height": "clip",
        "fps": "clip",
        "num_inference_steps": "request",
        "guidance_scale": "request",
        "seed": "request",
        "negative_prompt": "request",
        "guidance_scale_2": "request",
    }
    assert json.loads((tmp_path / "t.json").read_text(encoding="utf-8")) == meta


def test_503_is_waited_out_as_starting_then_succeeds(clip, serve, tmp_path):
    fault = FaultServer(clip[0], [(503, {"Retry-After": "0"}), (503, {"Retry-After": "0"})])
    server = serve(fault.app)
    messages = []
    run(RemoteBackend(server.url, token=TOKEN), tmp_path / "t.mp4", messages)
    assert len(fault.seen) == 3
    assert any(m.stage == "loading" and "starting" in m.message for m in messages)
    assert any("Generating remotely" in m.message for m in messages)


def test_429_honours_retry_after(clip, serve, tmp_path):
    fault = FaultServer(clip[0], [(429, {"Retry-After": "1"})])
    server = serve(fault.app)
    messages = []
    started = time.monotonic()
    run(RemoteBackend(server.url, token=TOKEN), tmp_path / "t.mp4", messages)
    assert time.monotonic() - started >= 0.95
    assert len(fault.seen) == 2 and any("Rate limited" in m.message for m in messages)


def test_401_stops_at_once_with_a_token_message(clip, serve, tmp_path):
    fault = FaultServer(clip[0], [])
    server = serve(fault.app)
    with pytest.raises(EndpointDown) as info:
        run(RemoteBackend(server.url, token="hf_wrong_token_000"), tmp_path / "t.mp4")
    assert "token" in str(info.value) and "token" in info.value.hint.lower()
    assert len(fault.seen) == 1 and not list(tmp_path.iterdir())


def test_400_shows_the_servers_error(clip, serve, tmp_path):
    fault = FaultServer(clip[0], ["bad-input"])
    server = serve(fault.app)
    with pytest.raises(EndpointError, match="num_frames is 999") as info:
        run(RemoteBackend(server.url, token=TOKEN), tmp_path / "t.mp4")
    assert info.value.status == 400 and len(fault.seen) == 1


def test_timeout_is_reported_and_not_resent(clip, serve, tmp_path):
    fault = FaultServer(clip[0], ["slow"])
    server = serve(fault.app)
    started = time.monotonic()
    with pytest.raises(EndpointTimeout, match="not sent again"):
        run(RemoteBackend(server.url, token=TOKEN, timeout=0.5), tmp_path / "t.mp4")
    assert time.monotonic() - started < 2.0
    assert len(fault.seen) == 1 and not list(tmp_path.iterdir())


def test_500_is_not_retried(clip, serve, tmp_path):
    fault = FaultServer(clip[0], ["500"])
    server = serve(fault.app)
    with pytest.raises(EndpointError, match="HTTP 500"):
        run(RemoteBackend(server.url, token=TOKEN), tmp_path / "t.mp4")
    assert len(fault.seen) == 1


@pytest.mark.parametrize(
    "fault_name, text", [("not-json", "not JSON"), ("bad-base64", "base64"), ("not-video", "cannot be read")]
)
def test_broken_answers_are_clear_errors_and_leave_no_file(clip, serve, tmp_path, fault_name, text):
    fault = FaultServer(clip[0], [fault_name])
    server = serve(fault.app)
    with pytest.raises(EndpointError, match=text):
        run(RemoteBackend(server.url, token=TOKEN), tmp_path / "t.mp4")
    assert not list(tmp_path.iterdir())


def test_cancel_aborts_a_running_request_promptly(clip, serve, tmp_path):
    fault = FaultServer(clip[0], ["slow"])
    server = serve(fault.app)
    cancel = CancelToken()
    threading.Timer(0.3, cancel.cancel).start()
    started = time.monotonic()
    with pytest.raises(Cancelled):
        run(RemoteBackend(server.url, token=TOKEN), tmp_path / "t.mp4", cancel=cancel)
    assert time.monotonic() - started < 1.0 and not list(tmp_path.iterdir())
    assert len(fault.seen) == 1


def test_cancel_while_waiting_for_a_starting_endpoint(clip, serve, tmp_path):
    fault = FaultServer(clip[0], [(503, {"Retry-After": "30"})])
    server = serve(fault.app)
    cancel = CancelToken()
    started = time.monotonic()

    def on_progress(p):
        if p.stage == "loading":
            cancel.cancel()

    with pytest.raises(Cancelled):
        RemoteBackend(server.url, token=TOKEN).run(REQUEST, tmp_path / "t.mp4", on_progress, cancel)
    assert time.monotonic() - started < 2.0


def test_unreachable_endpoint_fails_with_a_message(tmp_path, monkeypatch):
    monkeypatch.setattr("engine.endpoint.http_call.BACKOFF_START", 0.05)
    server = ServerThread(Starlette()).start()
    url = server.url
    server.stop()  # the port is closed now
    with pytest.raises(EndpointDown, match="Cannot reach"):
        run(RemoteBackend(url, token=TOKEN), tmp_path / "t.mp4")


def test_a_down_endpoint_hands_its_jobs_to_a_healthy_one(clip, serve, tmp_path):
    refusing = FaultServer(clip[0], [])
    refusing.require_token = True
    healthy = FaultServer(clip[0], [], require_token=False)
    bad_url, good_url = serve(refusing.app).url, serve(healthy.app).url
    first, second = remote_backends([bad_url, good_url], token="hf_only_the_second_accepts")
    record = run(first, tmp_path / "a.mp4")
    assert record.metadata["backend"] == good_url  # the endpoint that really made it
    record = run(first, tmp_path / "b.mp4")  # down now: goes straight to the healthy one
    assert len(refusing.seen) == 1 and len(healthy.seen) == 2


def test_token_over_plain_http_to_a_public_host_is_refused():
    with pytest.raises(ValueError, match="https"):
        RemoteBackend("http://example.com/", token=TOKEN).preflight(REQUEST.model)
    RemoteBackend("https://x.endpoints.huggingface.cloud/", token=TOKEN).preflight(REQUEST.model)
    with pytest.raises(ValueError, match="not in the endpoint URL"):
        RemoteBackend("https://user:pw@example.com/")


def test_health_check_reports_latency(clip, serve):
    server = serve(FaultServer(clip[0], []).app)
    health = check_health(server.url)
    assert health.ok and health.status == 200 and 0 < health.latency < 5
    assert not check_health("http://127.0.0.1:9/", timeout=1).ok


def test_a_503_goes_to_another_endpoint_of_the_group_at_once(clip, serve, tmp_path):
    """A server shutting down (or starting) answers 503; with a healthy peer the job goes there."""
    draining = FaultServer(clip[0], [(503, {"Retry-After": "10"})] * 5, require_token=False)
    healthy = FaultServer(clip[0], [], require_token=False)
    first, second = remote_backends([serve(draining.app).url, serve(healthy.app).url], token=TOKEN)
    started = time.monotonic()
    record = run(first, tmp_path / "a.mp4")
    assert time.monotonic() - started < 5  # not the 10 s the draining server asked for
    assert record.metadata["backend"] == second.endpoint
    assert len(draining.seen) == 1 and len(healthy.seen) == 1


def test_a_503_without_a_peer_is_sent_again_to_the_same_url(clip, serve, tmp_path):
    """Alone, the URL is asked again after Retry-After: its router sends it to another replica."""
    fault = FaultServer(clip[0], [(503, {"Retry-After": "0"})], require_token=False)
    (only,) = remote_backends([serve(fault.app).url], token=TOKEN)
    record = run(only, tmp_path / "a.mp4")
    assert len(fault.seen) == 2 and record.metadata["frames"] == 5


def test_a_take_with_references_is_kept_only_when_the_endpoint_reports_using_them(clip, serve, tmp_path):
    import dataclasses

    from engine.generation.request import Keyframe, ReferenceConditioning

    fault = FaultServer(clip[0], ["ok", "cast"])
    backend = RemoteBackend(serve(fault.app).url, token=TOKEN)
    refs = ReferenceConditioning((b"\x89PNG one", b"\x89PNG two"), (Keyframe(0, b"\x89PNG key"),))
    request = dataclasses.replace(REQUEST, references=refs)
    with pytest.raises(EndpointError, match="without reporting the shot's cast references") as info:
        backend.run(request, tmp_path / "t.mp4", lambda p: None, CancelToken())
    assert "Storyreel's handler" in info.value.hint and not list(tmp_path.iterdir())
    sent = fault.seen[0]["body"]["parameters"]
    assert [base64.b64decode(v) for v in sent["reference_images"]] == list(refs.reference_images)
    assert sent["keyframes"] == [{"frame": 0, "image": base64.b64encode(b"\x89PNG key").decode()}]
    record = backend.run(request, tmp_path / "t.mp4", lambda p: None, CancelToken())
    assert np.array_equal(read_frames(record.clip), clip[1])
