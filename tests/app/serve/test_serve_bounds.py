"""`serve` under hostile clients: body limits, header and body deadlines, a connection flood, bad numbers."""

from __future__ import annotations

import json
import os
import resource
import socket
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import httpx2
import pytest

from app.serve.server import ServerThread, build_app
from engine.endpoint.protocol import parse_body
from engine.endpoint.request_limits import EndpointLimits

ROOT = Path(__file__).resolve().parents[3]
HEAD = "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"


def checking_handler(data: dict, cancel=None) -> dict:
    """The real request check, then an answer without a clip."""
    return {"fields": parse_body(data, EndpointLimits(), 16)}


def nan_handler(data: dict, cancel=None) -> dict:
    return {"value": float("nan")}


def connect(port: int, timeout: float = 5.0) -> socket.socket:
    return socket.create_connection(("127.0.0.1", port), timeout=timeout)


def read_status(sock: socket.socket) -> tuple[int, bytes]:
    """The status code and what came with it, reading until the server closes or a full head arrived."""
    data = b""
    while b"\r\n\r\n" not in data or not data.rstrip().endswith(b"}"):  # a head and its JSON body
        chunk = sock.recv(65536)
        if not chunk:
            break
        data += chunk
    if not data:
        return 0, b""
    return int(data.split(b" ", 2)[1]), data


@pytest.fixture
def serve():
    servers = []

    def start(handler=checking_handler, **options) -> ServerThread:
        app_options = {k: options.pop(k) for k in ("max_body", "body_timeout") if k in options}
        s = ServerThread(build_app(handler, **app_options), **options).start()
        servers.append(s)
        return s

    yield start
    for s in servers:
        s.stop()


def test_content_length_over_the_limit_is_refused_before_the_body(serve):
    port = serve().port
    with connect(port) as sock:
        sock.sendall((HEAD + f"Content-Length: {1 << 30}\r\n\r\n").encode() + b"{" * 1000)
        started = time.monotonic()
        status, head = read_status(sock)
    assert status == 413 and time.monotonic() - started < 2
    assert b"1073741824 bytes" in head


def test_a_streamed_body_is_counted_as_it_arrives(serve):
    """Chunked, no Content-Length: the server answers 413 once past the limit, not after 1 GiB."""
    port = serve(max_body=64 * 1024).port
    chunk = b"x" * 8192
    sent = 0
    with connect(port) as sock:
        sock.sendall((HEAD + "Transfer-Encoding: chunked\r\n\r\n").encode())
        sock.settimeout(0.05)
        answer = b""
        while sent < 32 << 20 and not answer:  # bounded: stops by itself at 32 MiB
            try:
                sock.sendall(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                sent += len(chunk)
                answer = sock.recv(65536)
            except TimeoutError:
                continue
            except (BrokenPipeError, ConnectionResetError):
                break
        sock.settimeout(5)
        if not answer:
            answer = read_status(sock)[1]
    assert answer.startswith(b"HTTP/1.1 413"), answer[:100]
    # Answered early: what was sent beyond the limit is the socket buffers', not a read of it all.
    assert sent < 16 << 20


def test_a_client_that_never_finishes_its_headers_is_dropped(serve):
    port = serve(header_timeout=0.5).port
    with connect(port) as sock:
        sock.sendall(b"POST / HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # and nothing more
        started = time.monotonic()
        assert sock.recv(100) == b""  # closed by the server
    assert 0.4 < time.monotonic() - started < 3


def test_a_body_that_stalls_gets_408(serve):
    port = serve(body_timeout=0.5).port
    with connect(port) as sock:
        sock.sendall((HEAD + "Content-Length: 100\r\n\r\n").encode() + b'{"inputs": ')
        started = time.monotonic()
        status, _ = read_status(sock)
    assert status == 408 and time.monotonic() - started < 3


FLOOD_SERVER = textwrap.dedent(
    """
    import resource, sys, time
    resource.setrlimit(resource.RLIMIT_NOFILE, (1024, 1024))
    from app.serve.server import ServerThread, build_app
    server = ServerThread(build_app(lambda data, cancel=None: {"ok": True})).start()
    print(server.port, flush=True)
    sys.stdin.read()  # until the test closes our stdin
    server.stop()
    """
)


@pytest.mark.slow
def test_health_answers_under_1100_slow_clients_with_1024_descriptors():
    """The issue's case: 1,100 unfinished heads on a server limited to 1,024 file descriptors."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard != resource.RLIM_INFINITY and hard < 1300:
        pytest.skip(f"this test needs 1,300 file descriptors (hard limit {hard})")
    if soft != resource.RLIM_INFINITY and soft < 1300:
        resource.setrlimit(resource.RLIMIT_NOFILE, (1300, hard))  # our own 1,100 client sockets
    proc = subprocess.Popen(
        [sys.executable, "-c", FLOOD_SERVER],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    slow: list[socket.socket] = []
    try:
        port = int(proc.stdout.readline())
        for _ in range(1100):
            try:
                sock = socket.create_connection(("127.0.0.1", port), timeout=5)
                sock.sendall(b"GET /health HTTP/1.1\r\nHost: 127")  # never finished
                slow.append(sock)
            except OSError:
                break  # the server closed an evicted one under us: that is its defence
        assert len(slow) >= 1000
        for _ in range(3):
            started = time.monotonic()
            r = httpx2.get(f"http://127.0.0.1:{port}/health", timeout=5)
            assert (r.status_code, r.text) == (200, "Ok")
            assert time.monotonic() - started < 2
        assert proc.poll() is None
    finally:
        for sock in slow:
            sock.close()
        proc.stdin.close()
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(5)
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))


@pytest.mark.parametrize(
    "raw, words",
    [
        ('{"inputs": "a", "parameters": {"guidance_scale": NaN}}', "not valid JSON"),
        ('{"inputs": "a", "parameters": {"guidance_scale": Infinity}}', "not valid JSON"),
        ('{"inputs": "a", "parameters": {"guidance_scale": -Infinity}}', "not valid JSON"),
        ('{"inputs": "a", "parameters": {"guidance_scale": 1e6}}', "finite 0 to 50"),
        ('{"inputs": "a", "parameters": {"guidance_scale_2": -1}}', "finite 0 to 50"),
        ('{"inputs": "a", "parameters": {"seed": 4294967296}}', "seed"),
        ('{"inputs": "a", "parameters": {"num_frames": 1e400}}', "whole number"),
        ('{"inputs": "a", "parameters": {"seed": 1' + "0" * 5000 + "}}", "not valid JSON"),
        ("[" * 100000 + "]" * 100000, "not valid JSON"),
    ],
)
def test_every_number_is_finite_and_within_the_schema(serve, raw, words):
    url = serve().url
    r = httpx2.post(url, content=raw.encode(), headers={"Content-Type": "application/json"}, timeout=10)
    assert r.status_code == 400 and words in r.json()["error"], r.text


def test_guidance_at_the_schema_bounds_is_taken(serve):
    url = serve().url
    for value in (0, 50, 4.5):
        r = httpx2.post(url, json={"inputs": "a", "parameters": {"guidance_scale": value}}, timeout=10)
        assert r.status_code == 200 and r.json()["fields"]["guidance_scale"] == value


def test_the_answer_is_always_standard_json(serve):
    url = serve(nan_handler).url
    r = httpx2.post(url, json={"inputs": "a"}, timeout=10)
    assert r.status_code == 500
    assert "standard JSON" in json.loads(r.text, parse_constant=lambda c: pytest.fail(f"got {c}"))["error"]
