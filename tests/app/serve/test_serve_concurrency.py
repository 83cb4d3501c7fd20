"""`build_app(concurrent=N)`: the farm's front runs N handler calls at once; `serve` keeps one."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import httpx2
import pytest

from app.serve.server import ServerThread, build_app

BODY = {"inputs": "a kite"}


def _handler(barrier: threading.Barrier):
    def handler(data: dict, cancel=None) -> dict:
        barrier.wait()  # returns only once `parties` calls are inside at the same time
        return {"ok": True}

    return handler


def _post_two(url: str) -> list[int]:
    with ThreadPoolExecutor(2) as pool:
        answers = list(pool.map(lambda _: httpx2.post(url, json=BODY, timeout=30), range(2)))
    return [a.status_code for a in answers]


def test_two_calls_run_at_once_with_concurrent_2():
    barrier = threading.Barrier(2, timeout=10)
    with ServerThread(build_app(_handler(barrier), concurrent=2)) as server:
        assert _post_two(server.url) == [200, 200]


def test_the_default_runs_one_call_at_a_time():
    barrier = threading.Barrier(2, timeout=2)
    with ServerThread(build_app(_handler(barrier))) as server:
        codes = _post_two(server.url)
    # Alone inside, the first call's barrier breaks (400 with the error); the second then breaks too.
    assert codes == [400, 400]
    with pytest.raises(threading.BrokenBarrierError):
        barrier.wait()
