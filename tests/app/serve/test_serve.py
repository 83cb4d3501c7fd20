"""`main.py serve`: the Inference Toolkit's routes, content types, auth, queueing and errors over HTTP."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx2
import pytest

from app.cli.main import run_cli
from app.serve.server import ServerThread, build_app
from engine.backends.remote import RemoteBackend
from engine.generation.request import GenerationRequest, ModelSpec
from engine.progress import CancelToken

ROOT = Path(__file__).resolve().parents[3]
JSON = {"Content-Type": "application/json"}


class FakeHandler:
    """Echoes its input after a delay; records overlap and cancels."""

    def __init__(self, delay: float = 0.0) -> None:
        self.delay, self.active, self.most, self.cancelled = delay, 0, 0, 0
        self.lock = threading.Lock()

    def __call__(self, data: dict, cancel: CancelToken | None = None) -> dict:
        if data["inputs"] == "boom":
            raise ValueError("the handler refused this")
        with self.lock:
            self.active += 1
            self.most = max(self.most, self.active)
        try:
            end = time.monotonic() + self.delay
            while time.monotonic() < end:
                if cancel is not None and cancel.cancelled:
                    self.cancelled += 1
                    cancel.check()
                time.sleep(0.01)
            return {"echo": data}
        finally:
            with self.lock:
                self.active -= 1


@pytest.fixture
def server():
    servers = []

    def start(handler, token=None) -> ServerThread:
        s = ServerThread(build_app(handler, token)).start()
        servers.append(s)
        return s

    yield start
    for s in servers:
        s.stop()


def test_routes_and_content_type_rules(server):
    url = server(FakeHandler()).url
    with httpx2.Client(base_url=url, timeout=10) as c:
        for path in ("/", "/health"):
            r = c.get(path)
            assert (r.status_code, r.text) == (200, "Ok")
        for path in ("/", "/predict"):
            r = c.post(path, json={"inputs": "hi", "parameters": {"seed": 1}})
            assert r.status_code == 200 and r.json() == {"echo": {"inputs": "hi", "parameters": {"seed": 1}}}
            assert r.headers["content-type"] == "application/json"
        body = b'{"inputs": "hi"}'
        ok = c.post(
            "/", content=body, headers={"Content-Type": "application/json; charset=UTF-8", "Accept": "*/*"}
        )
        assert ok.status_code == 200
        for kind in ("text/plain", "image/png", "audio/wav"):
            r = c.post("/", content=body, headers={"Content-Type": kind})
            assert r.status_code == 400 and "error" in r.json()
        r = c.post("/", content=body)  # no content type at all
        assert r.status_code == 400 and "content type" in r.json()["error"]
        r = c.post("/", content=body, headers={**JSON, "Accept": "image/png"})
        assert r.status_code == 400 and "Accept" in r.json()["error"]
        r = c.post("/", json={"prompt": "hi"})
        assert r.status_code == 400 and "inputs" in r.json()["error"]
        r = c.post("/", content=b"{broken", headers=JSON)
        assert r.status_code == 400
        r = c.post("/", json={"inputs": "boom"})
        assert (r.status_code, r.json()) == (400, {"error": "the handler refused this"})
        # The toolkit's conversion: digits to int, exact true/false to bool, anything else stays text.
        r = c.post("/?num_frames=9&guidance_scale=3.5&fast=true&slow=False", json={"inputs": "q"})
        assert r.json()["echo"]["parameters"] == {
            "num_frames": 9,
            "guidance_scale": "3.5",
            "fast": True,
            "slow": "False",
        }


def test_token_is_required_as_bearer(server):
    url = server(FakeHandler(), token="serve-secret").url
    with httpx2.Client(base_url=url, timeout=10) as c:
        # /health answers a probe that carries no token (it says only "Ok"); predicting needs one.
        assert (c.get("/health").status_code, c.get("/health").text) == (200, "Ok")
        assert c.post("/", json={"inputs": "x"}).status_code == 401
        r = c.post("/", json={"inputs": "x"}, headers={"Authorization": "Bearer wrong"})
        assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"
        ok = c.post("/", json={"inputs": "x"}, headers={"Authorization": "Bearer serve-secret"})
        assert ok.status_code == 200
        assert c.get("/health", headers={"Authorization": "Bearer serve-secret"}).status_code == 200


def test_one_generation_at_a_time_others_queued(server):
    handler = FakeHandler(delay=0.3)
    url = server(handler).url
    results = []

    def post():
        with httpx2.Client(timeout=10) as c:
            results.append(c.post(url, json={"inputs": "x"}).status_code)

    threads = [threading.Thread(target=post) for _ in range(3)]
    started = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    assert results == [200, 200, 200] and handler.most == 1
    assert time.monotonic() - started >= 0.85


def test_client_cancel_stops_the_generation_on_the_server(server):
    handler = FakeHandler(delay=5.0)
    url = server(handler).url
    request = GenerationRequest("x", "", 1, 5, 32, 32, 16, 2, 4.0, None, ModelSpec("m"))
    cancel = CancelToken()
    threading.Timer(0.3, cancel.cancel).start()
    with pytest.raises(Exception) as info:
        RemoteBackend(url).run(request, Path("/nonexistent/x.mp4"), lambda p: None, cancel)
    assert type(info.value).__name__ == "Cancelled"
    deadline = time.monotonic() + 3
    while not handler.cancelled and time.monotonic() < deadline:
        time.sleep(0.02)
    assert handler.cancelled == 1


def test_serve_refuses_a_public_bind_without_token(capsys, monkeypatch):
    monkeypatch.delenv("STORYREEL_SERVE_TOKEN", raising=False)
    assert run_cli(["serve", "--model", "x", "--host", "0.0.0.0"]) == 2
    assert "without a token" in capsys.readouterr().err


def test_serve_command_end_to_end(tiny_a14b):
    """The real command in its own process: listens, answers /health, generates, stops on SIGINT."""
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        [
            sys.executable,
            "main.py",
            "serve",
            "--model",
            str(tiny_a14b),
            "--port",
            "0",
            "--device",
            "cpu",
            "--threads",
            "1",
            "--token",
            "t0k",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        url = None
        deadline = time.monotonic() + 60
        while url is None and time.monotonic() < deadline:
            line = proc.stdout.readline()
            if not line and proc.poll() is not None:
                break
            if line.startswith("Serving"):
                url = line.split(" on ")[1].split(" ")[0]
        assert url, proc.stderr.read()
        auth = {"Authorization": "Bearer t0k"}
        with httpx2.Client(timeout=60) as c:
            assert c.get(url + "health", headers=auth).text == "Ok"
            r = c.post(
                url,
                headers=auth,
                json={
                    "inputs": "a boat",
                    "parameters": {
                        "num_frames": 5,
                        "width": 32,
                        "height": 32,
                        "num_inference_steps": 1,
                        "seed": 3,
                    },
                },
            )
            assert r.status_code == 200 and r.json()["seed"] == 3 and r.json()["content_type"] == "video/mp4"
            r = c.post(url, headers=auth, json={"inputs": "a boat", "parameters": {"num_frames": 9999}})
            assert r.status_code == 400 and "num_frames" in r.json()["error"]
        proc.send_signal(signal.SIGINT)
        assert proc.wait(20) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(10)
