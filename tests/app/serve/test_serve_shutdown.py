"""`main.py serve` sent SIGTERM while it generates: 503 + Retry-After, the running one stopped, exit 0."""

from __future__ import annotations

import concurrent.futures
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx2
import pytest

ROOT = Path(__file__).resolve().parents[3]
AUTH = {"Authorization": "Bearer t0k"}
# Long enough on a CPU with one thread that SIGTERM lands mid-generation (the tiny model, 100 steps).
# About 40 s on a quiet 2-core machine (64×64 took under 2 s): still running when SIGTERM comes, at any load.
SLOW = {"num_frames": 81, "width": 256, "height": 256, "num_inference_steps": 100, "seed": 3}


def start_serve(model: Path, grace: float) -> tuple[subprocess.Popen, str]:
    """The real command in its own process, and its URL once it listens."""
    proc = subprocess.Popen(
        [sys.executable, "main.py", "serve", "--model", str(model), "--port", "0", "--device", "cpu"]
        + ["--threads", "1", "--token", "t0k", "--grace", str(grace)],
        cwd=ROOT,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    for line in proc.stdout:  # ends when the process does (the test's timeout bounds a hang)
        if line.startswith("Serving"):
            return proc, line.split(" on ")[1].split(" ")[0]
    proc.kill()
    raise AssertionError(proc.communicate()[1])


def post(url: str, parameters: dict) -> httpx2.Response:
    with httpx2.Client(timeout=120) as client:
        return client.post(url, headers=AUTH, json={"inputs": "a boat", "parameters": parameters})


@pytest.mark.slow  # about 10-20 s of CPU on 2 cores
def test_sigterm_while_generating_answers_503_and_exits_0(tiny_a14b):
    proc, url = start_serve(tiny_a14b, grace=1.0)
    try:
        with concurrent.futures.ThreadPoolExecutor(2) as pool:
            running = pool.submit(post, url, SLOW)
            time.sleep(3.0)  # the model is loaded: the generation has begun
            queued = pool.submit(post, url, {**SLOW, "seed": 4})  # waits its turn behind it
            time.sleep(0.5)
            assert not running.done()
            started = time.monotonic()
            proc.send_signal(signal.SIGTERM)
            time.sleep(0.3)
            new = post(url, {**SLOW, "seed": 5})
            assert new.status_code == 503 and new.headers["retry-after"].isdigit()
            assert "shutting down" in new.json()["error"]
            for future in (running, queued):
                answer = future.result(60)
                # Cancelled after the grace period, or refused before its turn: either way "send it again".
                assert answer.status_code == 503, answer.text
                assert answer.headers["retry-after"].isdigit()
        assert proc.wait(60) == 0
        assert time.monotonic() - started < 30
        err = proc.stderr.read() if proc.stderr else ""
        assert "Traceback" not in err and "Stopped." in err
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(10)
